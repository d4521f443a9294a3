import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  InjectionToken,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { type FormArray, type FormGroup, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { map, startWith } from 'rxjs';
import {
  type AssetClass,
  CONTRACT_TYPES,
  type ContractView,
  GERMAN_STATES,
  type PriceListView,
  type SiteView,
} from '@leitstand/api-contracts';
import { CatalogApiService } from '@leitstand/frontend/data-access';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';
import { type FieldProblem, type WriteFailure, problemsOutside, toWriteFailure } from './api-problems';
import {
  CLOCK_KEYS,
  type CalendarModel,
  type ContractModel,
  type KpiModel,
  PRIORITY_KEYS,
  type SlaCellModel,
  WEEKDAY_KEYS,
  emptyCalendar,
  fromContract,
  newContractModel,
  toCalendars,
  toContractRequest,
} from './contract-form';
import { DEFAULT_REGION, buildPreviewCalendars, nextOpenings, sampleDeadlines } from './contract-preview';
import { FieldProblemsComponent } from './field-problems.component';
import { WriteFailureComponent } from './write-failure.component';

/** "Now" for the preview (a fixed instant in tests). */
export const ADMIN_NOW = new InjectionToken<() => Date>('ADMIN_NOW', { factory: () => () => new Date() });

/** The paths the editor shows problems at; anything else goes into the summary at the top. */
const PLACED_PATHS = [
  'name',
  'type',
  'startsOn',
  'endsOn',
  'siteIds',
  'annualVolume',
  'priceListId',
  'capexThreshold',
  'scope',
  'calendars',
  'slaMatrix',
  'availabilityTargets',
  'availabilityBasis',
  'quietWarningsCalendar',
  'bonusMalus',
  'indexation',
];

/** `2026-12-04T17:30` in the browser's zone, for `<input type="datetime-local">`. */
function toLocalInput(date: Date): string {
  const pad = (n: number) => n.toString().padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * Creates (`tenants/:tenantId/contracts/new`) or edits (`contracts/:contractId`) a contract: terms, covered sites,
 * scope, service calendars with a preview of their next openings, the SLA matrix with a sample deadline, availability
 * targets, bonus/malus rules, indexation clause and capex threshold. The server validates with the domain and
 * names each problem's path; the preview runs the same domain functions in the browser.
 */
@Component({
  selector: 'ls-admin-contract-page',
  imports: [
    RouterLink,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    FieldProblemsComponent,
    WriteFailureComponent,
  ],
  templateUrl: './contract-page.component.html',
  styleUrl: './contract-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContractPageComponent {
  private readonly api = inject(CatalogApiService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly i18n = inject(I18nService);
  private readonly now = inject(ADMIN_NOW);

  /** Route parameters: `tenantId` when creating, `contractId` when editing. */
  readonly tenantId = input<string>();
  readonly contractId = input<string>();

  protected readonly contractTypes = CONTRACT_TYPES;
  protected readonly states = GERMAN_STATES;
  protected readonly weekdays = WEEKDAY_KEYS;
  protected readonly priorities = PRIORITY_KEYS;
  protected readonly clocks = CLOCK_KEYS;

  protected readonly contract = signal<ContractView | null>(null);
  protected readonly sites = signal<SiteView[]>([]);
  protected readonly priceLists = signal<PriceListView[]>([]);
  protected readonly ownerId = computed(() => this.contract()?.tenantId ?? this.tenantId() ?? null);
  protected readonly loadFailure = signal<WriteFailure | null>(null);
  protected readonly failure = signal<WriteFailure | null>(null);
  protected readonly problems = computed<readonly FieldProblem[]>(() => this.failure()?.fields ?? []);
  protected readonly unplaced = computed(() => problemsOutside(this.problems(), PLACED_PATHS));
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);

  protected readonly form = this.buildForm(newContractModel());
  protected readonly samplePriority = signal<AssetClass>('B');
  protected readonly sampleAt = signal(toLocalInput(this.now()));

  private readonly value = toSignal(
    this.form.valueChanges.pipe(
      startWith(null),
      map(() => this.form.getRawValue() as ContractModel),
    ),
    { requireSync: true },
  );

  /** The calendar keys the matrix, basis and quiet-warnings selects offer. */
  protected readonly calendarKeys = computed(() =>
    this.value()
      .calendars.map((c) => c.key.trim())
      .filter((k) => k !== ''),
  );

  /** Where the preview evaluates the calendars: the first covered site, else Europe/Berlin, nationwide holidays. */
  protected readonly region = computed(() => {
    const first = this.sites().find((s) => this.value().siteIds.includes(s.id));
    return first
      ? { timezone: first.timezone, state: first.state, siteName: first.name }
      : { ...DEFAULT_REGION, siteName: null };
  });

  private readonly preview = computed(() => buildPreviewCalendars(toCalendars(this.value().calendars), this.region()));
  protected readonly previewProblems = computed(() => this.preview().problems);

  /** Per calendar (by index): the next five openings as text, or null when the calendar does not build. */
  protected readonly openings = computed(() => {
    const { calendars } = this.preview();
    const now = this.now();
    const format = this.formatter();
    return this.value().calendars.map((c) => {
      const calendar = calendars[c.key.trim()];
      if (!calendar) return null;
      return nextOpenings(calendar, now, 5).map((o) => ({
        from: format(o.from, calendar.timezone),
        to: o.to ? format(o.to, calendar.timezone) : null,
      }));
    });
  });

  protected readonly sample = computed(() => {
    const at = new Date(this.sampleAt());
    if (Number.isNaN(at.getTime())) return null;
    const request = toContractRequest(this.value());
    const result = sampleDeadlines(request.slaMatrix, this.preview().calendars, this.samplePriority(), at);
    if (!result.ok) return { ok: false as const, problems: result.problems };
    const format = this.formatter();
    const zone = this.region().timezone;
    return {
      ok: true as const,
      rows: result.deadlines.map((d) => ({
        clock: d.clock,
        deadline: d.deadline ? format(d.deadline, zone) : null,
        warningAt: d.warningAt ? format(d.warningAt, zone) : null,
      })),
    };
  });

  constructor() {
    effect(() => {
      const contractId = this.contractId();
      const tenantId = this.tenantId();
      if (contractId) this.load();
      else if (tenantId) this.loadSites(tenantId);
    });
    this.api
      .priceLists()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (page) => this.priceLists.set(page.items), error: () => this.priceLists.set([]) });
  }

  private formatter(): (date: Date, timeZone: string) => string {
    const locale = this.i18n.locale();
    return (date, timeZone) =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        weekday: 'short',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }).format(date);
  }

  // ── form structure ───────────────────────────────────────────────────────────────────────────
  private calendarGroup(c: CalendarModel) {
    return this.fb.group({
      key: c.key,
      timezone: c.timezone,
      holidayRegion: c.holidayRegion,
      week: this.fb.group({ ...c.week }),
      holidayWindows: c.holidayWindows,
      holidays: c.holidays,
    });
  }

  private kpiGroup(k: KpiModel) {
    return this.fb.group({ ...k });
  }

  private cellGroup(cell: SlaCellModel) {
    return this.fb.group({ ...cell });
  }

  private buildForm(m: ContractModel) {
    const row = (p: AssetClass) =>
      this.fb.group({
        response: this.cellGroup(m.slaMatrix[p].response),
        restore: this.cellGroup(m.slaMatrix[p].restore),
      });
    return this.fb.group({
      name: m.name,
      type: m.type,
      startsOn: m.startsOn,
      endsOn: m.endsOn,
      siteIds: this.fb.control<string[]>(m.siteIds),
      annualVolume: m.annualVolume,
      priceListId: m.priceListId,
      capexThreshold: m.capexThreshold,
      trades: m.trades,
      assetClasses: this.fb.control<AssetClass[]>(m.assetClasses),
      exclusions: m.exclusions,
      calendars: this.fb.array(m.calendars.map((c) => this.calendarGroup(c))),
      slaMatrix: this.fb.group({ A: row('A'), B: row('B'), C: row('C') }),
      availabilityTargets: this.fb.group({ ...m.availabilityTargets }),
      availabilityBasis: m.availabilityBasis,
      quietWarningsCalendar: m.quietWarningsCalendar,
      bonusMalusEnabled: m.bonusMalusEnabled,
      bonusMalusCap: m.bonusMalusCap,
      kpis: this.fb.array(m.kpis.map((k) => this.kpiGroup(k))),
      indexationEnabled: m.indexationEnabled,
      fixedShare: m.fixedShare,
      labourShare: m.labourShare,
      materialShare: m.materialShare,
      labourIndex: m.labourIndex,
      materialIndex: m.materialIndex,
    });
  }

  protected get calendarArray(): FormArray<FormGroup> {
    return this.form.controls.calendars as unknown as FormArray<FormGroup>;
  }

  protected get kpiArray(): FormArray<FormGroup> {
    return this.form.controls.kpis as unknown as FormArray<FormGroup>;
  }

  private showModel(m: ContractModel): void {
    this.form.controls.calendars.clear({ emitEvent: false });
    for (const c of m.calendars) this.form.controls.calendars.push(this.calendarGroup(c), { emitEvent: false });
    this.form.controls.kpis.clear({ emitEvent: false });
    for (const k of m.kpis) this.form.controls.kpis.push(this.kpiGroup(k), { emitEvent: false });
    this.form.reset(m);
  }

  protected addCalendar(): void {
    const taken = new Set(this.calendarKeys());
    let n = this.calendarArray.length + 1;
    while (taken.has(`calendar-${n}`)) n++;
    this.form.controls.calendars.push(this.calendarGroup(emptyCalendar(`calendar-${n}`)));
  }

  protected removeCalendar(index: number): void {
    this.form.controls.calendars.removeAt(index);
  }

  protected addKpi(): void {
    this.form.controls.kpis.push(
      this.kpiGroup({ kpi: '', label: '', unit: '%', kind: 'linear', rows: '', otherwise: '' }),
    );
  }

  protected removeKpi(index: number): void {
    this.form.controls.kpis.removeAt(index);
  }

  protected calendarPath(index: number): string {
    return `calendars.${this.value().calendars[index]?.key.trim() ?? ''}`;
  }

  // ── loading and saving ───────────────────────────────────────────────────────────────────────
  load(): void {
    const id = this.contractId();
    if (!id) return;
    this.failure.set(null);
    this.api
      .contract(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (contract) => {
          this.show(contract);
          this.loadSites(contract.tenantId);
        },
        error: (error: unknown) => this.loadFailure.set(toWriteFailure(error)),
      });
  }

  private loadSites(tenantId: string): void {
    this.api
      .sites(tenantId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (page) => this.sites.set(page.items), error: () => this.sites.set([]) });
  }

  private show(contract: ContractView): void {
    this.contract.set(contract);
    this.showModel(fromContract(contract));
  }

  protected save(): void {
    const body = toContractRequest(this.form.getRawValue() as ContractModel);
    const contract = this.contract();
    this.saving.set(true);
    this.saved.set(false);
    this.failure.set(null);
    const request = contract
      ? this.api.updateContract(contract.id, contract.version, body)
      : this.api.createContract({ ...body, tenantId: this.tenantId() ?? '' });
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (saved) => {
        this.saving.set(false);
        if (contract) {
          this.saved.set(true);
          this.show(saved);
        } else {
          void this.router.navigate(['/admin/contracts', saved.id]);
        }
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.failure.set(toWriteFailure(error));
      },
    });
  }
}

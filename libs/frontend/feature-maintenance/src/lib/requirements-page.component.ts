import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource, takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NgTemplateOutlet } from '@angular/common';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { map, startWith } from 'rxjs';
import {
  CatalogApiService,
  MaintenanceApiService,
  type MaintenanceTaskView,
  type RequirementView,
  itemsOf,
} from '@leitstand/frontend/data-access';
import { I18nService, MoneyPipe, TranslatePipe } from '@leitstand/frontend/i18n';
import { PlanDatePipe } from '@leitstand/frontend/ui';
import {
  EMPTY_REQUIREMENT_FORM,
  type FieldProblem,
  type RequirementFormField,
  type RequirementFormValue,
  type RequirementSaveFailure,
  anchorDateOf,
  changesOf,
  formValueOf,
  localProblems,
  problemsOf,
  requestOf,
  taskDefaults,
  toSaveFailure,
} from './requirement-form';

/**
 * `/maintenance/requirements?contract=&site=&asset=` — the plans (requirements) of a contract at one site
 * (optionally one asset), with a form to create or edit one: task from the catalogue, the asset or a selection by
 * the task's trade, cadence, anchor rule, lead time, performer and fee. The server's field problems are shown at
 * their fields; an edit sends If-Match (412 → reload).
 */
@Component({
  selector: 'ls-maintenance-requirements',
  imports: [
    NgTemplateOutlet,
    RouterLink,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslatePipe,
    MoneyPipe,
    PlanDatePipe,
  ],
  templateUrl: './requirements-page.component.html',
  styles: `
    .filters,
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
      align-items: baseline;
      margin-top: 1rem;
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      text-align: left;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .form {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
      gap: 0 1rem;
      margin: 1rem 0;
      padding: 1rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    .form h2,
    .wide {
      grid-column: 1 / -1;
    }
    .field-problems {
      margin: -12px 0 12px;
      padding-left: 16px;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .failure {
      grid-column: 1 / -1;
      padding: 8px 16px;
      border-left: 4px solid var(--mat-sys-error);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequirementsPageComponent {
  private readonly catalog = inject(CatalogApiService);
  private readonly api = inject(MaintenanceApiService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly i18n = inject(I18nService);

  /** Query parameters (router component input binding). */
  readonly contract = input<string | undefined>();
  readonly site = input<string | undefined>();
  readonly asset = input<string | undefined>();

  protected readonly contracts = rxResource({
    stream: () => this.catalog.contracts().pipe(map((page) => page.items)),
  });
  protected readonly sites = rxResource({ stream: () => this.catalog.sites().pipe(map((page) => page.items)) });
  protected readonly tasks = rxResource({ stream: () => this.api.tasks().pipe(map(itemsOf)) });

  protected readonly contractId = linkedSignal<string | null>(() => {
    const list = this.contracts.hasValue() ? this.contracts.value() : [];
    return list.find((c) => c.id === this.contract())?.id ?? list[0]?.id ?? null;
  });
  private readonly selectedContract = computed(
    () => (this.contracts.hasValue() ? this.contracts.value() : []).find((c) => c.id === this.contractId()) ?? null,
  );
  /** The sites of the chosen contract. */
  protected readonly contractSites = computed(() => {
    const contract = this.selectedContract();
    const sites = this.sites.hasValue() ? this.sites.value() : [];
    return contract ? sites.filter((s) => contract.siteIds.includes(s.id)) : [];
  });
  protected readonly siteId = linkedSignal<string | null>(() => {
    const sites = this.contractSites();
    return sites.find((s) => s.id === this.site())?.id ?? sites[0]?.id ?? null;
  });
  protected readonly assetId = linkedSignal<string>(() => this.asset() ?? '');

  protected readonly requirements = rxResource({
    params: () => {
      const contractId = this.contractId();
      const siteId = this.siteId();
      return contractId && siteId ? { contractId, siteId, assetId: this.assetId() } : undefined;
    },
    stream: ({ params }) => this.api.requirements(params).pipe(map(itemsOf)),
  });
  protected readonly assets = rxResource({
    params: () => this.siteId() ?? undefined,
    stream: ({ params }) => this.catalog.assets({ siteId: params, limit: 200 }).pipe(map((page) => page.items)),
  });

  private readonly taskByKey = computed(
    () => new Map((this.tasks.hasValue() ? this.tasks.value() : []).map((t) => [t.key, t])),
  );
  /** The catalogue grouped by trade for the task picker. */
  protected readonly taskGroups = computed(() => {
    const groups = new Map<string, MaintenanceTaskView[]>();
    for (const task of this.tasks.hasValue() ? this.tasks.value() : []) {
      groups.set(task.trade, [...(groups.get(task.trade) ?? []), task]);
    }
    return [...groups.entries()].map(([trade, tasks]) => ({ trade, tasks }));
  });

  /** The requirement being edited, 'new' while creating, null while the form is closed. */
  protected readonly editing = signal<RequirementView | 'new' | null>(null);
  protected readonly busy = signal(false);
  protected readonly saved = signal(false);
  protected readonly failure = signal<RequirementSaveFailure | null>(null);
  private readonly clientProblems = signal<FieldProblem[]>([]);
  protected readonly problems = computed(() => [...this.clientProblems(), ...(this.failure()?.fields ?? [])]);

  readonly form = this.fb.group({
    taskKey: [EMPTY_REQUIREMENT_FORM.taskKey],
    title: [EMPTY_REQUIREMENT_FORM.title],
    assetId: [EMPTY_REQUIREMENT_FORM.assetId],
    cadenceEvery: [EMPTY_REQUIREMENT_FORM.cadenceEvery],
    cadenceUnit: this.fb.control(EMPTY_REQUIREMENT_FORM.cadenceUnit),
    anchorKind: this.fb.control(EMPTY_REQUIREMENT_FORM.anchorKind),
    anchorDate: [EMPTY_REQUIREMENT_FORM.anchorDate],
    intermediate: [EMPTY_REQUIREMENT_FORM.intermediate],
    leadDays: [EMPTY_REQUIREMENT_FORM.leadDays],
    performer: this.fb.control(EMPTY_REQUIREMENT_FORM.performer),
    fee: [EMPTY_REQUIREMENT_FORM.fee],
    active: [EMPTY_REQUIREMENT_FORM.active],
  });
  private readonly taskKey = toSignal(
    this.form.controls.taskKey.valueChanges.pipe(startWith(this.form.controls.taskKey.value)),
    { initialValue: '' },
  );
  protected readonly anchorKind = toSignal(
    this.form.controls.anchorKind.valueChanges.pipe(startWith(this.form.controls.anchorKind.value)),
    { initialValue: EMPTY_REQUIREMENT_FORM.anchorKind },
  );
  protected readonly selectedTask = computed(() => this.taskByKey().get(this.taskKey()) ?? null);
  /** The assets the picked task applies to (its trade); all of the site before a task is picked. */
  protected readonly assetChoices = computed(() => {
    const trade = this.selectedTask()?.trade;
    const assets = this.assets.hasValue() ? this.assets.value() : [];
    return trade ? assets.filter((a) => a.trade === trade) : assets;
  });
  private readonly assetById = computed(
    () => new Map((this.assets.hasValue() ? this.assets.value() : []).map((a) => [a.id, a])),
  );

  constructor() {
    // A picked task proposes its catalogue defaults (only while creating: an edit keeps what was planned).
    this.form.controls.taskKey.valueChanges.pipe(takeUntilDestroyed(this.destroyRef)).subscribe((key) => {
      const task = this.taskByKey().get(key);
      if (task && this.editing() === 'new') this.form.patchValue(taskDefaults(task));
    });
  }

  protected taskTitle(key: string): string {
    const task = this.taskByKey().get(key);
    if (!task) return key;
    return this.i18n.language() === 'en' ? task.title.en : task.title.de;
  }

  protected assetText(requirement: RequirementView): string {
    if (!requirement.assetId) {
      return `${requirement.trade ?? ''} (${this.i18n.t('maint.req.wholeSite')})`.trim();
    }
    const asset = this.assetById().get(requirement.assetId);
    return asset ? `${asset.code} ${asset.name}` : requirement.assetId;
  }

  protected anchorDate(requirement: RequirementView): string {
    return anchorDateOf(requirement.anchor);
  }

  protected problemsAt(field: RequirementFormField): FieldProblem[] {
    return problemsOf(this.problems(), field);
  }

  protected problemText(problem: FieldProblem): string[] {
    return [...(problem.keys ?? []).map((key) => this.i18n.t(key)), ...problem.messages];
  }

  protected selectContract(id: string): void {
    this.contractId.set(id);
    this.closeForm();
    this.syncUrl();
  }

  protected selectSite(id: string): void {
    this.siteId.set(id);
    this.closeForm();
    this.syncUrl();
  }

  protected openNew(): void {
    this.editing.set('new');
    this.form.reset({ ...EMPTY_REQUIREMENT_FORM, assetId: this.assetId() });
    this.form.controls.taskKey.enable();
    this.form.controls.assetId.enable();
    this.resetOutcome();
  }

  protected openEdit(requirement: RequirementView): void {
    this.editing.set(requirement);
    this.form.reset(formValueOf(requirement));
    // A plan's task and asset are what it is: another task or asset is another plan (the API refuses the change).
    this.form.controls.taskKey.disable();
    this.form.controls.assetId.disable();
    this.resetOutcome();
  }

  protected closeForm(): void {
    this.editing.set(null);
    this.resetOutcome();
  }

  protected save(): void {
    const editing = this.editing();
    const contractId = this.contractId();
    const siteId = this.siteId();
    if (!editing || !contractId || !siteId || this.busy()) return;
    const value: RequirementFormValue = this.form.getRawValue();
    const problems = localProblems(value);
    this.clientProblems.set(problems);
    this.failure.set(null);
    this.saved.set(false);
    if (problems.length > 0) return;
    const body = requestOf(value, { contractId, siteId, trade: this.selectedTask()?.trade ?? null });
    this.busy.set(true);
    const request =
      editing === 'new'
        ? this.api.createRequirement(body)
        : this.api.updateRequirement(editing.id, editing.version, changesOf(body));
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: () => {
        this.busy.set(false);
        this.editing.set(null);
        this.saved.set(true);
        this.requirements.reload();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.failure.set(toSaveFailure(error));
      },
    });
  }

  /** After a 412: the current version from the server, the form reopened on it. */
  protected reloadStale(): void {
    const editing = this.editing();
    this.requirements.reload();
    if (editing && editing !== 'new') {
      this.api
        .requirements({ contractId: editing.contractId, siteId: editing.siteId })
        .pipe(map(itemsOf), takeUntilDestroyed(this.destroyRef))
        .subscribe((list) => {
          const current = list.find((r) => r.id === editing.id);
          if (current) this.openEdit(current);
        });
    }
  }

  private resetOutcome(): void {
    this.clientProblems.set([]);
    this.failure.set(null);
    this.saved.set(false);
  }

  private syncUrl(): void {
    void this.router.navigate([], {
      queryParams: { contract: this.contractId(), site: this.siteId(), asset: this.assetId() || null },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }
}

import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { type Observable, of, switchMap } from 'rxjs';
import { type ChecklistOutcome, INSPECTION_RESULTS, type OccurrenceDetail } from '@leitstand/api-contracts';
import { MaintenanceApiService, uploadFailureOf } from '@leitstand/frontend/data-access';
import { I18nService, TranslatePipe } from '@leitstand/frontend/i18n';
import {
  DocumentGalleryComponent,
  OccurrenceStatusComponent,
  PlanDatePipe,
  missingEvidenceText,
  uploadFailureKey,
} from '@leitstand/frontend/ui';
import {
  type ChecklistDraft,
  type InspectionRecordDraft,
  checklistDrafts,
  checklistResults,
  evidenceMissingOf,
  failedKeys,
  followUpTicketNumbers,
  isClosed,
  minutesOf,
  needsInspectionRecord,
  recordDraftOf,
  recordOf,
} from './occurrence-execution';
import { normalizeDecimal } from './technician-workflow';

type Message = { text: string; error: boolean } | null;

/** Today as 'yyyy-mm-dd' in Europe/Berlin (the default of an inspection record's date). */
function berlinToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(now);
}

/**
 * `/technician/occurrences/:id` — carrying out a maintenance or inspection on the phone: start, the task's
 * checklist (pass / fail / n. a. and readings), working time and material, evidence (a photo from the camera, the
 * body's report as PDF), the inspection record of BetrSichV §17, and "Abschließen". A refused completion (409
 * evidence-missing) lists each missing item in words; a failed item becomes a fault ticket on the server.
 */
@Component({
  selector: 'ls-occurrence-execution',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslatePipe,
    PlanDatePipe,
    DocumentGalleryComponent,
    OccurrenceStatusComponent,
  ],
  templateUrl: './occurrence-execution.component.html',
  styleUrl: './occurrence-execution.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OccurrenceExecutionComponent {
  private readonly api = inject(MaintenanceApiService);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly i18n = inject(I18nService);

  /** Route parameter (component input binding). */
  readonly id = input.required<string>();

  protected readonly results = INSPECTION_RESULTS;
  protected readonly outcomes: readonly ChecklistOutcome[] = ['pass', 'fail', 'not-applicable'];
  protected readonly occurrence = signal<OccurrenceDetail | null>(null);
  protected readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly busy = signal(false);
  protected readonly message = signal<Message>(null);
  /** The words of each missing piece of evidence after a refused completion. */
  protected readonly missing = signal<string[]>([]);

  protected readonly drafts = signal<Record<string, ChecklistDraft>>({});
  protected readonly checklistDirty = signal(false);
  protected record: InspectionRecordDraft = recordDraftOf(null, berlinToday(new Date()));
  protected readonly recordDirty = signal(false);
  protected minutes = '';
  protected workNote = '';
  protected material = { description: '', quantity: '1', unit: 'Stk', unitPrice: '' };

  protected readonly checklist = computed(() => this.occurrence()?.task.checklist ?? []);
  protected readonly failed = computed(() => failedKeys(this.drafts()));
  protected readonly closed = computed(() => {
    const o = this.occurrence();
    return o !== null && isClosed(o.status);
  });
  /** The fault tickets the completion raised (their numbers). */
  protected readonly followUps = computed(() => followUpTicketNumbers(this.occurrence()?.events ?? []));
  protected readonly started = computed(() => Boolean(this.occurrence()?.startedAt));
  protected readonly showRecord = computed(() => {
    const o = this.occurrence();
    return o !== null && needsInspectionRecord(o);
  });

  constructor() {
    // Only the route's id triggers a load: load() reads occurrence(), which each answer sets — tracked, that
    // re-ran the effect on every answer (an endless GET loop that also wiped each confirmation message).
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
  }

  protected label(item: { label: { de: string; en: string } }): string {
    return this.i18n.language() === 'en' ? item.label.en : item.label.de;
  }

  protected load(id: string, keepMessage = false): void {
    if (!this.occurrence()) this.state.set('loading');
    this.api
      .occurrence(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (o) => this.loaded(o, keepMessage),
        error: () => this.state.set('error'),
      });
  }

  private loaded(o: OccurrenceDetail, keepMessage: boolean): void {
    const first = this.occurrence()?.id !== o.id;
    this.occurrence.set(o);
    this.state.set('ready');
    if (!keepMessage) this.message.set(null);
    if (first || !this.checklistDirty()) {
      this.drafts.set(checklistDrafts(o.task.checklist, o.checklist));
      this.checklistDirty.set(false);
    }
    if (first || !this.recordDirty()) {
      this.record = recordDraftOf(o.inspectionRecord, berlinToday(new Date()));
      this.recordDirty.set(false);
    }
  }

  protected setOutcome(key: string, outcome: ChecklistOutcome): void {
    this.patchDraft(key, { outcome });
  }

  protected patchDraft(key: string, patch: Partial<ChecklistDraft>): void {
    this.drafts.update((drafts) => {
      const current = drafts[key] ?? { outcome: null, value: '', note: '' };
      return { ...drafts, [key]: { ...current, ...patch } };
    });
    this.checklistDirty.set(true);
  }

  protected start(): void {
    const o = this.occurrence();
    if (!o || this.busy()) return;
    this.run(this.api.start(o.id, o.version), 'maint.tech.started');
  }

  protected saveChecklist(): void {
    const o = this.occurrence();
    if (!o || this.busy()) return;
    this.run(this.checklistWrite(o), 'maint.tech.checklistSaved', () => this.checklistDirty.set(false));
  }

  protected saveRecord(): void {
    const o = this.occurrence();
    if (!o || this.busy()) return;
    this.run(this.api.saveInspectionRecord(o.id, o.version, recordOf(this.record)), 'maint.tech.recordSaved', () =>
      this.recordDirty.set(false),
    );
  }

  protected logWork(): void {
    const o = this.occurrence();
    const minutes = minutesOf(this.minutes);
    if (!o || this.busy()) return;
    if (minutes === null) {
      this.message.set({ text: `${this.i18n.t('maint.tech.minutes')}: 1–1440`, error: true });
      return;
    }
    const note = this.workNote.trim();
    this.run(this.api.addWorkLog(o.id, { minutes, ...(note ? { note } : {}) }), 'maint.tech.workLogged', () => {
      this.minutes = '';
      this.workNote = '';
    });
  }

  protected addMaterial(): void {
    const o = this.occurrence();
    if (!o || this.busy()) return;
    const quantity = normalizeDecimal(this.material.quantity, 3);
    const priceText = this.material.unitPrice.trim();
    const unitPrice = priceText === '' ? null : normalizeDecimal(priceText, 2);
    const description = this.material.description.trim();
    if (!description) {
      this.message.set({
        text: `${this.i18n.t('maint.tech.materialDescription')}: ${this.i18n.t('maint.req.required')}`,
        error: true,
      });
      return;
    }
    if (!quantity || !/[1-9]/.test(quantity)) {
      this.message.set({ text: this.i18n.t('tech.quantityInvalid'), error: true });
      return;
    }
    if (priceText !== '' && unitPrice === null) {
      this.message.set({ text: this.i18n.t('tech.unitPriceInvalid'), error: true });
      return;
    }
    const unit = this.material.unit.trim();
    this.run(
      this.api.addMaterial(o.id, {
        description,
        quantity,
        ...(unit ? { unit } : {}),
        ...(unitPrice ? { unitPrice } : {}),
      }),
      'maint.tech.materialSaved',
      () => (this.material = { description: '', quantity: '1', unit: 'Stk', unitPrice: '' }),
    );
  }

  protected upload(event: Event, documentClass: 'photo' | 'inspection-report'): void {
    const o = this.occurrence();
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!o || !file) return;
    const name = file.name || (documentClass === 'photo' ? 'foto.jpg' : 'pruefbericht.pdf');
    const nextTestDue = documentClass === 'inspection-report' ? this.record.nextDeadline : undefined;
    this.busy.set(true);
    this.message.set({ text: this.i18n.t('maint.tech.uploading'), error: false });
    this.api
      .uploadDocument(o.id, file, name, documentClass, nextTestDue || undefined)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          input.value = '';
          this.busy.set(false);
          this.message.set({ text: this.i18n.t('maint.tech.uploaded'), error: false });
          this.load(o.id, true);
        },
        error: (error: unknown) => {
          input.value = '';
          this.busy.set(false);
          const failure = uploadFailureOf(error);
          this.message.set({
            text: this.i18n.t(
              uploadFailureKey(failure.kind),
              failure.kind === 'invalid' ? { fields: failure.fields.join(', ') } : undefined,
            ),
            error: true,
          });
        },
      });
  }

  /**
   * Saves what is still unsaved (checklist, record), reads the current version and completes. A 409
   * evidence-missing lists each missing piece in words.
   */
  protected complete(): void {
    const o = this.occurrence();
    if (!o || this.busy()) return;
    this.missing.set([]);
    const saveRecord = this.showRecord() && this.recordDirty();
    this.busy.set(true);
    // Each write answers the detail with its new version, which the next write sends as If-Match.
    (this.checklistDirty() ? this.checklistWrite(o) : of(o))
      .pipe(
        switchMap((d) => (saveRecord ? this.api.saveInspectionRecord(d.id, d.version, recordOf(this.record)) : of(d))),
        switchMap(() => this.api.occurrence(o.id)),
        switchMap((fresh) => this.api.complete(fresh.id, fresh.version)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe({
        next: (done) => {
          this.busy.set(false);
          this.checklistDirty.set(false);
          this.recordDirty.set(false);
          const status = this.i18n.t(`maint.status.${done?.status ?? 'done-on-time'}`);
          const numbers = followUpTicketNumbers(done?.events ?? []);
          const tickets =
            numbers.length > 0 ? ` ${this.i18n.t('maint.tech.ticketCreated', { numbers: numbers.join(', ') })}` : '';
          this.message.set({ text: `${this.i18n.t('maint.tech.completed', { status })}${tickets}`, error: false });
          this.load(o.id, true);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          const missing = evidenceMissingOf(error);
          if (missing) {
            const t = (key: string, params?: Readonly<Record<string, string | number>>) => this.i18n.t(key, params);
            this.missing.set(missing.map((code) => missingEvidenceText(code, o.task, t, this.i18n.language())));
            this.message.set({ text: this.i18n.t('maint.tech.evidenceMissing'), error: true });
            this.load(o.id, true);
            return;
          }
          this.failedWrite(error, o.id);
        },
      });
  }

  private checklistWrite(o: OccurrenceDetail): Observable<OccurrenceDetail> {
    return this.api.saveChecklist(o.id, o.version, checklistResults(o.task.checklist, this.drafts()));
  }

  private run(request: Observable<unknown>, doneKey: string, after?: () => void): void {
    const id = this.occurrence()?.id;
    if (!id) return;
    this.busy.set(true);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: () => {
        this.busy.set(false);
        after?.();
        this.message.set({ text: this.i18n.t(doneKey), error: false });
        this.load(id, true);
      },
      error: (error: unknown) => this.failedWrite(error, id),
    });
  }

  private failedWrite(error: unknown, id: string): void {
    this.busy.set(false);
    const status = error instanceof HttpErrorResponse ? error.status : 0;
    if (status === 409 || status === 412 || status === 428) {
      this.message.set({ text: this.i18n.t('maint.tech.conflict'), error: true });
      this.load(id, true);
      return;
    }
    const body = error instanceof HttpErrorResponse ? (error.error as { message?: unknown } | null) : null;
    const detail = typeof body?.message === 'string' ? ` (${body.message})` : '';
    this.message.set({ text: `${this.i18n.t('maint.tech.saveError')}${detail}`, error: true });
  }
}

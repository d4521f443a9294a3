import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { AuthService, MaintenanceApiService, type OccurrenceDetail } from '@leitstand/frontend/data-access';
import { DateTimePipe, I18nService, TranslatePipe } from '@leitstand/frontend/i18n';
import {
  DocumentGalleryComponent,
  OccurrenceStatusComponent,
  PlanDatePipe,
  followUpTickets,
  missingEvidenceText,
} from '@leitstand/frontend/ui';
import { OccurrenceCancelComponent, canCancel } from './occurrence-cancel.component';

/** One checklist row of the detail: the definition's label with the recorded result (or none yet). */
export interface ChecklistRowView {
  readonly key: string;
  readonly label: string;
  readonly outcome: string | null;
  readonly value: string | null;
  readonly unit: string | null;
  readonly note: string | null;
}

/**
 * The checklist as the detail shows it: every item of the task's definition in its order with its result, then
 * results the definition does not know (a task changed later) so that none is hidden.
 */
export function checklistRows(
  detail: Pick<OccurrenceDetail, 'task' | 'checklist'>,
  language: string,
): ChecklistRowView[] {
  const results = new Map(detail.checklist.map((r) => [r.key, r]));
  const rows: ChecklistRowView[] = detail.task.checklist.map((item) => {
    const result = results.get(item.key);
    results.delete(item.key);
    return {
      key: item.key,
      label: language === 'en' ? item.label.en : item.label.de,
      outcome: result?.outcome ?? null,
      value: result?.value ?? null,
      unit: item.unit ?? null,
      note: result?.note ?? null,
    };
  });
  for (const result of results.values()) {
    rows.push({
      key: result.key,
      label: result.key,
      outcome: result.outcome,
      value: result.value ?? null,
      unit: null,
      note: result.note ?? null,
    });
  }
  return rows;
}

/**
 * `/maintenance/occurrences/:occurrenceId` — one occurrence for staff, read-only: the dates (legal latest date
 * included), the task and its basis, the checklist results, the inspection record (BetrSichV §17), events,
 * documents, time and material, missing evidence and follow-up tickets; admins, agents and managers cancel an
 * open one here with a reason and an approver.
 */
@Component({
  selector: 'ls-occurrence-detail',
  imports: [
    RouterLink,
    MatButtonModule,
    MatProgressBarModule,
    TranslatePipe,
    DateTimePipe,
    PlanDatePipe,
    DocumentGalleryComponent,
    OccurrenceStatusComponent,
    OccurrenceCancelComponent,
  ],
  template: `
    <p>
      <a routerLink="/maintenance/calendar">← {{ 'maint.detail.back' | t }}</a>
    </p>
    @if (detail.isLoading()) {
      <p role="status">{{ 'maint.loading' | t }}</p>
      <mat-progress-bar mode="indeterminate" aria-hidden="true" />
    } @else if (detail.error()) {
      <div class="error" role="alert">
        {{ 'maint.loadError' | t }}
        <button mat-stroked-button type="button" (click)="detail.reload()">{{ 'maint.retry' | t }}</button>
      </div>
    } @else if (detail.hasValue()) {
      @let o = detail.value();
      <h1>{{ o.requirement.title }}</h1>
      <p class="head">
        <ls-occurrence-status [status]="o.status" />
        <span>{{ 'maint.occKind.' + o.kind | t }}</span>
        · <span>{{ 'maint.kind.' + o.task.kind | t }}</span> · <span>{{ o.task.basis }}</span>
      </p>
      <p>
        {{ 'maint.detail.asset' | t }}:
        <a [routerLink]="['/maintenance/assets', o.asset.id]">{{ o.asset.code }} {{ o.asset.name }}</a>
        · {{ o.trade }} · {{ o.siteName }}
      </p>

      <section aria-labelledby="dates-title">
        <h2 id="dates-title">{{ 'maint.detail.dates' | t }}</h2>
        <dl class="dates">
          <dt>{{ 'maint.detail.earliestStart' | t }}</dt>
          <dd data-field="earliestStart">{{ o.earliestStart | lsPlanDate }}</dd>
          <dt>{{ 'maint.detail.workOrderFrom' | t }}</dt>
          <dd data-field="workOrderFrom">{{ o.workOrderFrom | lsPlanDate }}</dd>
          <dt>{{ 'maint.detail.targetDate' | t }}</dt>
          <dd data-field="targetDate">{{ o.targetDate | lsPlanDate }}</dd>
          <dt>{{ 'maint.detail.onTimeLimit' | t }}</dt>
          <dd data-field="onTimeLimit">{{ o.onTimeLimit | lsPlanDate }}</dd>
          <dt>{{ 'maint.detail.legalLatest' | t }}</dt>
          <dd data-field="legalLatest" class="legal">{{ o.legalLatest | lsPlanDate }}</dd>
          @if (o.completedOn) {
            <dt>{{ 'maint.detail.completedOn' | t }}</dt>
            <dd data-field="completedOn">{{ o.completedOn | lsPlanDate }}</dd>
          }
        </dl>
      </section>

      @if (o.cancelReason) {
        <p class="cancelled" data-field="cancellation">
          {{ 'maint.cancel.done' | t: { reason: o.cancelReason, approver: cancelApprover() } }}
        </p>
      }
      @if (cancellable()) {
        <ls-occurrence-cancel [occurrence]="o" (cancelled)="detail.set($event)" />
      }

      @if (missing().length > 0) {
        <section aria-labelledby="missing-title" class="missing">
          <h2 id="missing-title">{{ 'maint.detail.missing' | t }}</h2>
          <ul>
            @for (text of missing(); track $index) {
              <li>{{ text }}</li>
            }
          </ul>
        </section>
      }

      <section aria-labelledby="checklist-title">
        <h2 id="checklist-title">{{ 'maint.detail.checklist' | t }}</h2>
        @if (checklist().length > 0) {
          <table class="checklist">
            <tbody>
              @for (row of checklist(); track row.key) {
                <tr [attr.data-item]="row.key" [class.fail]="row.outcome === 'fail'">
                  <th scope="row">{{ row.label }}</th>
                  <td>
                    @if (row.outcome) {
                      {{ 'maint.outcome.' + row.outcome | t }}
                    } @else {
                      –
                    }
                  </td>
                  <td>
                    {{ row.value ?? '' }} {{ row.value && row.unit ? row.unit : '' }}
                    @if (row.note) {
                      <span class="note">({{ row.note }})</span>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        } @else {
          <p class="empty">{{ 'maint.detail.noChecklist' | t }}</p>
        }
      </section>

      <section aria-labelledby="record-title">
        <h2 id="record-title">{{ 'maint.detail.record' | t }}</h2>
        @if (o.inspectionRecord; as r) {
          <dl class="record">
            <dt>{{ 'maint.record.date' | t }}</dt>
            <dd>{{ r.date | lsPlanDate }}</dd>
            <dt>{{ 'maint.record.type' | t }}</dt>
            <dd>{{ r.type }}</dd>
            <dt>{{ 'maint.record.scope' | t }}</dt>
            <dd>{{ r.scope }}</dd>
            <dt>{{ 'maint.record.result' | t }}</dt>
            <dd>{{ 'maint.result.' + r.result | t }}</dd>
            <dt>{{ 'maint.record.defects' | t }}</dt>
            <dd>
              @if (r.defects.length > 0) {
                <ul>
                  @for (defect of r.defects; track $index) {
                    <li>{{ defect }}</li>
                  }
                </ul>
              } @else {
                –
              }
            </dd>
            @if (r.nextDeadline) {
              <dt>{{ 'maint.record.nextDeadline' | t }}</dt>
              <dd>{{ r.nextDeadline | lsPlanDate }}</dd>
            }
            <dt>{{ 'maint.record.inspector' | t }}</dt>
            <dd>{{ r.inspector }}</dd>
            @if (r.body) {
              <dt>{{ 'maint.record.body' | t }}</dt>
              <dd>{{ r.body }}</dd>
            }
          </dl>
        } @else {
          <p class="empty">{{ 'maint.detail.noRecord' | t }}</p>
        }
      </section>

      @if (o.followUpTicketIds.length > 0) {
        <section aria-labelledby="follow-title">
          <h2 id="follow-title">{{ 'maint.detail.followUps' | t }}</h2>
          <ul>
            @for (id of o.followUpTicketIds; track id) {
              <li>
                <a [routerLink]="['/tickets', id]" [attr.data-ticket]="id">{{ ticketNumbers().get(id) ?? id }}</a>
              </li>
            }
          </ul>
        </section>
      }

      <section aria-labelledby="documents-title">
        <h2 id="documents-title">{{ 'maint.detail.documents' | t }}</h2>
        @if (o.documents.length > 0) {
          <ls-document-gallery [documents]="o.documents" />
        } @else {
          <p class="empty">{{ 'maint.detail.noDocuments' | t }}</p>
        }
      </section>

      @if (o.workLogs.length > 0 || o.materials.length > 0) {
        <section aria-labelledby="work-title">
          <h2 id="work-title">{{ 'maint.detail.workLogs' | t }} · {{ 'maint.detail.materials' | t }}</h2>
          <ul>
            @for (log of o.workLogs; track log.id) {
              <li>
                {{ log.loggedAt | lsDateTime }} · {{ 'maint.detail.minutes' | t: { minutes: log.minutes } }}
                {{ log.note ?? '' }}
              </li>
            }
            @for (line of o.materials; track line.id) {
              <li>{{ line.quantity }} {{ line.unit }} {{ line.description }}</li>
            }
          </ul>
        </section>
      }

      <section aria-labelledby="events-title">
        <h2 id="events-title">{{ 'maint.detail.events' | t }}</h2>
        <ol class="events">
          @for (event of o.events; track event.id) {
            <li [attr.data-event]="event.type">
              <time [attr.datetime]="event.at">{{ event.at | lsDateTime }}</time>
              {{ eventLabel(event.type) }}
            </li>
          }
        </ol>
      </section>
    }
  `,
  styles: `
    h1 {
      font: var(--mat-sys-headline-small);
      margin: 0.5rem 0;
    }
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 1.25rem 0 0.5rem;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 4px 16px;
      margin: 0;
    }
    dd {
      margin: 0;
    }
    .legal {
      font-weight: 700;
    }
    .checklist th {
      text-align: left;
      font-weight: 400;
      padding-right: 1rem;
    }
    .fail {
      color: var(--mat-sys-error);
      font-weight: 600;
    }
    .missing {
      border-left: 4px solid var(--mat-sys-error);
      padding-left: 12px;
    }
    .events {
      padding-left: 18px;
    }
    .empty,
    .note {
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      color: var(--mat-sys-error);
    }
    .cancelled {
      border-left: 4px solid var(--mat-sys-outline);
      padding-left: 12px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OccurrenceDetailComponent {
  private readonly api = inject(MaintenanceApiService);
  private readonly i18n = inject(I18nService);
  private readonly auth = inject(AuthService);

  /** Route parameter (component input binding). */
  readonly occurrenceId = input.required<string>();

  protected readonly detail = rxResource({
    params: () => this.occurrenceId(),
    stream: ({ params }) => this.api.occurrence(params),
  });
  protected readonly checklist = computed(() =>
    this.detail.hasValue() ? checklistRows(this.detail.value(), this.i18n.language()) : [],
  );
  protected readonly cancellable = computed(
    () => this.detail.hasValue() && canCancel(this.detail.value(), this.auth.user()?.role),
  );
  /** Ticket id → number of the fault tickets the completion raised (the detail carries only the ids). */
  protected readonly ticketNumbers = computed(
    () =>
      new Map(
        this.detail.hasValue() ? followUpTickets(this.detail.value().events).map((f) => [f.ticketId, f.number]) : [],
      ),
  );
  /** The approver's name as the 'cancelled' event recorded it. */
  protected readonly cancelApprover = computed(() => {
    if (!this.detail.hasValue()) return '–';
    const event = this.detail.value().events.find((e) => e.type === 'cancelled');
    const name = event?.payload['approverName'];
    return typeof name === 'string' ? name : '–';
  });
  protected readonly missing = computed(() => {
    if (!this.detail.hasValue()) return [];
    const detail = this.detail.value();
    const t = (key: string, params?: Readonly<Record<string, string | number>>) => this.i18n.t(key, params);
    return detail.missingEvidence.map((code) => missingEvidenceText(code, detail.task, t, this.i18n.language()));
  });

  protected eventLabel(type: string): string {
    const key = `maint.event.${type}`;
    const text = this.i18n.t(key);
    return text === key ? type : text;
  }
}

import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { ApiError, ServiceReportView, TicketStatus } from '@leitstand/api-contracts';
import { SIGNATURE_MAX_BYTES } from '@leitstand/api-contracts';
import { ServiceReportApiService } from '@leitstand/frontend/data-access';
import {
  DateTimePipe,
  I18nService,
  type I18nKey,
  type I18nParams,
  MoneyPipe,
  TranslatePipe,
} from '@leitstand/frontend/i18n';

type Message = (t: (key: I18nKey, params?: I18nParams) => string) => string;

/** The statuses after the restore, when the customer signs the report. */
const SIGNABLE: ReadonlySet<TicketStatus> = new Set<TicketStatus>(['restored', 'closed']);
/** Base64 grows by 4/3: the longest data URL whose PNG stays within the cap. */
const MAX_DATA_URL = Math.floor(SIGNATURE_MAX_BYTES / 3) * 4 + 'data:image/png;base64,'.length;

/**
 * The customer's sign-off on the technician's phone, after the restore: the report's summary (lines and
 * totals), the customer's typed name and their signature drawn on a canvas with pointer events (finger, pen or
 * mouse; `touch-action: none` keeps the page from scrolling while signing). Sent with If-Match of the loaded
 * report: 412 reloads and says so, 400 names the field, 409 says why (already signed, not restored).
 */
@Component({
  selector: 'ls-technician-sign-off',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MoneyPipe, DateTimePipe, TranslatePipe],
  template: `
    @if (signable()) {
      <section class="sign-off" aria-labelledby="sign-off-heading" data-testid="sign-off">
        <h2 id="sign-off-heading">{{ 'serviceReport.heading' | t }}</h2>
        @if (report(); as r) {
          @if (r.pricing; as p) {
            <ul class="summary">
              @for (line of p.lines; track $index) {
                <li>
                  <span>{{ line.explanation }}</span> <strong>{{ line.amount | lsMoney }}</strong>
                </li>
              }
            </ul>
            <dl class="totals">
              <dt>{{ 'serviceReport.net' | t }}</dt>
              <dd data-testid="sign-off-net">{{ p.net | lsMoney }}</dd>
              <dt>{{ 'serviceReport.vat' | t: { percent: p.vatPercent } }}</dt>
              <dd>{{ p.vat | lsMoney }}</dd>
              <dt>{{ 'serviceReport.gross' | t }}</dt>
              <dd data-testid="sign-off-gross">{{ p.gross | lsMoney }}</dd>
            </dl>
          } @else {
            <p class="error">{{ 'serviceReport.signOff.unpriced' | t }}</p>
          }
          @if (r.signOff; as s) {
            <p class="signed" role="status" data-testid="signed-by">
              {{ 'serviceReport.signOff.signedBy' | t: { name: s.signerName, at: (s.signedAt | lsDateTime) } }}
            </p>
          } @else if (r.pricing) {
            <form class="stack" (ngSubmit)="submit()" novalidate>
              <mat-form-field appearance="outline">
                <mat-label>{{ 'serviceReport.signOff.name' | t }}</mat-label>
                <input
                  matInput
                  name="signerName"
                  [(ngModel)]="signerName"
                  maxlength="200"
                  autocomplete="name"
                  data-testid="signer-name"
                />
              </mat-form-field>
              <p class="hint" id="signature-hint">{{ 'serviceReport.signOff.draw' | t }}</p>
              <canvas
                #pad
                class="pad"
                width="600"
                height="200"
                data-testid="signature-pad"
                role="img"
                aria-describedby="signature-hint"
                [attr.aria-label]="'serviceReport.signOff.pad' | t"
                (pointerdown)="start($event)"
                (pointermove)="move($event)"
                (pointerup)="end($event)"
                (pointercancel)="end($event)"
              ></canvas>
              <div class="row">
                <button mat-stroked-button type="button" class="big" (click)="clear()">
                  {{ 'serviceReport.signOff.clear' | t }}
                </button>
                <button
                  mat-flat-button
                  type="submit"
                  class="big"
                  data-testid="sign-off-submit"
                  [disabled]="busy() || !inked() || !signerName.trim()"
                  disabledInteractive
                >
                  {{ 'serviceReport.signOff.submit' | t }}
                </button>
              </div>
            </form>
          }
        } @else if (failed()) {
          <p role="alert">{{ 'serviceReport.loadError' | t: { reason: '' } }}</p>
        }
        @if (notice(); as m) {
          <p
            [attr.role]="noticeIsError() ? 'alert' : 'status'"
            class="message"
            [class.error]="noticeIsError()"
            data-testid="sign-off-notice"
          >
            {{ m }}
          </p>
        }
      </section>
    }
  `,
  styles: `
    .pad {
      display: block;
      width: 100%;
      max-width: 600px;
      aspect-ratio: 3 / 1;
      border: 1px solid var(--mat-sys-outline);
      border-radius: 8px;
      background: #fff;
      touch-action: none;
    }
    .summary {
      padding-left: 16px;
    }
    .summary li {
      display: flex;
      justify-content: space-between;
      gap: 8px;
    }
    .totals {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 4px 16px;
    }
    .totals dd {
      margin: 0;
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .row {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
      margin-top: 8px;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TechnicianSignOffComponent {
  private readonly api = inject(ServiceReportApiService);
  private readonly i18n = inject(I18nService);

  readonly ticketId = input.required<string>();
  readonly status = input.required<TicketStatus>();

  protected readonly signable = computed(() => SIGNABLE.has(this.status()));
  readonly report = signal<ServiceReportView | null>(null);
  protected readonly failed = signal(false);
  protected readonly busy = signal(false);
  protected readonly inked = signal(false);
  private readonly noticeMessage = signal<Message | null>(null);
  protected readonly notice = computed(() => this.noticeMessage()?.((k, p) => this.i18n.t(k, p)) ?? null);
  protected readonly noticeIsError = signal(false);
  protected signerName = '';

  private readonly pad = viewChild<ElementRef<HTMLCanvasElement>>('pad');
  private drawing: number | null = null;

  constructor() {
    effect(() => {
      if (this.signable()) {
        this.ticketId();
        untracked(() => this.load());
      }
    });
  }

  load(): void {
    this.api.get(this.ticketId()).subscribe({
      next: (report) => {
        this.report.set(report);
        this.failed.set(false);
      },
      error: () => this.failed.set(true),
    });
  }

  protected start(event: PointerEvent): void {
    const ctx = this.context();
    if (!ctx) return;
    event.preventDefault();
    (event.target as HTMLCanvasElement).setPointerCapture?.(event.pointerId);
    this.drawing = event.pointerId;
    const { x, y } = this.point(event);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 0.5, y + 0.5);
    ctx.stroke();
    this.inked.set(true);
  }

  protected move(event: PointerEvent): void {
    if (this.drawing !== event.pointerId) return;
    const ctx = this.context();
    if (!ctx) return;
    event.preventDefault();
    const { x, y } = this.point(event);
    ctx.lineTo(x, y);
    ctx.stroke();
  }

  protected end(event: PointerEvent): void {
    if (this.drawing === event.pointerId) this.drawing = null;
  }

  protected clear(): void {
    const canvas = this.pad()?.nativeElement;
    canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    this.inked.set(false);
  }

  submit(): void {
    const report = this.report();
    const canvas = this.pad()?.nativeElement;
    const name = this.signerName.trim();
    if (!report || !canvas || !name || !this.inked() || this.busy()) return;
    const signature = canvas.toDataURL('image/png');
    if (signature.length > MAX_DATA_URL) {
      this.say((t) => t('serviceReport.signOff.tooLarge'), true);
      return;
    }
    this.busy.set(true);
    this.noticeMessage.set(null);
    this.api
      .signOff(report.ticketId, report.version, { signerName: name, signature, lang: this.i18n.language() })
      .subscribe({
        next: (signed) => {
          this.busy.set(false);
          this.report.set(signed);
          this.say((t) => t('serviceReport.signOff.done', { name }), false);
        },
        error: (error: unknown) => {
          this.busy.set(false);
          const body = error instanceof HttpErrorResponse ? (error.error as Partial<ApiError> | null) : null;
          if (error instanceof HttpErrorResponse && error.status === 412) {
            this.say((t) => t('serviceReport.stale'), true);
            this.load();
          } else if (error instanceof HttpErrorResponse && error.status === 400 && body?.fields?.length) {
            const fields = body.fields.map((f) => `${f.field}: ${f.messages.join(' ')}`).join('; ');
            this.say((t) => t('serviceReport.invalid', { fields }), true);
          } else {
            const reason = typeof body?.message === 'string' ? body.message : '';
            this.say((t) => t('serviceReport.signOff.failed', { reason }), true);
            if (error instanceof HttpErrorResponse && error.status === 409) this.load();
          }
        },
      });
  }

  private context(): CanvasRenderingContext2D | null {
    const ctx = this.pad()?.nativeElement.getContext('2d') ?? null;
    if (ctx) {
      ctx.lineWidth = 3;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = '#111';
    }
    return ctx;
  }

  /** The pointer in canvas pixels (the canvas is scaled by CSS). */
  private point(event: PointerEvent): { x: number; y: number } {
    const canvas = event.target as HTMLCanvasElement;
    const rect = canvas.getBoundingClientRect();
    const sx = rect.width > 0 ? canvas.width / rect.width : 1;
    const sy = rect.height > 0 ? canvas.height / rect.height : 1;
    return { x: (event.clientX - rect.left) * sx, y: (event.clientY - rect.top) * sy };
  }

  private say(message: Message, isError: boolean): void {
    this.noticeMessage.set(message);
    this.noticeIsError.set(isError);
  }
}

import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import type { CustomerServiceReportView, PricedLineCategoryValue } from '@leitstand/api-contracts';
import { ServiceReportApiService } from '@leitstand/frontend/data-access';
import { DateTimePipe, I18nService, type I18nKey, MoneyPipe, TranslatePipe } from '@leitstand/frontend/i18n';

const CATEGORY_KEYS: Record<PricedLineCategoryValue, I18nKey> = {
  labour: 'serviceReport.category.labour',
  travel: 'serviceReport.category.travel',
  fee: 'serviceReport.category.fee',
  material: 'serviceReport.category.material',
  partner: 'serviceReport.category.partner',
  passThrough: 'serviceReport.category.passThrough',
  catalog: 'serviceReport.category.catalog',
};

/**
 * The signed service report in the customer portal: lines and totals as signed (no internal fields), who signed
 * and when, and the PDF in German or English. Until the sign-off the API answers 403 and nothing is shown.
 */
@Component({
  selector: 'ls-portal-service-report',
  imports: [MoneyPipe, DateTimePipe, TranslatePipe],
  template: `
    @if (report(); as r) {
      <section class="service-report" aria-labelledby="portal-report-heading" data-testid="portal-service-report">
        <h2 id="portal-report-heading">{{ 'serviceReport.heading' | t }}</h2>
        @if (r.coveredByContract) {
          <p class="badge">{{ 'serviceReport.covered' | t }}</p>
        }
        <table>
          <thead>
            <tr>
              <th scope="col">{{ 'serviceReport.col.item' | t }}</th>
              <th scope="col" class="num">{{ 'serviceReport.col.quantity' | t }}</th>
              <th scope="col" class="num">{{ 'serviceReport.col.unitPrice' | t }}</th>
              <th scope="col" class="num">{{ 'serviceReport.col.amount' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (line of r.lines; track $index) {
              <tr>
                <td>
                  {{ label(line.category) }}
                  <div class="explanation">{{ line.explanation }}</div>
                </td>
                <td class="num">{{ line.quantity }} {{ line.unit }}</td>
                <td class="num">{{ line.unitPrice | lsMoney }}</td>
                <td class="num">{{ line.amount | lsMoney }}</td>
              </tr>
            }
          </tbody>
          <tfoot>
            @for (d of r.discounts; track $index) {
              <tr>
                <th scope="row" colspan="3">{{ d.label }}</th>
                <td class="num">{{ d.amount | lsMoney }}</td>
              </tr>
            }
            <tr data-total="net">
              <th scope="row" colspan="3">{{ 'serviceReport.net' | t }}</th>
              <td class="num">{{ r.net | lsMoney }}</td>
            </tr>
            <tr data-total="vat">
              <th scope="row" colspan="3">{{ 'serviceReport.vat' | t: { percent: r.vatPercent } }}</th>
              <td class="num">{{ r.vat | lsMoney }}</td>
            </tr>
            <tr data-total="gross">
              <th scope="row" colspan="3">{{ 'serviceReport.gross' | t }}</th>
              <td class="num">{{ r.gross | lsMoney }}</td>
            </tr>
          </tfoot>
        </table>
        <p class="signed" data-testid="portal-signed-by">
          {{
            'serviceReport.signOff.signedBy' | t: { name: r.signOff.signerName, at: (r.signOff.signedAt | lsDateTime) }
          }}
        </p>
        <p class="downloads">
          <a [href]="pdfUrl('de')" download data-testid="portal-report-pdf-de">{{ 'serviceReport.pdf.de' | t }}</a>
          ·
          <a [href]="pdfUrl('en')" download data-testid="portal-report-pdf-en">{{ 'serviceReport.pdf.en' | t }}</a>
        </p>
      </section>
    } @else if (failed()) {
      <p role="alert">{{ 'serviceReport.loadError' | t: { reason: '' } }}</p>
    }
  `,
  styles: `
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      padding: 4px 8px;
      text-align: left;
      vertical-align: top;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .num {
      text-align: right;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .explanation {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    tfoot tr:last-child {
      font-weight: 600;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PortalServiceReportComponent {
  private readonly api = inject(ServiceReportApiService);
  private readonly i18n = inject(I18nService);

  readonly ticketId = input.required<string>();
  readonly report = signal<CustomerServiceReportView | null>(null);
  protected readonly failed = signal(false);
  protected readonly language = computed(() => this.i18n.language());

  constructor() {
    effect(() => {
      const id = this.ticketId();
      untracked(() => this.load(id));
    });
  }

  load(id: string): void {
    this.api.signed(id).subscribe({
      next: (report) => {
        this.report.set(report);
        this.failed.set(false);
      },
      // 403: not signed yet — the portal shows no report (the rule of the API).
      error: (error: unknown) => this.failed.set(!(error instanceof HttpErrorResponse && error.status === 403)),
    });
  }

  protected label(category: PricedLineCategoryValue): string {
    return this.i18n.t(CATEGORY_KEYS[category]);
  }

  protected pdfUrl(lang: 'de' | 'en'): string {
    return this.api.pdfUrl(this.ticketId(), lang);
  }
}

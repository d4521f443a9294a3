import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type {
  ApiError,
  PricedLineCategoryValue,
  ServiceReportView,
  ServiceReportWorkTypeValue,
  TravelMethodValue,
  UpdateServiceReportRequest,
} from '@leitstand/api-contracts';
import { PRICED_LINE_CATEGORY_VALUES } from '@leitstand/api-contracts';
import { ServiceReportApiService } from '@leitstand/frontend/data-access';
import {
  DateTimePipe,
  I18nService,
  type I18nKey,
  type I18nParams,
  MoneyPipe,
  TranslatePipe,
} from '@leitstand/frontend/i18n';

type Translate = (key: I18nKey, params?: I18nParams) => string;
type Message = (t: Translate) => string;

const CATEGORY_KEYS: Record<PricedLineCategoryValue, I18nKey> = {
  labour: 'serviceReport.category.labour',
  travel: 'serviceReport.category.travel',
  fee: 'serviceReport.category.fee',
  material: 'serviceReport.category.material',
  partner: 'serviceReport.category.partner',
  passThrough: 'serviceReport.category.passThrough',
  catalog: 'serviceReport.category.catalog',
};
const ZERO = /^-?0*(\.0*)?$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const decimalFormatters = new Map<string, Intl.NumberFormat>();

/** A decimal string ("2.5", "100") in `locale` ("2,5"), handed to Intl as a string: no float touches it. */
export function formatDecimal(value: string, locale: string): string {
  if (!DECIMAL.test(value)) return value;
  let formatter = decimalFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: 6 });
    decimalFormatters.set(locale, formatter);
  }
  return formatter.format(value as unknown as number);
}

interface CatalogRow {
  code: string;
  quantity: string;
}

/**
 * The priced service report of a ticket in the agent's detail: every line (quantity, unit, unit price,
 * surcharge, amount, explanation), subtotals per category, discounts, net, VAT, gross, whether the contract
 * covers it or it is billable, and what keeps it from being priced. The desk changes the choices (small-material
 * flat, emergency, work type, travel method, catalogue items, discounts) with If-Match of the loaded version:
 * 412 reloads and says so, 400 shows the fields' messages. Money comes as decimal strings and is formatted by
 * Intl from the string.
 */
@Component({
  selector: 'ls-ticket-service-report',
  imports: [
    FormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MoneyPipe,
    DateTimePipe,
    TranslatePipe,
  ],
  templateUrl: './ticket-service-report.component.html',
  styles: `
    :host {
      display: block;
    }
    .badges {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
    .badge {
      padding: 2px 10px;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-large);
    }
    .badge--billable {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    .table-wrap {
      overflow-x: auto;
    }
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
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    tfoot th {
      font-weight: normal;
    }
    .total th,
    .total td {
      font-weight: 600;
    }
    .choices,
    .catalog-row {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
    }
    .problems,
    .error {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TicketServiceReportComponent {
  private readonly api = inject(ServiceReportApiService);
  private readonly i18n = inject(I18nService);
  private readonly t: Translate = (key, params) => this.i18n.t(key, params);

  readonly ticketId = input.required<string>();

  readonly report = signal<ServiceReportView | null>(null);
  protected readonly state = signal<'loading' | 'loaded' | 'error'>('loading');
  private readonly loadErrorMessage = signal<Message | null>(null);
  protected readonly loadError = computed(() => this.loadErrorMessage()?.(this.t) ?? '');
  protected readonly busy = signal(false);
  private readonly noticeMessage = signal<Message | null>(null);
  readonly notice = computed(() => this.noticeMessage()?.(this.t) ?? null);
  protected readonly noticeIsError = signal(false);

  protected smallMaterial = false;
  protected emergency = false;
  protected workType: ServiceReportWorkTypeValue = 'repair';
  protected travelMethod: TravelMethodValue | '' = '';
  protected catalogItems: CatalogRow[] = [];
  protected discounts = '';

  protected readonly subtotals = computed(() => {
    const pricing = this.report()?.pricing;
    if (!pricing) return [];
    return PRICED_LINE_CATEGORY_VALUES.filter((c) => !ZERO.test(pricing.subtotals[c] ?? '0')).map((c) => ({
      category: c,
      label: this.t('serviceReport.subtotal', { category: this.t(CATEGORY_KEYS[c]) }),
      amount: pricing.subtotals[c],
    }));
  });

  constructor() {
    effect(() => {
      this.ticketId();
      untracked(() => this.load(true));
    });
  }

  load(showLoading = true): void {
    if (showLoading) this.state.set('loading');
    this.api.get(this.ticketId()).subscribe({
      next: (report) => this.show(report),
      error: (error: unknown) => {
        this.loadErrorMessage.set((t) => describeError(error, t));
        this.state.set('error');
      },
    });
  }

  protected decimal(value: string): string {
    return formatDecimal(value, this.i18n.locale());
  }

  protected categoryLabel(category: PricedLineCategoryValue): string {
    return this.t(CATEGORY_KEYS[category]);
  }

  protected pdfUrl(lang: 'de' | 'en'): string {
    return this.api.pdfUrl(this.ticketId(), lang);
  }

  protected addCatalogItem(): void {
    this.catalogItems = [...this.catalogItems, { code: '', quantity: '1' }];
  }

  protected removeCatalogItem(index: number): void {
    this.catalogItems = this.catalogItems.filter((_, i) => i !== index);
  }

  /** Sends every choice with If-Match of the loaded version. */
  save(): void {
    const report = this.report();
    if (!report || this.busy()) return;
    const change: UpdateServiceReportRequest = {
      smallMaterial: this.smallMaterial,
      emergency: this.emergency,
      workType: this.workType,
      travelMethod: this.travelMethod === '' ? null : this.travelMethod,
      catalogItems: this.catalogItems
        .filter((row) => row.code.trim() !== '')
        .map((row) => ({ code: row.code.trim(), quantity: row.quantity.trim() })),
      discounts: this.discounts
        .split(',')
        .map((d) => d.trim())
        .filter((d) => d !== ''),
    };
    this.busy.set(true);
    this.noticeMessage.set(null);
    this.api.update(report.ticketId, report.version, change).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.show(updated);
        this.say((t) => t('serviceReport.saved'), false);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        if (error instanceof HttpErrorResponse && error.status === 412) {
          this.say((t) => t('serviceReport.stale'), true);
          this.load(false);
          return;
        }
        const body = error instanceof HttpErrorResponse ? (error.error as Partial<ApiError> | null) : null;
        if (error instanceof HttpErrorResponse && error.status === 400 && body?.fields?.length) {
          const fields = body.fields.map((f) => `${f.field}: ${f.messages.join(' ')}`).join('; ');
          this.say((t) => t('serviceReport.invalid', { fields }), true);
          return;
        }
        this.say((t) => t('serviceReport.failed', { reason: describeError(error, t) }), true);
      },
    });
  }

  private show(report: ServiceReportView): void {
    this.report.set(report);
    this.state.set('loaded');
    const c = report.choices;
    this.smallMaterial = c.smallMaterial;
    this.emergency = c.emergency;
    this.workType = c.workType;
    this.travelMethod = c.travelMethod ?? '';
    this.catalogItems = c.catalogItems.map((item) => ({ code: item.code, quantity: item.quantity }));
    this.discounts = c.discounts.join(', ');
  }

  private say(message: Message, isError: boolean): void {
    this.noticeMessage.set(message);
    this.noticeIsError.set(isError);
  }
}

function describeError(error: unknown, t: Translate): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) return t('detail.error.unreachable');
    const body = error.error as Partial<ApiError> | null;
    return typeof body?.message === 'string'
      ? t('detail.error.httpMessage', { status: error.status, message: body.message })
      : t('detail.error.http', { status: error.status });
  }
  return t('detail.error.unexpected');
}

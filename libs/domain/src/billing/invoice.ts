import { Dec } from '../money/decimal';
import type { DecimalString } from '../money/decimal';
import { formatEuroDe, roundCents, toMoneyString } from '../money/money';
import type { MoneyString } from '../money/money';

/*
 * Invoices (Rechnungen) of a contract's month: the draft is built from what the contract's period cost
 * computes (computeContractPeriodCost / the KPI roll-up's cost view) — the flat fee pro rata of the contract
 * year, the billable service reports, the billed occurrence fees and the bonus/malus — one line each, every
 * line rounded to cents; the totals are the exact sums of the rounded lines as printed, the VAT 19 % of the
 * net (one VAT category S, rounded half-up once), gross = net + VAT. A credit note (Gutschrift) negates every
 * line of an issued invoice and references its number.
 */

/** EN 16931 VAT category S (standard rate), 19 % in Germany. */
export const INVOICE_VAT_CATEGORY = 'S';
export const INVOICE_VAT_RATE: DecimalString = '19';

export const INVOICE_LINE_KINDS = ['flat-fee', 'service-report', 'occurrence-fee', 'bonus-malus'] as const;
export type InvoiceLineKind = (typeof INVOICE_LINE_KINDS)[number];

export interface InvoiceLine {
  /** 1-based position as printed. */
  readonly position: number;
  readonly kind: InvoiceLineKind;
  readonly description: string;
  /** Decimal string, e.g. "1" or "6". */
  readonly quantity: DecimalString;
  /** UN/ECE rec. 20 unit code: C62 (one), MON (month). */
  readonly unit: string;
  readonly unitPrice: MoneyString;
  /** quantity × unit price, rounded to cents (the amount as printed). */
  readonly net: MoneyString;
  readonly vatCategory: string;
  readonly vatRate: DecimalString;
  /** What the line bills: the ticket id of a service report, the occurrence ids of a fee; null otherwise. */
  readonly reference: string | null;
}

export interface InvoiceTotals {
  readonly net: MoneyString;
  readonly vat: MoneyString;
  readonly gross: MoneyString;
}

export interface InvoiceDraft {
  /** Local dates, `to` exclusive. */
  readonly period: { readonly from: string; readonly to: string };
  readonly lines: readonly InvoiceLine[];
  readonly totals: InvoiceTotals;
}

/** The part of a period cost (PeriodCost / CostView) an invoice is drafted from. */
export interface InvoiceCostInput {
  readonly from: string;
  readonly to: string;
  readonly lines: readonly { readonly id: string; readonly amount: MoneyString; readonly derivation: string }[];
  readonly serviceReports: readonly {
    readonly ticketId: string;
    readonly ticket: string;
    readonly net: MoneyString;
    readonly billable: boolean;
  }[];
  readonly occurrenceFees?: readonly {
    readonly label: string;
    readonly count: number;
    readonly unitFee: MoneyString;
    readonly amount: MoneyString;
    readonly occurrenceIds: readonly string[];
  }[];
}

export class InvoiceInputError extends Error {
  override readonly name = 'InvoiceInputError';
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True for a billing month 'YYYY-MM'. */
export function isInvoicePeriodKey(value: unknown): value is string {
  return typeof value === 'string' && PERIOD.test(value);
}

/** The local dates of a billing month 'YYYY-MM': { from: first day, to: first day of the next month }. */
export function invoicePeriodDates(key: string): { readonly from: string; readonly to: string } {
  const m = PERIOD.exec(key);
  if (m === null) throw new InvoiceInputError('period', `expected a month 'YYYY-MM', got ${JSON.stringify(key)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  return { from: `${key}-01`, to: `${next}-01` };
}

/** The month before `key` ('2026-01' → '2025-12'). */
export function previousInvoicePeriod(key: string): string {
  const m = PERIOD.exec(key);
  if (m === null) throw new InvoiceInputError('period', `expected a month 'YYYY-MM', got ${JSON.stringify(key)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

/** Invoice numbers: gapless per provider and year, "RE-2026-000001". */
export function formatInvoiceNumber(year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new InvoiceInputError('year', `invalid ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) {
    throw new InvoiceInputError('sequence', `expected 1…999999, got ${sequence}`);
  }
  return `RE-${year}-${String(sequence).padStart(6, '0')}`;
}

const NUMBER = /^RE-(\d{4})-(\d{6})$/;

export function parseInvoiceNumber(text: string): { readonly year: number; readonly sequence: number } | null {
  const m = NUMBER.exec(text);
  return m === null ? null : { year: Number(m[1]), sequence: Number(m[2]) };
}

function money(value: MoneyString, path: string): Dec {
  try {
    return new Dec(value);
  } catch {
    throw new InvoiceInputError(path, `expected a decimal string, got ${JSON.stringify(value)}`);
  }
}

/** Totals of rounded lines: net = Σ line nets (exact), VAT = net × rate rounded half-up to cents, gross = net + VAT. */
export function invoiceTotals(lines: readonly Pick<InvoiceLine, 'net'>[], vatRate: DecimalString = INVOICE_VAT_RATE) {
  const net = lines.reduce((acc, l, i) => acc.plus(money(l.net, `lines[${i}].net`)), new Dec(0));
  const vat = roundCents(net.times(vatRate).div(100));
  return { net: toMoneyString(net), vat: toMoneyString(vat), gross: toMoneyString(net.plus(vat)) };
}

type LineInput = Omit<InvoiceLine, 'position' | 'vatCategory' | 'vatRate' | 'net'>;

function line(position: number, input: LineInput): InvoiceLine {
  const net = roundCents(money(input.unitPrice, `lines[${position - 1}].unitPrice`).times(input.quantity));
  return {
    position,
    ...input,
    unitPrice: toMoneyString(roundCents(new Dec(input.unitPrice))),
    net: toMoneyString(net),
    vatCategory: INVOICE_VAT_CATEGORY,
    vatRate: INVOICE_VAT_RATE,
  };
}

/**
 * The draft of a contract's month from its period cost: the flat-fee line as computed (annual volume of the
 * contract year × months / 12), one line per billable service report (ticket number, net), one line per
 * occurrence fee item (count × unit fee) and the bonus/malus as its own line (omitted when zero).
 */
export function draftInvoice(cost: InvoiceCostInput): InvoiceDraft {
  const inputs: LineInput[] = [];
  const flat = cost.lines.find((l) => l.id === 'flat-fees');
  if (flat !== undefined && !money(flat.amount, 'lines.flat-fees.amount').isZero()) {
    inputs.push({
      kind: 'flat-fee',
      description: `Pauschale ${cost.from} – ${dayBefore(cost.to)} (${flat.derivation})`,
      quantity: '1',
      unit: 'MON',
      unitPrice: flat.amount,
      reference: null,
    });
  }
  cost.serviceReports.forEach((r, i) => {
    if (!r.billable) return;
    money(r.net, `serviceReports[${i}].net`);
    inputs.push({
      kind: 'service-report',
      description: `Leistungsnachweis Ticket ${r.ticket}`,
      quantity: '1',
      unit: 'C62',
      unitPrice: r.net,
      reference: r.ticketId,
    });
  });
  (cost.occurrenceFees ?? []).forEach((f, i) => {
    money(f.unitFee, `occurrenceFees[${i}].unitFee`);
    if (!Number.isInteger(f.count) || f.count < 1) {
      throw new InvoiceInputError(`occurrenceFees[${i}].count`, `expected a positive whole number, got ${f.count}`);
    }
    inputs.push({
      kind: 'occurrence-fee',
      description: f.label,
      quantity: String(f.count),
      unit: 'C62',
      unitPrice: f.unitFee,
      reference: f.occurrenceIds.join(','),
    });
  });
  const bm = cost.lines.find((l) => l.id === 'bonus-malus');
  if (bm !== undefined && !money(bm.amount, 'lines.bonus-malus.amount').isZero()) {
    const amount = new Dec(bm.amount);
    inputs.push({
      kind: 'bonus-malus',
      description: `${amount.isNegative() ? 'Malus' : 'Bonus'} laut Vertrag (${formatEuroDe(amount)})`,
      quantity: '1',
      unit: 'C62',
      unitPrice: bm.amount,
      reference: null,
    });
  }
  const lines = inputs.map((input, i) => line(i + 1, input));
  return { period: { from: cost.from, to: cost.to }, lines, totals: invoiceTotals(lines) };
}

function dayBefore(date: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new InvoiceInputError('to', `expected a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  return new Date(ms - 86_400_000).toISOString().slice(0, 10);
}

export interface CreditNoteDraft {
  /** The number of the issued invoice the credit note corrects. */
  readonly creditOf: string;
  readonly lines: readonly InvoiceLine[];
  readonly totals: InvoiceTotals;
}

/**
 * The credit note of an issued invoice: every line negated (quantity kept, unit price and net negated) with a
 * description that names the original; totals computed the same way (half-up is symmetric, so they are
 * exactly the negated totals of the original).
 */
export function creditNoteOf(invoice: {
  readonly number: string;
  readonly lines: readonly InvoiceLine[];
}): CreditNoteDraft {
  if (parseInvoiceNumber(invoice.number) === null) {
    throw new InvoiceInputError(
      'number',
      `only an issued invoice (RE-YYYY-NNNNNN) can be credited, got ${invoice.number}`,
    );
  }
  const lines = invoice.lines.map((l, i) => ({
    ...l,
    position: i + 1,
    description: `Gutschrift zu ${invoice.number}: ${l.description}`,
    unitPrice: toMoneyString(new Dec(l.unitPrice).negated()),
    net: toMoneyString(new Dec(l.net).negated()),
  }));
  return { creditOf: invoice.number, lines, totals: invoiceTotals(lines) };
}

import { Dec } from '../money/decimal';
import { toMoneyString } from '../money/money';
import { billedOccurrenceFees, computeContractPeriodCost } from '../kpi/period-cost';
import type { ServiceReportPricing } from './service-report.types';
import {
  InvoiceInputError,
  creditNoteOf,
  draftInvoice,
  formatInvoiceNumber,
  invoicePeriodDates,
  invoiceTotals,
  isInvoicePeriodKey,
  parseInvoiceNumber,
  previousInvoicePeriod,
  type InvoiceCostInput,
} from './invoice';

const report = (orderId: string, net: string, billable = true): ServiceReportPricing =>
  ({ orderId, net, billable }) as unknown as ServiceReportPricing;

/** A cost input as the KPI roll-up's cost view carries it: computed by computeContractPeriodCost. */
function costOf(args: {
  annualVolume: string;
  period: { from: string; to: string };
  reports?: { ticket: string; net: string; billable?: boolean }[];
  occurrences?: { title: string; fee: string; n: number }[];
  bonusMalus?: string;
}): InvoiceCostInput {
  const reports = args.reports ?? [];
  const occurrenceFees = billedOccurrenceFees(
    (args.occurrences ?? []).flatMap((o) =>
      Array.from({ length: o.n }, (_, i) => ({
        occurrenceId: `${o.title}-${i}`,
        requirementId: o.title,
        title: o.title,
        kind: 'regular' as const,
        assetCode: null,
        completedOn: args.period.from,
        fee: o.fee,
      })),
    ),
  );
  const cost = computeContractPeriodCost({
    contract: { id: 'c', name: 'C', annualVolume: args.annualVolume, internalCostRates: undefined },
    period: args.period,
    serviceReports: reports.map((r) => report(r.ticket, r.net, r.billable ?? true)),
    occurrenceFees,
    ...(args.bonusMalus === undefined ? {} : { bonusMalus: args.bonusMalus }),
  });
  return {
    from: cost.from,
    to: cost.to,
    lines: cost.lines,
    serviceReports: reports.map((r) => ({
      ticketId: `id-${r.ticket}`,
      ticket: r.ticket,
      net: r.net,
      billable: r.billable ?? true,
    })),
    occurrenceFees,
  };
}

const MONTH = { from: '2026-02-01', to: '2026-03-01' };

describe('draftInvoice', () => {
  const cases: {
    name: string;
    input: Parameters<typeof costOf>[0];
    lines: [string, string, string, string][]; // kind, quantity, unitPrice, net
    totals: { net: string; vat: string; gross: string };
  }[] = [
    {
      name: 'seed 002: 2,360,000 € a year → one month flat fee, nothing else',
      input: { annualVolume: '2360000.00', period: MONTH },
      lines: [['flat-fee', '1', '196666.67', '196666.67']],
      totals: { net: '196666.67', vat: '37366.67', gross: '234033.34' },
    },
    {
      name: 'seed 003: one billable call-out 197.45 € net → 37.52 VAT, non-billable report left out',
      input: {
        annualVolume: '0.00',
        period: MONTH,
        reports: [
          { ticket: 'T-003', net: '197.45' },
          { ticket: 'T-IN', net: '80.00', billable: false },
        ],
      },
      lines: [['service-report', '1', '197.45', '197.45']],
      totals: { net: '197.45', vat: '37.52', gross: '234.97' },
    },
    {
      name: 'flat fee, two reports, occurrence fees grouped as count × fee, malus as its own line',
      input: {
        annualVolume: '14970.00',
        period: MONTH,
        reports: [
          { ticket: 'T-1', net: '65.00' },
          { ticket: 'T-2', net: '156.00' },
        ],
        occurrences: [{ title: 'Prüfung Aufzug', fee: '400.00', n: 3 }],
        bonusMalus: '-24.95',
      },
      lines: [
        ['flat-fee', '1', '1247.50', '1247.50'],
        ['service-report', '1', '65.00', '65.00'],
        ['service-report', '1', '156.00', '156.00'],
        ['occurrence-fee', '3', '400.00', '1200.00'],
        ['bonus-malus', '1', '-24.95', '-24.95'],
      ],
      totals: { net: '2643.55', vat: '502.27', gross: '3145.82' },
    },
    {
      name: 'VAT is rounded once on the net of rounded lines (half-up): 0.05 net → 0.01 VAT',
      input: { annualVolume: '0.00', period: MONTH, reports: [{ ticket: 'T-x', net: '0.05' }] },
      lines: [['service-report', '1', '0.05', '0.05']],
      totals: { net: '0.05', vat: '0.01', gross: '0.06' },
    },
    {
      name: 'a bonus of zero is no line; a volume of 1,000.00 gives 83.33 per month',
      input: { annualVolume: '1000.00', period: MONTH, bonusMalus: '0.00' },
      lines: [['flat-fee', '1', '83.33', '83.33']],
      totals: { net: '83.33', vat: '15.83', gross: '99.16' },
    },
  ];

  it.each(cases)('$name', ({ input, lines, totals }) => {
    const cost = costOf(input);
    const draft = draftInvoice(cost);
    expect(draft.lines.map((l) => [l.kind, l.quantity, l.unitPrice, l.net])).toEqual(lines);
    expect(draft.totals).toEqual(totals);
    expect(draft.lines.map((l) => l.position)).toEqual(lines.map((_, i) => i + 1));
    for (const l of draft.lines) expect([l.vatCategory, l.vatRate]).toEqual(['S', '19']);
    // the invoice bills exactly what the period cost computes (its total is the sum of the same rounded amounts)
    const billable = cost.lines.reduce((acc, l) => acc.plus(l.amount), new Dec(0));
    expect(draft.totals.net).toBe(toMoneyString(billable));
  });

  it('names the ticket on a service-report line and references its id', () => {
    const draft = draftInvoice(
      costOf({ annualVolume: '0.00', period: MONTH, reports: [{ ticket: 'T-7', net: '1.00' }] }),
    );
    expect(draft.lines[0]).toMatchObject({ description: 'Leistungsnachweis Ticket T-7', reference: 'id-T-7' });
  });

  it('refuses an amount that is not a decimal string, naming it', () => {
    const cost = costOf({ annualVolume: '0.00', period: MONTH, reports: [{ ticket: 'T-7', net: '1.00' }] });
    const bad = {
      ...cost,
      serviceReports: [{ ...(cost.serviceReports[0] as InvoiceCostInput['serviceReports'][number]), net: 'abc' }],
    };
    expect(() => draftInvoice(bad)).toThrow(
      new InvoiceInputError('serviceReports[0].net', 'expected a decimal string, got "abc"'),
    );
  });
});

describe('invoiceTotals', () => {
  it.each([
    [['0.10', '0.10', '0.10'], { net: '0.30', vat: '0.06', gross: '0.36' }],
    [['33.33', '33.33', '33.34'], { net: '100.00', vat: '19.00', gross: '119.00' }],
    [['-10.00'], { net: '-10.00', vat: '-1.90', gross: '-11.90' }],
    [['2.50'], { net: '2.50', vat: '0.48', gross: '2.98' }],
    [[], { net: '0.00', vat: '0.00', gross: '0.00' }],
  ])('%j → %j', (nets, totals) => {
    expect(invoiceTotals(nets.map((net) => ({ net })))).toEqual(totals);
  });
});

describe('creditNoteOf', () => {
  const draft = draftInvoice(
    costOf({
      annualVolume: '14970.00',
      period: MONTH,
      reports: [{ ticket: 'T-1', net: '65.00' }],
      bonusMalus: '-24.95',
    }),
  );

  it('negates every line and the totals and references the original number', () => {
    const note = creditNoteOf({ number: 'RE-2026-000042', lines: draft.lines });
    expect(note.creditOf).toBe('RE-2026-000042');
    expect(note.lines.map((l) => [l.kind, l.quantity, l.unitPrice, l.net])).toEqual([
      ['flat-fee', '1', '-1247.50', '-1247.50'],
      ['service-report', '1', '-65.00', '-65.00'],
      ['bonus-malus', '1', '24.95', '24.95'],
    ]);
    expect(note.totals).toEqual({ net: '-1287.55', vat: '-244.63', gross: '-1532.18' });
    expect(draft.totals).toEqual({ net: '1287.55', vat: '244.63', gross: '1532.18' });
    expect(note.lines[0]?.description).toMatch(/^Gutschrift zu RE-2026-000042: /);
  });

  it('refuses a draft without a number', () => {
    expect(() => creditNoteOf({ number: '', lines: draft.lines })).toThrow(InvoiceInputError);
  });
});

describe('periods and numbers', () => {
  it.each([
    ['2026-01', { from: '2026-01-01', to: '2026-02-01' }, '2025-12'],
    ['2026-12', { from: '2026-12-01', to: '2027-01-01' }, '2026-11'],
    ['2024-02', { from: '2024-02-01', to: '2024-03-01' }, '2024-01'],
  ])('%s → %j, previous %s', (key, dates, prev) => {
    expect(isInvoicePeriodKey(key)).toBe(true);
    expect(invoicePeriodDates(key)).toEqual(dates);
    expect(previousInvoicePeriod(key)).toBe(prev);
  });

  it.each(['2026-13', '2026-1', '2026', '2026-Q1', '', '26-01', 2026])('%j is no billing month', (key) => {
    expect(isInvoicePeriodKey(key)).toBe(false);
  });

  it.each([
    [2026, 1, 'RE-2026-000001'],
    [2026, 42, 'RE-2026-000042'],
    [2027, 999_999, 'RE-2027-999999'],
  ])('year %d sequence %d → %s', (year, seq, text) => {
    expect(formatInvoiceNumber(year, seq)).toBe(text);
    expect(parseInvoiceNumber(text)).toEqual({ year, sequence: seq });
  });

  it.each([0, -1, 1_000_000, 1.5])('sequence %d is refused', (seq) => {
    expect(() => formatInvoiceNumber(2026, seq)).toThrow(InvoiceInputError);
  });
});

import { resolveTicketPriority, type PriorityRequest } from './ticket-priority';

describe('resolveTicketPriority (seed 002: priority follows the asset class)', () => {
  type Row = [string, PriorityRequest, string, string[]];
  const rows: Row[] = [
    ['staff, A-asset, nothing asked', { reporter: 'staff', assetClass: 'A' }, 'A', []],
    ['staff, B-asset, asks B', { reporter: 'staff', assetClass: 'B', requested: 'B' }, 'B', []],
    [
      'staff overrides with a reason',
      { reporter: 'staff', assetClass: 'C', requested: 'A', reason: ' Produktion steht ' },
      'A',
      [],
    ],
    [
      'staff overrides without a reason',
      { reporter: 'staff', assetClass: 'C', requested: 'A' },
      'A',
      ['priorityReason:reason_required'],
    ],
    [
      'staff overrides with a blank reason',
      { reporter: 'staff', assetClass: 'B', requested: 'C', reason: '   ' },
      'C',
      ['priorityReason:reason_required'],
    ],
    ['staff, no asset, priority given', { reporter: 'staff', assetClass: null, requested: 'B' }, 'B', []],
    ['staff, no asset, no priority', { reporter: 'staff', assetClass: null }, 'C', ['priority:required_without_asset']],
    ['customer, asset, nothing asked', { reporter: 'customer', assetClass: 'A' }, 'A', []],
    ['customer asks the class itself', { reporter: 'customer', assetClass: 'B', requested: 'B' }, 'B', []],
    [
      'customer tries to override',
      { reporter: 'customer', assetClass: 'C', requested: 'A', reason: 'dringend' },
      'C',
      ['priority:customer_cannot_override'],
    ],
    ['customer, no asset, priority given', { reporter: 'customer', assetClass: null, requested: 'A' }, 'A', []],
    [
      'customer, no asset, no priority',
      { reporter: 'customer', assetClass: null },
      'C',
      ['priority:required_without_asset'],
    ],
  ];

  it.each(rows)('%s', (_label, request, priority, problems) => {
    const decision = resolveTicketPriority(request);
    expect(decision.priority).toBe(priority);
    expect(decision.defaultPriority).toBe(request.assetClass);
    expect(decision.problems.map((p) => `${p.field}:${p.code}`)).toEqual(problems);
  });

  it('keeps the trimmed reason, and none for a blank one', () => {
    expect(
      resolveTicketPriority({ reporter: 'staff', assetClass: 'C', requested: 'A', reason: ' Kühlung aus ' }).reason,
    ).toBe('Kühlung aus');
    expect(resolveTicketPriority({ reporter: 'staff', assetClass: 'C', reason: ' ' }).reason).toBeNull();
  });
});

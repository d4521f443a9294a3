import { isTicketInScope, type ContractScope, type ScopedAsset } from './ticket-scope';

describe('isTicketInScope (seeds 000/001: the scope says what is in and out)', () => {
  const elevator: ScopedAsset = { trade: 'elevators', assetClass: 'A', inContract: true };
  const rows: Array<[string, ContractScope | null, ScopedAsset | null, boolean]> = [
    ['no asset: covered until the agent decides', { trades: ['elevators'] }, null, true],
    ['no scope at all: everything covered', null, elevator, true],
    ['empty lists: everything covered', { trades: [], assetClasses: [] }, elevator, true],
    ['trade named', { trades: ['elevators', 'hvac'] }, elevator, true],
    ['trade not named', { trades: ['hvac'] }, elevator, false],
    ['class named', { assetClasses: ['A', 'B'] }, elevator, true],
    ['class not named', { assetClasses: ['B', 'C'] }, elevator, false],
    ['trade and class both needed', { trades: ['elevators'], assetClasses: ['C'] }, elevator, false],
    ['asset not in the contract', { trades: ['elevators'] }, { ...elevator, inContract: false }, false],
    ['exclusions alone decide nothing', { exclusions: ['Vandalismus'] }, elevator, true],
  ];
  it.each(rows)('%s', (_label, scope, asset, inScope) => {
    expect(isTicketInScope(scope, asset)).toBe(inScope);
  });
});

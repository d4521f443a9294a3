import {
  TICKET_ACTIONS,
  TICKET_STATUSES,
  actionsValidIn,
  nextStatus,
  type TicketAction,
  type TicketStatus,
} from './ticket-status';

describe('ticket status machine', () => {
  const valid: Array<[TicketAction, TicketStatus, TicketStatus]> = [
    ['accept', 'new', 'accepted'],
    ['dispatch', 'accepted', 'dispatched'],
    ['travel', 'dispatched', 'travelling'],
    ['arrive', 'dispatched', 'on_site'],
    ['arrive', 'travelling', 'on_site'],
    ['pause', 'new', 'paused'],
    ['pause', 'accepted', 'paused'],
    ['pause', 'dispatched', 'paused'],
    ['pause', 'travelling', 'paused'],
    ['pause', 'on_site', 'paused'],
    ['restore', 'accepted', 'restored'],
    ['restore', 'dispatched', 'restored'],
    ['restore', 'travelling', 'restored'],
    ['restore', 'on_site', 'restored'],
    ['close', 'restored', 'closed'],
    ['reopen', 'restored', 'accepted'],
    ['reopen', 'closed', 'accepted'],
  ];

  it.each(valid)('%s from %s leads to %s', (action, from, to) => {
    expect(nextStatus(action, from, null)).toBe(to);
  });

  it('resume returns to the status the ticket was paused from', () => {
    expect(nextStatus('resume', 'paused', 'travelling')).toBe('travelling');
    expect(nextStatus('resume', 'paused', null)).toBe('new');
  });

  it('refuses every other combination', () => {
    const allowed = new Set(valid.map(([a, f]) => `${a}:${f}`).concat('resume:paused'));
    for (const action of TICKET_ACTIONS) {
      for (const status of TICKET_STATUSES) {
        if (allowed.has(`${action}:${status}`)) continue;
        expect([action, status, nextStatus(action, status, 'accepted')]).toEqual([action, status, null]);
      }
    }
  });

  it.each([
    ['new', ['accept', 'pause']],
    ['accepted', ['dispatch', 'pause', 'restore']],
    ['dispatched', ['travel', 'arrive', 'pause', 'restore']],
    ['travelling', ['arrive', 'pause', 'restore']],
    ['on_site', ['pause', 'restore']],
    ['paused', ['resume']],
    ['restored', ['close', 'reopen']],
    ['closed', ['reopen']],
  ] as Array<[TicketStatus, TicketAction[]]>)('in %s the UI offers %j', (status, actions) => {
    expect(actionsValidIn(status)).toEqual(actions);
  });
});

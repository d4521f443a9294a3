import * as wire from '@leitstand/api-contracts';
import * as domain from '@leitstand/domain';

/** Compile-time: the wire types and the domain's types are the same unions. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameTypes: [
  Same<wire.TicketEventType, domain.TicketEventType>,
  Same<wire.TicketStatus, domain.TicketStatus>,
  Same<wire.TicketAction, domain.TicketAction>,
  Same<wire.Priority, domain.Priority>,
] = [true, true, true, true];

describe('the API speaks the domain vocabulary of tickets', () => {
  it('same lists, same order (the UI shows them in this order)', () => {
    expect(sameTypes).toEqual([true, true, true, true]);
    expect([...wire.TICKET_EVENT_TYPES]).toEqual([...domain.TICKET_EVENT_TYPES]);
    expect([...wire.TICKET_STATUSES]).toEqual([...domain.TICKET_STATUSES]);
    expect([...wire.TICKET_ACTIONS]).toEqual([...domain.TICKET_ACTIONS]);
    expect([...wire.PRIORITIES]).toEqual([...domain.PRIORITIES]);
  });
});

import { TICKET_ACTIONS, TICKET_TRANSITIONS } from './ticket-status';
import {
  KPI_EVENT_TYPES,
  SLA_EVENT_TYPES,
  TICKET_EVENT_TYPES,
  isTicketEventType,
  movesSlaClock,
} from './ticket-events';

describe('ticket event types', () => {
  it('every status action writes a known event type, each its own', () => {
    const written = TICKET_ACTIONS.map((a) => TICKET_TRANSITIONS[a].event);
    expect(written.every(isTicketEventType)).toBe(true);
    expect(new Set(written).size).toBe(TICKET_ACTIONS.length);
  });

  it.each([
    ['created', true],
    ['accepted', true],
    ['paused', true],
    ['resumed', true],
    ['restored', true],
    ['reopened', true],
    ['priority_changed', true],
    ['dispatched', false],
    ['comment', false],
    ['sla_breached', false],
  ] as const)('%s moves an SLA clock: %s', (type, moves) => {
    expect(movesSlaClock(type)).toBe(moves);
  });

  it('SLA and KPI triggers are known types; unknown strings are not', () => {
    expect([...SLA_EVENT_TYPES, ...KPI_EVENT_TYPES].every(isTicketEventType)).toBe(true);
    expect(new Set(TICKET_EVENT_TYPES).size).toBe(TICKET_EVENT_TYPES.length);
    expect(isTicketEventType('deleted')).toBe(false);
    expect(isTicketEventType('')).toBe(false);
  });
});

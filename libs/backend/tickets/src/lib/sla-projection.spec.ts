import { BusinessCalendar, buildSlaMatrix, type SlaMatrixSpec } from '@leitstand/domain';
import { computeTicketSla, type ContractEntity, type ContractTerms } from '@leitstand/backend/data-access';
import { slaEventsFromLog } from './sla-event-log';

const week = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']] as Array<[string, string]>]),
);
const calendar = BusinessCalendar.fromSpec({ timezone: 'Europe/Berlin', week });
const spec = {
  A: {
    response: { budget: { kind: 'minutes', minutes: 15 }, calendar: '24-7', warningShare: 0.5 },
    restore: { budget: { kind: 'minutes', minutes: 60 }, calendar: '24-7' },
  },
  B: {
    response: { budget: { kind: 'minutes', minutes: 30 }, calendar: '24-7' },
    restore: { budget: { kind: 'minutes', minutes: 240 }, calendar: '24-7' },
  },
  C: {
    response: { budget: { kind: 'minutes', minutes: 60 }, calendar: '24-7' },
    restore: { budget: { kind: 'minutes', minutes: 480 }, calendar: '24-7' },
  },
} as SlaMatrixSpec;
const terms: ContractTerms = {
  contract: { slaMatrix: spec } as unknown as ContractEntity,
  calendars: { '24-7': calendar },
  slaMatrix: buildSlaMatrix(spec, { '24-7': calendar }),
};
const t0 = new Date('2026-03-10T08:00:00.000Z');
const at = (minutes: number): Date => new Date(t0.getTime() + minutes * 60_000);

describe('SLA projection of a ticket', () => {
  it('maps the log (ignoring comments and unknown types) and projects both clocks', () => {
    const events = slaEventsFromLog([
      { type: 'created', occurredAt: t0, payload: { priority: 'A' } },
      { type: 'comment', occurredAt: at(1), payload: { text: 'x' } },
      { type: 'paused', occurredAt: at(2), payload: {} },
      { type: 'resumed', occurredAt: at(7), payload: {} },
    ]);
    expect(events.map((e) => e.type)).toEqual(['created', 'paused', 'resumed']);
    const p = computeTicketSla(terms, events, at(10));
    const [response, restore] = p.clocks;
    // 15 min budget + 5 min paused → deadline at +20 min; warning at half the budget (7.5 min + 5 paused)
    expect(response?.deadline?.toISOString()).toBe(at(20).toISOString());
    expect(response?.warningAt?.toISOString()).toBe(at(12.5).toISOString());
    expect(response?.calendarKey).toBe('24-7');
    expect(restore?.deadline?.toISOString()).toBe(at(65).toISOString());
    expect(restore?.warningShare).toBe(0.75);
    expect(p.nextDeadline?.toISOString()).toBe(at(20).toISOString());
    expect(p.atRisk).toBe(false);
    expect(computeTicketSla(terms, events, at(13)).atRisk).toBe(true);
    expect(computeTicketSla(terms, events, at(21)).breached).toBe(true);
  });

  it('takes the restore deadline once the response clock has stopped, and none after restore', () => {
    const created = { type: 'created' as const, at: t0, priority: 'A' as const };
    const accepted = computeTicketSla(terms, [created, { type: 'accepted', at: at(3) }], at(4));
    expect(accepted.clocks[0]?.state).toBe('met');
    expect(accepted.nextDeadline?.toISOString()).toBe(at(60).toISOString());
    const restored = computeTicketSla(
      terms,
      [created, { type: 'accepted', at: at(3) }, { type: 'restored', at: at(30) }],
      at(31),
    );
    expect(restored.nextDeadline).toBeNull();
    expect(restored.breached).toBe(false);
  });

  it('has no clocks without a created event', () => {
    expect(computeTicketSla(terms, [], t0).clocks).toEqual([]);
  });
});

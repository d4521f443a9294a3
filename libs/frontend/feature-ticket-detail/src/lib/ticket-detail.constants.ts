import type { TicketAction, TicketEventType, TicketStatus } from '@leitstand/api-contracts';
import type { I18nKey } from '@leitstand/frontend/i18n';

/** The status machine's `from` per action (mirrors the API's TICKET_TRANSITIONS). */
export const ACTION_FROM: Readonly<Record<TicketAction, readonly TicketStatus[]>> = {
  accept: ['new'],
  dispatch: ['accepted'],
  travel: ['dispatched'],
  arrive: ['dispatched', 'travelling'],
  pause: ['new', 'accepted', 'dispatched', 'travelling', 'on_site'],
  resume: ['paused'],
  restore: ['accepted', 'dispatched', 'travelling', 'on_site'],
  close: ['restored'],
  reopen: ['restored', 'closed'],
};

/** Text key of each action's button ("Annehmen" / "Accept"). */
export const ACTION_LABEL_KEYS: Readonly<Record<TicketAction, I18nKey>> = {
  accept: 'detail.action.accept',
  dispatch: 'detail.action.dispatch',
  travel: 'detail.action.travel',
  arrive: 'detail.action.arrive',
  pause: 'detail.action.pause',
  resume: 'detail.action.resume',
  restore: 'detail.action.restore',
  close: 'detail.action.close',
  reopen: 'detail.action.reopen',
};

/** Actions that need input before they are sent. */
export const ACTIONS_WITH_FORM: ReadonlySet<TicketAction> = new Set(['dispatch', 'pause', 'reopen', 'restore']);

/** Every action valid in `status`, in the order of the process. */
export function actionsFor(status: TicketStatus): TicketAction[] {
  return (Object.keys(ACTION_FROM) as TicketAction[]).filter((action) => ACTION_FROM[action].includes(status));
}

export interface EventDisplay {
  /** Text key of the label, or null for an event type this view does not know (then the type is shown). */
  labelKey: I18nKey | null;
  icon: string;
}

/** Every event type of the log has its label and icon (the compiler checks none is missing). */
const EVENT_DISPLAY: Readonly<Record<TicketEventType, EventDisplay>> = {
  created: { labelKey: 'detail.event.created', icon: 'ls:event' },
  intake_confirmed: { labelKey: 'detail.event.intake_confirmed', icon: 'ls:check-circle' },
  accepted: { labelKey: 'detail.event.accepted', icon: 'ls:check-circle' },
  dispatched: { labelKey: 'detail.event.dispatched', icon: 'ls:event' },
  travel_started: { labelKey: 'detail.event.travel_started', icon: 'ls:schedule' },
  arrived: { labelKey: 'detail.event.arrived', icon: 'ls:event' },
  paused: { labelKey: 'detail.event.paused', icon: 'ls:pause-circle' },
  resumed: { labelKey: 'detail.event.resumed', icon: 'ls:schedule' },
  restored: { labelKey: 'detail.event.restored', icon: 'ls:check-circle' },
  closed: { labelKey: 'detail.event.closed', icon: 'ls:check-circle' },
  reopened: { labelKey: 'detail.event.reopened', icon: 'ls:refresh' },
  comment: { labelKey: 'detail.event.comment', icon: 'ls:comment' },
  priority_changed: { labelKey: 'detail.event.priority_changed', icon: 'ls:priority-a' },
  updated: { labelKey: 'detail.event.updated', icon: 'ls:event' },
  work_logged: { labelKey: 'detail.event.work_logged', icon: 'ls:schedule' },
  material_added: { labelKey: 'detail.event.material_added', icon: 'ls:event' },
  service_report_signed: { labelKey: 'detail.event.service_report_signed', icon: 'ls:check-circle' },
  sla_warning: { labelKey: 'detail.event.sla_warning', icon: 'ls:warning' },
  sla_breached: { labelKey: 'detail.event.sla_breached', icon: 'ls:error' },
};

export function eventDisplay(type: string): EventDisplay {
  const known: Readonly<Record<string, EventDisplay | undefined>> = EVENT_DISPLAY;
  return known[type] ?? { labelKey: null, icon: 'ls:event' };
}

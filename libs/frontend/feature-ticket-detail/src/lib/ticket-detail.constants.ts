import type { TicketAction, TicketStatus } from '@leitstand/api-contracts';

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

export const ACTION_LABELS: Readonly<Record<TicketAction, string>> = {
  accept: 'Annehmen',
  dispatch: 'Disponieren',
  travel: 'Anfahrt beginnen',
  arrive: 'Vor Ort',
  pause: 'Pausieren',
  resume: 'Fortsetzen',
  restore: 'Entstört melden',
  close: 'Schließen',
  reopen: 'Wiedereröffnen',
};

/** Actions that need input before they are sent. */
export const ACTIONS_WITH_FORM: ReadonlySet<TicketAction> = new Set(['dispatch', 'pause', 'reopen', 'restore']);

/** Every action valid in `status`, in the order of the process. */
export function actionsFor(status: TicketStatus): TicketAction[] {
  return (Object.keys(ACTION_FROM) as TicketAction[]).filter((action) => ACTION_FROM[action].includes(status));
}

export interface EventDisplay {
  label: string;
  icon: string;
}

const EVENT_DISPLAY: Readonly<Record<string, EventDisplay>> = {
  created: { label: 'Angelegt', icon: 'ls:event' },
  intake_confirmed: { label: 'Eingang bestätigt', icon: 'ls:check-circle' },
  accepted: { label: 'Angenommen', icon: 'ls:check-circle' },
  dispatched: { label: 'Disponiert', icon: 'ls:event' },
  travel_started: { label: 'Anfahrt begonnen', icon: 'ls:schedule' },
  arrived: { label: 'Vor Ort eingetroffen', icon: 'ls:event' },
  paused: { label: 'Pausiert', icon: 'ls:pause-circle' },
  resumed: { label: 'Fortgesetzt', icon: 'ls:schedule' },
  restored: { label: 'Entstört', icon: 'ls:check-circle' },
  closed: { label: 'Geschlossen', icon: 'ls:check-circle' },
  reopened: { label: 'Wiedereröffnet', icon: 'ls:refresh' },
  comment: { label: 'Kommentar', icon: 'ls:comment' },
  priority_changed: { label: 'Priorität geändert', icon: 'ls:priority-a' },
  updated: { label: 'Geändert', icon: 'ls:event' },
  work_logged: { label: 'Arbeitszeit erfasst', icon: 'ls:schedule' },
  material_added: { label: 'Material erfasst', icon: 'ls:event' },
  sla_warning: { label: 'SLA-Warnung', icon: 'ls:warning' },
  sla_breached: { label: 'SLA-Frist überschritten', icon: 'ls:error' },
};

export function eventDisplay(type: string): EventDisplay {
  return EVENT_DISPLAY[type] ?? { label: type, icon: 'ls:event' };
}

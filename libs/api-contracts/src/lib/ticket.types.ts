import type { IsoInstant, Page } from './common.types';

export const PRIORITIES = ['A', 'B', 'C'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const TICKET_CHANNELS = ['phone', 'email', 'portal'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

export const TICKET_STATUSES = ['new', 'accepted', 'dispatched', 'on_site', 'paused', 'restored', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export interface CreateTicketRequest {
  title: string;
  description?: string;
  priority: Priority;
  channel?: TicketChannel;
  reporter?: string;
}

export interface TicketSummary {
  id: string;
  /** Human ticket number, e.g. "2026-000123". */
  number: string;
  title: string;
  priority: Priority;
  status: TicketStatus;
  channel: TicketChannel;
  createdAt: IsoInstant;
}

export interface TicketDetail extends TicketSummary {
  description: string | null;
  reporter: string | null;
  version: number;
}

export type TicketListResponse = Page<TicketSummary>;

export interface TicketEventView {
  id: string;
  type: string;
  actor: string;
  occurredAt: IsoInstant;
  payload: Record<string, unknown>;
}

import {
  OPEN_TICKET_STATUSES,
  PRIORITIES,
  type Priority,
  type TicketListQuery,
  type TicketStatus,
  type TicketSummary,
} from '@leitstand/api-contracts';

/** The queue's filter form; empty fields do not filter. */
export interface QueueFilter {
  statuses: TicketStatus[];
  priority: Priority | '';
  siteId: string;
  atRisk: boolean;
  breached: boolean;
  /** The search text (GET /api/tickets?q=); '' searches nothing. */
  q: string;
}

/** The API's limit for `q` (longer is a 400): a longer text from a URL is cut, never sent. */
export const MAX_SEARCH_LENGTH = 100;

export interface SavedQueueFilter {
  name: string;
  filter: QueueFilter;
}

export const EMPTY_FILTER: QueueFilter = {
  statuses: [],
  priority: '',
  siteId: '',
  atRisk: false,
  breached: false,
  q: '',
};

/** The open tickets of the filter as a list query (`open=true`, sorted by nearest deadline by the API). */
export function toQuery(filter: QueueFilter): TicketListQuery {
  const query: TicketListQuery = { open: true };
  if (filter.statuses.length > 0) {
    query.status = filter.statuses.join(',');
  }
  if (filter.priority) {
    query.priority = filter.priority;
  }
  if (filter.siteId) {
    query.siteId = filter.siteId;
  }
  if (filter.atRisk) {
    query.atRisk = true;
  }
  if (filter.breached) {
    query.breached = true;
  }
  if (filter.q.trim()) {
    query.q = filter.q.trim();
  }
  return query;
}

/** The filter as the queue's query string (`?status=new,accepted&priority=A&site=…&atRisk=1&breached=1&q=…`); null drops a key. */
export function filterToParams(filter: QueueFilter): Record<string, string | null> {
  return {
    status: filter.statuses.length > 0 ? filter.statuses.join(',') : null,
    priority: filter.priority || null,
    site: filter.siteId || null,
    atRisk: filter.atRisk ? '1' : null,
    breached: filter.breached ? '1' : null,
    q: filter.q.trim() || null,
  };
}

/** The filter a query string names (a reload or a shared link); unknown values are left out. */
export function filterFromParams(get: (name: string) => string | null): QueueFilter {
  const statuses = (get('status') ?? '')
    .split(',')
    .filter((s): s is TicketStatus => (OPEN_TICKET_STATUSES as readonly string[]).includes(s));
  const priority = get('priority') ?? '';
  const site = get('site') ?? '';
  const flag = (name: string) => get(name) === '1' || get(name) === 'true';
  return {
    statuses: [...new Set(statuses)],
    priority: (PRIORITIES as readonly string[]).includes(priority) ? (priority as Priority) : '',
    siteId: /^[0-9a-f-]{36}$/i.test(site) ? site : '',
    atRisk: flag('atRisk'),
    breached: flag('breached'),
    q: (get('q') ?? '').trim().slice(0, MAX_SEARCH_LENGTH),
  };
}

/** Whether a (changed) ticket still belongs in the filtered open queue. */
export function matchesFilter(ticket: TicketSummary, filter: QueueFilter): boolean {
  return (
    ticket.status !== 'closed' &&
    (filter.statuses.length === 0 || filter.statuses.includes(ticket.status)) &&
    (!filter.priority || ticket.priority === filter.priority) &&
    (!filter.siteId || ticket.siteId === filter.siteId) &&
    (!filter.atRisk || ticket.atRisk) &&
    (!filter.breached || ticket.breached)
  );
}

/** Nearest deadline first, tickets without a running clock last (the API's order). */
export function byNearestDeadline(a: TicketSummary, b: TicketSummary): number {
  if (a.nextDeadline === b.nextDeadline) {
    return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
  }
  if (a.nextDeadline === null) {
    return 1;
  }
  if (b.nextDeadline === null) {
    return -1;
  }
  return a.nextDeadline < b.nextDeadline ? -1 : 1;
}

const STORAGE_KEY = 'leitstand.queue.savedFilters';

/** Named filters of this browser (localStorage); a broken entry reads as none. */
export function loadSavedFilters(storage: Storage | null = safeStorage()): SavedQueueFilter[] {
  try {
    const parsed = JSON.parse(storage?.getItem(STORAGE_KEY) ?? '[]') as unknown;
    return Array.isArray(parsed)
      ? (parsed as SavedQueueFilter[]).filter((f) => typeof f?.name === 'string' && typeof f.filter === 'object')
      : [];
  } catch {
    return [];
  }
}

export function storeSavedFilters(filters: readonly SavedQueueFilter[], storage: Storage | null = safeStorage()): void {
  storage?.setItem(STORAGE_KEY, JSON.stringify(filters));
}

function safeStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

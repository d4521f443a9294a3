import type { CreateTicketRequest, TicketListResponse, TicketSummary } from '@leitstand/api-contracts';
import { baseUrl } from './stack';

/** Seeds a ticket through the public API, the way a user's client would, and returns it as the list shows it. */
export async function createTicket(request: CreateTicketRequest): Promise<TicketSummary> {
  const response = await fetch(`${baseUrl()}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(request),
  });
  if (!response.ok) {
    throw new Error(`POST /api/tickets answered ${response.status}: ${await response.text()}`);
  }
  const created = (await response.json()) as Partial<TicketSummary>;
  if (created.id && created.number) {
    return created as TicketSummary;
  }
  // The create answer may be slimmer than a list row; the list is the source for what the UI shows.
  const found = (await listTickets()).items.find(
    (ticket) => ticket.id === created.id || ticket.title === request.title,
  );
  if (!found) {
    throw new Error(`ticket "${request.title}" was created but GET /api/tickets does not list it`);
  }
  return found;
}

export async function listTickets(): Promise<TicketListResponse> {
  const response = await fetch(`${baseUrl()}/api/tickets`, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(`GET /api/tickets answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as TicketListResponse;
}

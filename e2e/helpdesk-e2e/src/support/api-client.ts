import type { CreateTicketRequest, TicketListResponse, TicketSummary } from '@leitstand/api-contracts';
import { readWorld } from './seed';
import { baseUrl } from './stack';

/** A signed-in session: the Bearer header for API calls and the cookies for the browser. */
export interface E2eSession {
  headers: Record<string, string>;
  cookies: Array<{ name: string; value: string; path: string }>;
}

let session: Promise<E2eSession> | null = null;

/** Signs the seeded object manager in through the public API (once per spec file). */
export function managerSession(): Promise<E2eSession> {
  session ??= (async () => {
    const world = readWorld();
    const response = await fetch(`${baseUrl()}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email: world.managerEmail, password: world.managerPassword }),
    });
    if (!response.ok) {
      throw new Error(`POST /api/auth/login answered ${response.status}: ${await response.text()}`);
    }
    const { accessToken } = (await response.json()) as { accessToken: string };
    const cookies = response.headers.getSetCookie().map((line) => {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      const path = attributes.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      return { name: pair.slice(0, at), value: pair.slice(at + 1), path };
    });
    return { headers: { authorization: `Bearer ${accessToken}` }, cookies };
  })();
  return session;
}

/** Seeds a ticket through the public API, the way a user's client would, and returns it as the list shows it. */
export async function createTicket(request: Omit<CreateTicketRequest, 'siteId'>): Promise<TicketSummary> {
  const { headers } = await managerSession();
  const response = await fetch(`${baseUrl()}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ siteId: readWorld().siteId, ...request }),
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
  const { headers } = await managerSession();
  const response = await fetch(`${baseUrl()}/api/tickets`, { headers: { accept: 'application/json', ...headers } });
  if (!response.ok) {
    throw new Error(`GET /api/tickets answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as TicketListResponse;
}

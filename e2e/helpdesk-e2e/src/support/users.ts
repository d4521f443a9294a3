import type { ConsoleMessage, Page } from 'playwright-core';
import { baseUrl } from './stack';

/** Who signs in through the UI in the e2e journeys, and what the top bar then shows. */
export interface E2eUser {
  readonly email: string;
  readonly password: string;
  readonly displayName: string;
  readonly roleLabel: string;
}

/**
 * The object manager that globalSetup seeds for this run (its credentials come through the environment:
 * E2E_MANAGER_EMAIL, E2E_MANAGER_PASSWORD). It serves only this run's tenant.
 */
export function seededManager(): E2eUser {
  const value = (name: string): string => {
    const found = process.env[name];
    if (!found) {
      throw new Error(`[e2e] ${name} is not set: globalSetup seeds the e2e users`);
    }
    return found;
  };
  return {
    email: value('E2E_MANAGER_EMAIL'),
    password: value('E2E_MANAGER_PASSWORD'),
    displayName: 'E2E Objektleitung',
    roleLabel: 'Objektleitung',
  };
}

/** Fills in the sign-in page the way a person does (it must be showing) and submits with Enter. */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-Mail').fill(email);
  await page.getByLabel('Passwort').fill(password);
  await page.getByLabel('Passwort').press('Enter');
}

/** The start pages sign-in leads to (ROLE_HOME in libs/frontend/data-access): path and the German page heading. */
export const START_PAGES = {
  queue: { path: '/', heading: 'Störmeldungen' },
  dashboard: { path: '/dashboard', heading: 'Vertragskennzahlen' },
} as const;
export type StartPage = keyof typeof START_PAGES;

/** Where sign-in leads a user: object managers to the contract dashboard, helpdesk staff to the queue. */
export function startPageOf(user: E2eUser): StartPage {
  return user.roleLabel === 'Objektleitung' ? 'dashboard' : 'queue';
}

/**
 * Opens the app signed out, is sent to the sign-in page, signs in and waits for the user's start page (the
 * queue for agents, the dashboard for managers; checked by path and heading).
 */
export async function signInThroughUi(page: Page, user: E2eUser): Promise<void> {
  await page.goto(`${baseUrl()}/`);
  await page.waitForURL(/\/login(\?|$)/);
  await submitLogin(page, user.email, user.password);
  const start = START_PAGES[startPageOf(user)];
  await page.getByRole('heading', { level: 1, name: start.heading }).waitFor();
  await page.waitForURL((url) => url.pathname === start.path);
}

/** Opens the staff queue (`/queue`: for managers, whose "/" is the dashboard, too) and waits for it. */
export async function openQueue(page: Page): Promise<void> {
  await page.goto(`${baseUrl()}/queue`);
  await page.getByRole('heading', { level: 1, name: 'Störmeldungen' }).waitFor();
}

/**
 * The browser logs every 401 as a console error. Signed out, the app's startup probe of the session
 * (GET /api/auth/me, then one POST /api/auth/refresh) answers 401 by design; nothing else may.
 */
export function isSignedOutProbe(message: ConsoleMessage): boolean {
  const url = message.location().url;
  return (
    message.text().includes('status of 401') && (url.endsWith('/api/auth/me') || url.endsWith('/api/auth/refresh'))
  );
}

import type { Page } from 'playwright-core';
import { isSignedOutProbe } from './users';

/**
 * Collects what a page must never show: uncaught errors and console errors, except the session probe of a
 * signed-out start and the answers a spec provokes on purpose (`expected`, e.g. its 400s: the browser logs every
 * failed request as a console error). A spec asserts the list is empty after each step.
 */
export function watchPageErrors(page: Page, expected: (text: string) => boolean = () => false): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !isSignedOutProbe(message) && !expected(message.text())) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
}

/** The browser's console line for a failed request with that status (Chromium: "… status of 400 (Bad Request)"). */
export const isStatus =
  (...statuses: number[]) =>
  (text: string): boolean =>
    statuses.some((s) => text.includes(`status of ${s}`));

/**
 * Page weight and time to first row of the two pages a desk lives on, in a real Chromium against the real stack
 * (api serving the production UI build, worker, a throwaway database): the queue (`/queue`) and the contract
 * dashboard (`/dashboard`). Each load runs in a fresh browser context (cold cache) with the session already
 * signed in through the API, so only the page's own requests count. Prints, per page and as the median of
 * RUNS loads: JavaScript bytes over the wire (encoded bodies, what the network carries), all bytes, request
 * count, and milliseconds from navigation to the first row of the queue / the first availability row.
 * Targets (issue 18): queue ≤ 250 KB of JavaScript, dashboard ≤ 450 KB. Needs `nx run-many -t build -p api
 * worker helpdesk`. The database is dropped afterwards.
 */
import { loadavg } from 'node:os';
import { Client } from 'pg';
import type { Browser, Request } from 'playwright-core';
import { launchBrowser } from '../src/support/browser';
import { createTicketAs, seedAgentWorld } from '../src/support/agent-fixtures';
import { seedDashboardWorld } from '../src/support/dashboard-fixtures';
import globalSetup from '../src/support/global-setup';
import globalTeardown from '../src/support/global-teardown';
import { baseUrl } from '../src/support/stack';

const RUNS = 5;
const KB = 1000;
const PG_BASE = 'postgres://postgres@127.0.0.1:5432';

interface Load {
  /** Bytes of 2xx answers only: an error page or a failed request weighs nothing the page needs. */
  scriptBytes: number;
  allBytes: number;
  /** Requests answered 2xx. */
  requests: number;
  firstRowMs: number;
  /** Answers other than 2xx and failed requests, as `status url` (the row prints no figure when any occur). */
  failures: string[];
}

interface PageCase {
  label: string;
  user: { email: string; password: string };
  path: string;
  firstRow: string;
  targetScriptKb: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function loadOnce(browser: Browser, page: PageCase, encoding: 'br' | 'identity'): Promise<Load> {
  const context = await browser.newContext({
    locale: 'de-DE',
    viewport: { width: 1920, height: 1080 },
    // identity: the same build without compression on the wire, the baseline printed next to the figure.
    ...(encoding === 'identity' ? { extraHTTPHeaders: { 'accept-encoding': 'identity' } } : {}),
  });
  try {
    // The session cookies land in this context; its HTTP cache stays empty.
    const login = await context.request.post(`${baseUrl()}/api/auth/login`, {
      data: { email: page.user.email, password: page.user.password },
    });
    if (!login.ok()) throw new Error(`sign-in answered ${login.status()}`);
    const tab = await context.newPage();
    const finished: Request[] = [];
    const failures: string[] = [];
    tab.on('requestfinished', (request) => finished.push(request));
    tab.on('requestfailed', (request) => failures.push(`failed ${request.url()}`));
    const start = Date.now();
    await tab.goto(`${baseUrl()}${page.path}`);
    await tab.locator(page.firstRow).first().waitFor({ timeout: 30_000 });
    const firstRowMs = Date.now() - start;
    await tab.waitForLoadState('networkidle');
    let scriptBytes = 0;
    let allBytes = 0;
    let requests = 0;
    for (const request of finished) {
      const status = (await request.response())?.status() ?? 0;
      if (status < 200 || status > 299) {
        failures.push(`${status} ${request.url()}`);
        continue;
      }
      requests++;
      const sizes = await request.sizes();
      const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
      allBytes += bytes;
      if (request.resourceType() === 'script') scriptBytes += bytes;
    }
    return { scriptBytes, allBytes, requests, firstRowMs, failures };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const databaseUrl = `${PG_BASE}/leitstand_bench_pages_${process.pid}`;
  process.env['E2E_DATABASE_URL'] = databaseUrl;
  await globalSetup();
  let browser: Browser | undefined;
  try {
    const world = await seedDashboardWorld(databaseUrl);
    // The queue of a desk with work in it: 30 open tickets of the agent's tenant, reported through the API.
    const desk = await seedAgentWorld(databaseUrl);
    for (let i = 0; i < 30; i++) {
      await createTicketAs(desk.agent, { siteId: desk.siteId, title: `Störung ${i + 1}`, priority: 'B' });
    }
    browser = await launchBrowser();
    const cases: PageCase[] = [
      { label: 'queue', user: desk.agent, path: '/queue', firstRow: 'ls-queue-row', targetScriptKb: 250 },
      {
        label: 'dashboard',
        user: world.manager,
        path: `/dashboard?contract=${world.contractId}&period=2026-10`,
        firstRow: 'table[data-table="verfuegbarkeit"] tbody tr',
        targetScriptKb: 450,
      },
    ];
    console.log(`page weight (${RUNS} cold loads each, median; load average ${loadavg()[0]?.toFixed(1)})`);
    for (const page of cases) {
      const measure = async (encoding: 'br' | 'identity'): Promise<Load> => {
        const loads: Load[] = [];
        for (let i = 0; i < RUNS; i++) loads.push(await loadOnce(browser as Browser, page, encoding));
        return {
          scriptBytes: median(loads.map((l) => l.scriptBytes)),
          allBytes: median(loads.map((l) => l.allBytes)),
          requests: median(loads.map((l) => l.requests)),
          firstRowMs: median(loads.map((l) => l.firstRowMs)),
          failures: loads.flatMap((l) => l.failures),
        };
      };
      const compressed = await measure('br');
      const plain = await measure('identity');
      const failures = [...compressed.failures, ...plain.failures];
      if (failures.length > 0) {
        console.log(
          `  ${page.label.padEnd(9)} NO FIGURE: ${failures.length} answers other than 2xx or failed requests in ${2 * RUNS} loads ` +
            `(first: ${[...new Set(failures)].slice(0, 3).join(', ')})`,
        );
        continue;
      }
      const verdict = compressed.scriptBytes <= page.targetScriptKb * KB ? 'meets' : 'MISSES';
      console.log(
        `  ${page.label.padEnd(9)} JavaScript ${(compressed.scriptBytes / KB).toFixed(1)} KB over the wire ` +
          `(target ≤ ${page.targetScriptKb} KB: ${verdict}; uncompressed baseline ${(plain.scriptBytes / KB).toFixed(1)} KB)` +
          ` · all ${(compressed.allBytes / KB).toFixed(1)} KB in ${compressed.requests} requests` +
          ` · first row after ${compressed.firstRowMs} ms (uncompressed ${plain.firstRowMs} ms)`,
      );
    }
  } finally {
    await browser?.close();
    await globalTeardown();
    const admin = new Client({ connectionString: `${PG_BASE}/postgres` });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS leitstand_bench_pages_${process.pid} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { join, resolve } from 'node:path';

/** Where everything lives and how the e2e stack is addressed. The ports are the e2e contract with api/worker. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
export const OUTPUT_DIR = join(WORKSPACE_ROOT, 'e2e/output');
export const API_PORT = 4310;
export const WORKER_HTTP_PORT = 4311;

export const API_MAIN = join(WORKSPACE_ROOT, 'dist/backend/api/main.js');
export const API_MIGRATE = join(WORKSPACE_ROOT, 'dist/backend/api/migrate.js');
export const WORKER_MAIN = join(WORKSPACE_ROOT, 'dist/backend/worker/main.js');
export const WEB_DIST = join(WORKSPACE_ROOT, 'dist/frontend/helpdesk/browser');

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/leitstand_e2e';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** The UI and API origin the specs talk to; globalSetup sets E2E_BASE_URL (or it was given to use a running stack). */
export function baseUrl(): string {
  return process.env['E2E_BASE_URL'] ?? `http://127.0.0.1:${API_PORT}`;
}

export function outputPath(fileName: string): string {
  return join(OUTPUT_DIR, fileName);
}

import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/** Where everything lives and how the e2e stack is addressed (api and worker get free ports per run). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
export const OUTPUT_DIR = join(WORKSPACE_ROOT, 'e2e/output');

export const API_MAIN = join(WORKSPACE_ROOT, 'dist/backend/api/main.js');
export const API_MIGRATE = join(WORKSPACE_ROOT, 'dist/backend/api/migrate.js');
export const WORKER_MAIN = join(WORKSPACE_ROOT, 'dist/backend/worker/main.js');
export const WEB_DIST = join(WORKSPACE_ROOT, 'dist/frontend/helpdesk/browser');

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/leitstand_e2e';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** The UI and API origin the specs talk to; globalSetup sets E2E_BASE_URL (or it was given to use a running stack). */
export function baseUrl(): string {
  const url = process.env['E2E_BASE_URL'];
  if (!url) throw new Error('[e2e] E2E_BASE_URL is not set: globalSetup starts the stack and sets it');
  return url;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export function outputPath(fileName: string): string {
  return join(OUTPUT_DIR, fileName);
}

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from './wait-for';

export const WORKSPACE_ROOT = join(__dirname, '../../../../..');

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A real api or worker process started from the built bundle (dist/), with its JSON log lines
 * captured so tests can assert on what it logged.
 */
export class ServiceProcess {
  readonly lines: string[] = [];
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> | null = null;

  constructor(
    readonly kind: 'api' | 'worker',
    readonly env: Record<string, string>,
    readonly port: number,
  ) {}

  get healthUrl(): string {
    return this.kind === 'api' ? `http://127.0.0.1:${this.port}/api/health` : `http://127.0.0.1:${this.port}/health`;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  static async start(kind: 'api' | 'worker', env: Record<string, string>): Promise<ServiceProcess> {
    const port = await freePort();
    const service = new ServiceProcess(kind, env, port);
    await service.spawn();
    return service;
  }

  async spawn(waitHealthy = true): Promise<void> {
    const entry = join(WORKSPACE_ROOT, 'dist', 'backend', this.kind, 'main.js');
    if (!existsSync(entry)) {
      throw new Error(`${entry} is missing: build first (npx nx run-many -t build -p api worker)`);
    }
    const portVar =
      this.kind === 'api'
        ? { API_PORT: String(this.port), API_HOST: '127.0.0.1' }
        : { WORKER_HTTP_PORT: String(this.port), API_HOST: '127.0.0.1' };
    const child = spawn(process.execPath, ['--enable-source-maps', entry], {
      cwd: WORKSPACE_ROOT,
      env: { PATH: process.env['PATH'] ?? '', ...this.env, ...portVar },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const collect = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.lines.push(line);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    if (waitHealthy) await this.waitHealthy();
  }

  async waitHealthy(timeoutMs = 30_000): Promise<void> {
    await waitFor(
      async () => {
        if (this.child?.exitCode !== null && this.child?.exitCode !== undefined) {
          throw new Error(`${this.kind} exited: ${this.tail()}`);
        }
        const res = await fetch(this.healthUrl).catch(() => null);
        return res?.status === 200;
      },
      `${this.kind} to become healthy\n${this.tail()}`,
      timeoutMs,
      100,
    );
  }

  /** SIGTERM and wait for a graceful exit; returns the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 20_000): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null) return this.child?.exitCode ?? null;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  /** kill -9: no shutdown hooks, no goodbyes. */
  async kill9(): Promise<void> {
    if (!this.child || this.child.exitCode !== null) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Parsed JSON log lines (non-JSON lines are kept as { raw }). */
  logs(): Array<Record<string, unknown>> {
    return this.lines.map((l) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        return { raw: l };
      }
    });
  }

  tail(n = 15): string {
    return this.lines.slice(-n).join('\n');
  }
}

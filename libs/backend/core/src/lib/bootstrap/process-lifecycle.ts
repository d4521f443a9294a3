import { ConfigValidationError, loadConfig, type AppConfig } from '../config/app-config';

/**
 * Start-up and shutdown rules shared by every Leitstand process (api, worker):
 * - an invalid environment ends the process at once with one message listing every bad variable;
 * - a SIGTERM/SIGINT that arrives while start-up still waits for PostgreSQL or Redis ends it at once;
 * - after start-up Nest's shutdown hooks drain in-flight requests and jobs, capped at `shutdownTimeoutMs`.
 */
export interface ProcessLifecycle {
  config: AppConfig;
  /** Call once the process serves; from then on signals drain instead of exiting at once. */
  markStarted(): void;
}

export function startProcess(name: string, source?: Record<string, string | undefined>): ProcessLifecycle {
  let config: AppConfig;
  try {
    config = loadConfig(source);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${name}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  let started = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (!started) process.exit(0);
      setTimeout(() => {
        process.stderr.write(`${name}: shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting\n`);
        process.exit(1);
      }, config.shutdownTimeoutMs).unref();
    });
  }
  return {
    config,
    markStarted: () => {
      started = true;
    },
  };
}

/** Ends the process with one line when start-up fails (no stack wall). */
export function exitOnStartupFailure(name: string): (error: unknown) => never {
  return (error: unknown) => {
    process.stderr.write(`${name} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  };
}

import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { WORKSPACE_ROOT, outputPath } from './stack';

/** A stack process started by globalSetup; its stdout and stderr go to `e2e/output/<name>.log`. */
export interface StackProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly logFile: string;
}

export function startProcess(name: string, script: string, env: NodeJS.ProcessEnv): StackProcess {
  const logFile = outputPath(`${name}.log`);
  const fd = openSync(logFile, 'w');
  try {
    const child = spawn(process.execPath, [script], { cwd: WORKSPACE_ROOT, env, stdio: ['ignore', fd, fd] });
    return { name, child, logFile };
  } finally {
    closeSync(fd); // the child holds its own copy
  }
}

export function hasExited(proc: StackProcess): boolean {
  return proc.child.exitCode !== null || proc.child.signalCode !== null;
}

/** The last lines of a log file, for error messages that explain themselves. */
export function logTail(logFile: string, lines = 40): string {
  if (!existsSync(logFile)) {
    return '(no log)';
  }
  const text = readFileSync(logFile, 'utf8').trimEnd();
  return text ? text.split('\n').slice(-lines).join('\n') : '(log is empty)';
}

/** Polls `url` until it answers 2xx; fails early when the process dies, or after `timeoutMs` with the log tail. */
export async function waitForHealthy(proc: StackProcess, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (hasExited(proc)) {
      throw new Error(
        `${proc.name} exited (code ${proc.child.exitCode ?? '–'}, signal ${proc.child.signalCode ?? '–'}) before ${url} was healthy.\n` +
          `--- last lines of ${proc.logFile} ---\n${logTail(proc.logFile)}`,
      );
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) {
        return;
      }
      lastProblem = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      lastProblem = describeFetchError(error);
    }
    await delay(250);
  }
  throw new Error(
    `${proc.name} was not healthy at ${url} within ${timeoutMs / 1000} s (last: ${lastProblem}).\n` +
      `--- last lines of ${proc.logFile} ---\n${logTail(proc.logFile)}`,
  );
}

/** SIGTERM, wait for a graceful exit, SIGKILL after `graceMs`. */
export async function stopProcess(proc: StackProcess, graceMs = 15_000): Promise<void> {
  if (hasExited(proc)) {
    return;
  }
  const exited = new Promise<void>((resolve) => proc.child.once('exit', () => resolve()));
  proc.child.kill('SIGTERM');
  const killTimer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(killTimer);
  }
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return cause?.code ?? error.message;
  }
  return String(error);
}

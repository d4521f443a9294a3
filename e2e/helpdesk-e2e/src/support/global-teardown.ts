import { stopProcess } from './stack-process';

/** Stops api and worker (SIGTERM, graceful) if globalSetup started them. */
export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.__LEITSTAND_E2E_STACK__ ?? [];
  await Promise.all(stack.map((proc) => stopProcess(proc)));
  globalThis.__LEITSTAND_E2E_STACK__ = undefined;
}

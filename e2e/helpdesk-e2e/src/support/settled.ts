/**
 * Reads `read` until it answers `expected` (every 50 ms, at most `timeoutMs`) and returns the last answer,
 * for the test to assert. For what a page shows only after the work an action started has finished: a file
 * the page reads asynchronously, a view that renders on the next change detection. On a timeout the last
 * answer is returned, so the assertion fails with what the page showed.
 */
export async function settled<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (Object.is(value, expected) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls until the condition holds; fails with the last observed state after the timeout. */
export async function waitUntil<T>(
  probe: () => T | Promise<T>,
  ok: (value: T) => boolean,
  { timeoutMs = 20_000, intervalMs = 25, what = 'condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await probe();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v))?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * Exponential back-off with full jitter: after an HQ outage, a chain's stores
 * spread their reconnects over the whole window instead of arriving together.
 */
export function fullJitterDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

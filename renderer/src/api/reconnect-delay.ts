export interface BackoffPolicy {
  firstMs: number;
  maxMs: number;
  /** 0.2 spreads each delay ±20%, so many screens do not reconnect in step after a restart. */
  jitter: number;
}

export const defaultBackoff: BackoffPolicy = { firstMs: 500, maxMs: 10_000, jitter: 0.2 };

/** Delay before reconnect attempt `attempt` (0 for the first after a drop): doubling, capped, jittered. */
export function reconnectDelay(attempt: number, policy: BackoffPolicy = defaultBackoff, random: () => number = Math.random): number {
  const base = Math.min(policy.maxMs, policy.firstMs * 2 ** Math.max(0, attempt));
  const spread = base * policy.jitter * (random() * 2 - 1);
  return Math.round(Math.min(policy.maxMs, Math.max(0, base + spread)));
}

// The lowest price of the days before a reduction (EU price-indication rule,
// Directive 98/6/EC art. 6a: 30 days), from the store's own price history.
// Pure: the history in, the answer out.

export const referenceDays = 30;
const dayMs = 86_400_000;

/** One price in force from `fromAt` until the next entry's. */
export interface PriceEntry {
  priceCents: number;
  fromAt: string;
}

/**
 * The lowest price in force in the `days` before `at`, or null when the
 * history does not reach back that far (the store cannot establish it alone).
 * `history` is one SKU's entries in any order.
 */
export function lowestPriceBefore(history: readonly PriceEntry[], at: string | Date, days = referenceDays): number | null {
  const end = new Date(at).getTime();
  const start = end - days * dayMs;
  const entries = history.map((e) => ({ priceCents: e.priceCents, from: new Date(e.fromAt).getTime() })).sort((a, b) => a.from - b.from);
  if (entries.length === 0 || entries[0]!.from > start) return null;
  let lowest: number | null = null;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const until = entries[i + 1]?.from ?? Infinity;
    // In force for part of [start, end): it counts.
    if (entry.from < end && until > start) lowest = lowest === null ? entry.priceCents : Math.min(lowest, entry.priceCents);
  }
  return lowest;
}

import type { HqStoreRecord } from './hq-store-streams';

/** One store's own account, read from its ledger after the run. */
export interface StoreTruth {
  store: string;
  /** Last outbox seq the store committed. */
  lastSeq: number;
  /** SHA-256 over "seq:eventId" of its outbox, in seq order (the same lines HQ hashes). */
  digest: string;
  /** Highest seq the store recorded as acknowledged by HQ. */
  ackedSeq: number;
}

export interface ChainVerdict {
  stores: number;
  events: number;
  /** Stores where HQ holds less than the store committed. */
  lost: { store: string; missing: number }[];
  /** Stores where HQ stored an event twice, or one the store never made. */
  doubled: { store: string; extra: number }[];
  /** Same count, different events or order: HQ's stream is not the store's. */
  reordered: string[];
  /** Stores that did not see HQ acknowledge everything they committed. */
  unacknowledged: { store: string; ackedSeq: number; lastSeq: number }[];
  /** Stores HQ heard from that no simulator ran. */
  unknownAtHq: string[];
  ok: boolean;
}

/** Compares every store's ledger with what HQ stored: nothing lost, nothing doubled, same order. */
export function judgeChain(truths: StoreTruth[], hq: HqStoreRecord[]): ChainVerdict {
  const atHq = new Map(hq.map((r) => [r.store, r]));
  const lost: ChainVerdict['lost'] = [];
  const doubled: ChainVerdict['doubled'] = [];
  const reordered: string[] = [];
  const unacknowledged: ChainVerdict['unacknowledged'] = [];
  for (const truth of truths) {
    const held = atHq.get(truth.store);
    const contiguous = held?.contiguous ?? 0;
    const applied = held?.applied ?? 0;
    if (contiguous < truth.lastSeq) lost.push({ store: truth.store, missing: truth.lastSeq - contiguous });
    const extra = Math.max(applied - contiguous, 0) + Math.max(contiguous - truth.lastSeq, 0);
    if (extra > 0) doubled.push({ store: truth.store, extra });
    else if (contiguous === truth.lastSeq && held && held.digest !== truth.digest) reordered.push(truth.store);
    if (truth.ackedSeq < truth.lastSeq) unacknowledged.push({ store: truth.store, ackedSeq: truth.ackedSeq, lastSeq: truth.lastSeq });
  }
  const known = new Set(truths.map((t) => t.store));
  const unknownAtHq = hq.filter((r) => !known.has(r.store)).map((r) => r.store);
  return {
    stores: truths.length,
    events: truths.reduce((sum, t) => sum + t.lastSeq, 0),
    lost,
    doubled,
    reordered,
    unacknowledged,
    unknownAtHq,
    ok: lost.length + doubled.length + reordered.length + unacknowledged.length + unknownAtHq.length === 0,
  };
}

import { createHash, type Hash } from 'node:crypto';
import type { UpEvent } from '../../../main/sync/protocol';

/** What HQ holds of one store's uplink at the end of a run. */
export interface HqStoreRecord {
  store: string;
  /** Highest contiguous seq stored: what HQ acknowledges. */
  contiguous: number;
  /** Events stored (each should be stored once: applied === contiguous). */
  applied: number;
  /** SHA-256 over "seq:eventId" of every stored event, in the order stored. */
  digest: string;
  /** Arrivals at or below what was stored, or already parked: redeliveries HQ ignored. */
  duplicates: number;
  /** Messages that arrived ahead of a gap (another consumer had the one before): parked, then stored in order. */
  parkedArrivals: number;
  /** Events still parked behind a gap. */
  parked: number;
  resendsAsked: number;
}

/** The line both sides hash for one event: the store from its outbox, HQ as it stores. */
export const eventFingerprint = (seq: number, eventId: string) => `${seq}:${eventId}\n`;

const eventId = (event: UpEvent): string => {
  const id = (event.data as { id?: unknown }).id;
  return typeof id === 'string' ? id : '';
};

interface StoreStream {
  next: number;
  parked: Map<number, UpEvent>;
  gapSince: number | null;
  lastResendAt: number;
  hash: Hash;
  applied: number;
  duplicates: number;
  parkedArrivals: number;
  resendsAsked: number;
}

/**
 * HQ's per-store uplink state, shared by every consumer of a shared subscription: "What HQ must do"
 * in docs/protocol.md, with one difference for several consumers. A message can overtake the one
 * before it when they go to different consumers, so a gap is normal for a moment; HQ asks for a
 * resend only when a gap outlives `gapGraceMs`, or every reordering would cost a resend and duplicates.
 */
export function createHqStoreStreams({
  gapGraceMs = 500,
  onStored = () => {},
}: {
  gapGraceMs?: number;
  /** Called for each event as it is stored, in seq order per store. */
  onStored?: (store: string, event: UpEvent) => void;
} = {}) {
  const streams = new Map<string, StoreStream>();
  const gapped = new Set<string>();

  function stream(store: string): StoreStream {
    let found = streams.get(store);
    if (!found) {
      found = { next: 1, parked: new Map(), gapSince: null, lastResendAt: 0, hash: createHash('sha256'), applied: 0, duplicates: 0, parkedArrivals: 0, resendsAsked: 0 };
      streams.set(store, found);
    }
    return found;
  }

  return {
    /** Takes one `up/events` message's events; returns the `upToSeq` to acknowledge. */
    receive(store: string, events: UpEvent[], now: number): number {
      const s = stream(store);
      if (events.length > 0 && events[0]!.seq > s.next) s.parkedArrivals++;
      for (const event of events) {
        if (event.seq < s.next || s.parked.has(event.seq)) {
          s.duplicates++;
          continue;
        }
        s.parked.set(event.seq, event);
      }
      for (let event = s.parked.get(s.next); event; event = s.parked.get(s.next)) {
        s.parked.delete(s.next);
        s.hash.update(eventFingerprint(event.seq, eventId(event)));
        s.applied++;
        s.next++;
        onStored(store, event);
      }
      if (s.parked.size === 0) {
        s.gapSince = null;
        gapped.delete(store);
      } else {
        s.gapSince ??= now;
        gapped.add(store);
      }
      return s.next - 1;
    },
    /** Stores whose gap outlived the grace period: ask each for a resend from `fromSeq`. */
    overdueGaps(now: number): { store: string; fromSeq: number }[] {
      const due: { store: string; fromSeq: number }[] = [];
      for (const store of gapped) {
        const s = streams.get(store)!;
        if (s.gapSince !== null && now - s.gapSince >= gapGraceMs && now - s.lastResendAt >= gapGraceMs) {
          s.lastResendAt = now;
          s.resendsAsked++;
          due.push({ store, fromSeq: s.next });
        }
      }
      return due;
    },
    report(): HqStoreRecord[] {
      return [...streams].map(([store, s]) => ({
        store,
        contiguous: s.next - 1,
        applied: s.applied,
        digest: s.hash.copy().digest('hex'),
        duplicates: s.duplicates,
        parkedArrivals: s.parkedArrivals,
        parked: s.parked.size,
        resendsAsked: s.resendsAsked,
      }));
    },
  };
}
export type HqStoreStreams = ReturnType<typeof createHqStoreStreams>;

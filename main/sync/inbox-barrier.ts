import type { Db } from '../kernel/db/open-ledger';
import type { SyncState } from './sync-state';

/** The applied dseq the last barrier made durable: a marker, so the barrier's commit is never empty. */
export const durableAppliedDseqKey = 'durable_applied_dseq';

/**
 * What a test can watch: each barrier once its fsync returned, each report of `appliedDseq` to HQ,
 * each batch of outbox events handed to the broker, and each burst of HQ's stream committed.
 */
export type InboxDurabilityEvent =
  | { kind: 'barrier-synced'; appliedDseq: number; /** SQLite's level for the marker's commit: 2 is FULL. */ synchronous: number }
  | { kind: 'applied-dseq-reported'; appliedDseq: number; via: 'ack' | 'presence' }
  | { kind: 'events-published'; upToSeq: number }
  /** A burst of HQ's stream committed (relaxed) in one transaction. */
  | { kind: 'stream-committed'; messages: number; appliedDseq: number };

/**
 * HQ's stream commits at synchronous=NORMAL; before anything tells HQ how far the store got, one
 * commit at synchronous=FULL fsyncs the WAL. The WAL is written in order, so that fsync carries
 * every earlier relaxed commit with it: an `appliedDseq` HQ hears of is on disk, and what a power
 * cut takes back HQ sends again (docs/decisions.md, "A faster inbox").
 *
 * The ledger's connection is shared, and SQLite reads the level at each commit: the relaxed level
 * is set only around the inbox's own top-level transaction and put back to FULL before anything
 * else can run (better-sqlite3 is synchronous), so every other commit keeps FULL's promise.
 */
export function createInboxBarrier(
  db: Db,
  state: SyncState,
  appliedDseq: () => number,
  observe: (event: InboxDurabilityEvent) => void = () => {},
  log: (entry: Record<string, unknown>) => void = () => {},
) {
  // Compiled afresh each time: SQLite applies (and reads) this pragma when it compiles it, so a
  // prepared statement run again would not change the level.
  const relax = () => db.exec('PRAGMA synchronous = NORMAL');
  const restore = () => db.exec('PRAGMA synchronous = FULL');
  const level = () => db.pragma('synchronous', { simple: true }) as number;
  const markDurable = db.transaction((dseq: number) => state.setNumber(durableAppliedDseqKey, dseq));
  // A process killed before its barrier leaves relaxed commits in the OS's cache, where this
  // process reads them too: the first report after opening syncs them like its own.
  let unsynced = true;

  return {
    /**
     * Runs one top-level transaction at synchronous=NORMAL. Inside another transaction (a staff
     * retry through the dispatcher) the level cannot change, and the outer commit is FULL anyway.
     */
    relaxed<T>(commit: () => T): T {
      if (db.inTransaction) return commit();
      relax();
      try {
        const result = commit();
        unsynced = true;
        return result;
      } finally {
        restore();
      }
    },
    /** Makes every relaxed commit so far durable; nothing to do when none happened since the last. */
    sync(): void {
      if (!unsynced) return;
      // Inside a transaction the marker would only be a savepoint: nothing reaches the disk.
      if (db.inTransaction) throw new Error('the inbox barrier cannot run inside a transaction');
      const dseq = appliedDseq();
      const synchronous = level();
      markDurable(dseq);
      unsynced = false;
      observe({ kind: 'barrier-synced', appliedDseq: dseq, synchronous });
    },
    /**
     * `appliedDseq` as HQ may hear it: on disk first. Null when the barrier failed (disk full, I/O
     * error): then nothing is reported, and the next report tries again.
     */
    reportable(via: 'ack' | 'presence'): number | null {
      try {
        this.sync();
      } catch (error) {
        log({ level: 'error', msg: 'could not flush the inbox to disk; appliedDseq not reported to HQ', via, err: (error as Error).message });
        return null;
      }
      const dseq = appliedDseq();
      observe({ kind: 'applied-dseq-reported', appliedDseq: dseq, via });
      return dseq;
    },
  };
}
export type InboxBarrier = ReturnType<typeof createInboxBarrier>;

import type { DeadLetterInfo } from '../api/types';
import type { Db } from '../kernel/db/open-ledger';
import type { SyncState } from './sync-state';

/** What a dead letter keeps of its payload: enough to recognise and retry it. */
export const deadLetterPayloadBytes = 256 * 1024;

export interface DeadLetterLimits {
  /** Rows kept, resolved or not. */
  maxRows: number;
  /** Payload bytes kept over all rows. */
  maxBytes: number;
}

export const defaultDeadLetterLimits: DeadLetterLimits = { maxRows: 1000, maxBytes: 5 * 1024 * 1024 };

export const deadLettersDroppedKey = 'dead_letters_dropped';

/**
 * The one way into the dead_letters table. Bad messages are HQ's (or an intruder's) to send, so the
 * table is bounded: past either limit the oldest rows go, and how many went is counted durably so
 * staff know something was lost from view.
 */
export function createDeadLetters(db: Db, state: SyncState, limits: DeadLetterLimits = defaultDeadLetterLimits) {
  const insert = db.prepare('INSERT INTO dead_letters (topic, payload, reason, received_at) VALUES (?, ?, ?, ?)');
  // Keeps the newest rows whose running totals stay within both limits; the newest row always fits.
  const dropOldest = db.prepare(
    `DELETE FROM dead_letters WHERE id IN (
       SELECT id FROM (
         SELECT id,
                ROW_NUMBER() OVER newest_first AS n,
                SUM(length(payload)) OVER newest_first AS bytes
           FROM dead_letters
         WINDOW newest_first AS (ORDER BY id DESC ROWS UNBOUNDED PRECEDING))
        WHERE n > 1 AND (n > @maxRows OR bytes > @maxBytes))`,
  );
  const unresolved = db.prepare('SELECT COUNT(*) FROM dead_letters WHERE resolved_at IS NULL').pluck();
  const openOne = db.prepare('SELECT topic, payload FROM dead_letters WHERE id = ? AND resolved_at IS NULL');
  const openList = db.prepare(
    `SELECT id, topic, reason, received_at AS receivedAt, retries, substr(CAST(payload AS TEXT), 1, 200) AS preview
       FROM dead_letters WHERE resolved_at IS NULL ORDER BY id DESC LIMIT ?`,
  );
  const resolve = db.prepare('UPDATE dead_letters SET resolved_at = ?, retries = retries + 1 WHERE id = ?');
  const failedAgain = db.prepare('UPDATE dead_letters SET reason = ?, retries = retries + 1 WHERE id = ?');

  const record = db.transaction((topic: string, payload: Buffer, reason: string, at: string): number => {
    const id = Number(insert.run(topic, payload.subarray(0, deadLetterPayloadBytes), reason, at).lastInsertRowid);
    const dropped = dropOldest.run({ maxRows: limits.maxRows, maxBytes: limits.maxBytes }).changes;
    if (dropped > 0) state.setNumber(deadLettersDroppedKey, state.number(deadLettersDroppedKey) + dropped);
    return id;
  });
  // Rows set aside, retried or resolved since the last announcement: screens hear of them once committed.
  const changed = new Set<number>();

  return {
    /** Sets a message aside (its first 256 KiB) and keeps the table within its limits; returns the row id. */
    record: (topic: string, payload: Buffer, reason: string, at = new Date().toISOString()) => {
      const id = record(topic, payload, reason, at);
      changed.add(id);
      return id;
    },
    unresolved: () => unresolved.get() as number,
    /** The newest unresolved ones, for staff, with a preview of their payload. */
    list: (limit: number): DeadLetterInfo[] =>
      (openList.all(limit) as DeadLetterInfo[]).map((row) => ({ ...row, preview: String(row.preview ?? '') })),
    /** An unresolved one to retry; undefined once resolved or dropped. */
    open: (id: number) => openOne.get(id) as { topic: string; payload: Buffer } | undefined,
    resolve: (id: number, at: string): void => {
      resolve.run(at, id);
      changed.add(id);
    },
    /** A retry failed again: the same row keeps the newest reason. */
    failedAgain: (id: number, reason: string): void => {
      failedAgain.run(reason, id);
      changed.add(id);
    },
    /** The rows changed since the last call, to announce after their commit (a rolled-back one only costs a re-read). */
    takeChanged(): number[] {
      const ids = [...changed];
      changed.clear();
      return ids;
    },
    /** Dead letters dropped to keep within the limits, since the ledger was created. */
    dropped: () => state.number(deadLettersDroppedKey),
  };
}
export type DeadLetters = ReturnType<typeof createDeadLetters>;

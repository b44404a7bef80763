import type { Db } from './db/open-ledger';

/**
 * Appends events for HQ. Callers run it inside the transaction that makes the
 * change, so a change and its announcement commit (or vanish) together.
 */
export function createOutboxWriter(db: Db) {
  const insert = db.prepare('INSERT INTO outbox (type, payload, created_at) VALUES (?, ?, ?)');
  return {
    append(type: string, payload: unknown, at: string): number {
      return Number(insert.run(type, JSON.stringify(payload), at).lastInsertRowid);
    },
  };
}
export type OutboxWriter = ReturnType<typeof createOutboxWriter>;

export interface OutboxStats {
  events: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** Count of missing sequence numbers between first and last. */
  gaps: number;
  unacked: number;
}

export function outboxStats(db: Db): OutboxStats {
  const row = db
    .prepare(
      'SELECT COUNT(*) AS events, MIN(seq) AS firstSeq, MAX(seq) AS lastSeq, SUM(acked_at IS NULL) AS unacked FROM outbox',
    )
    .get() as { events: number; firstSeq: number | null; lastSeq: number | null; unacked: number | null };
  const span = row.lastSeq === null || row.firstSeq === null ? 0 : row.lastSeq - row.firstSeq + 1;
  return { events: row.events, firstSeq: row.firstSeq, lastSeq: row.lastSeq, gaps: span - row.events, unacked: row.unacked ?? 0 };
}

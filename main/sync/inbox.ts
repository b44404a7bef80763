import type { Db } from '../core/db/open-ledger';
import { downStreamMessage, type DownStreamMessage } from './protocol';
import type { SyncState } from './sync-state';

export type StreamApplier = (message: DownStreamMessage) => string;

export type InboxOutcome =
  | { kind: 'applied'; dseq: number; outcomes: string[] }
  | { kind: 'parked'; dseq: number; waitingFor: number }
  | { kind: 'duplicate'; dseq: number }
  | { kind: 'dead-letter'; reason: string };

export const appliedDseqKey = 'applied_dseq';

/**
 * HQ's numbered stream, applied exactly once and in order. A message is
 * committed here before the broker is acknowledged; one that arrives ahead of a
 * gap waits (parked) until HQ replays what is missing.
 */
export function createInbox(db: Db, state: SyncState, apply: StreamApplier, log: (e: Record<string, unknown>) => void = () => {}) {
  const known = db.prepare('SELECT 1 FROM inbox WHERE id = ? OR dseq = ?').pluck();
  const insert = db.prepare('INSERT INTO inbox (id, dseq, type, payload, received_at) VALUES (?, ?, ?, ?, ?)');
  const parkedAt = db.prepare('SELECT id, payload FROM inbox WHERE dseq = ? AND applied_at IS NULL');
  const markApplied = db.prepare('UPDATE inbox SET applied_at = ?, outcome = ? WHERE id = ?');
  const deadLetter = db.prepare('INSERT INTO dead_letters (topic, payload, reason, received_at) VALUES (?, ?, ?, ?)');
  const deadAgain = db.prepare('UPDATE dead_letters SET reason = ?, retries = retries + 1 WHERE id = ?');
  let retrying: number | null = null;

  const applyOne = db.transaction((message: DownStreamMessage) => apply(message));
  // A message that fails to apply is set aside for staff, not allowed to block the stream.
  function applyIsolated(topic: string, payload: string, at: string): string {
    const message = downStreamMessage.parse(JSON.parse(payload));
    try {
      return applyOne(message);
    } catch (error) {
      const reason = `could not apply ${message.type} #${message.dseq}: ${(error as Error).message}`;
      deadLetter.run(topic, Buffer.from(payload), reason, at);
      log({ level: 'error', msg: 'a message from HQ could not be applied', reason });
      return `failed: ${(error as Error).message}`;
    }
  }

  const receiveTx = db.transaction((topic: string, raw: Buffer, at: string): InboxOutcome => {
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return toDeadLetter(topic, raw, 'payload is not JSON', at);
    }
    const parsed = downStreamMessage.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return toDeadLetter(topic, raw, `schema: ${issue.path.join('.') || 'message'}: ${issue.message}`, at);
    }
    const message = parsed.data;
    const applied = state.number(appliedDseqKey);
    if (message.dseq <= applied || known.get(message.id, message.dseq)) return { kind: 'duplicate', dseq: message.dseq };
    insert.run(message.id, message.dseq, message.type, JSON.stringify(message), at);
    if (message.dseq !== applied + 1) return { kind: 'parked', dseq: message.dseq, waitingFor: applied + 1 };

    // Apply this one, then every parked successor it unblocks.
    const outcomes: string[] = [];
    let next = applied + 1;
    for (;;) {
      const row = parkedAt.get(next) as { id: string; payload: string } | undefined;
      if (!row) break;
      const outcome = applyIsolated(topic, row.payload, at);
      markApplied.run(at, outcome, row.id);
      outcomes.push(outcome);
      next++;
    }
    state.setNumber(appliedDseqKey, next - 1);
    return { kind: 'applied', dseq: next - 1, outcomes };
  });

  function toDeadLetter(topic: string, raw: Buffer, reason: string, at: string): InboxOutcome {
    if (retrying !== null) deadAgain.run(reason, retrying);
    else deadLetter.run(topic, raw.subarray(0, 256 * 1024), reason, at);
    return { kind: 'dead-letter', reason };
  }

  return {
    /** Commits (and when it can, applies) one message from HQ's stream. Never throws on bad input. */
    receive(topic: string, raw: Buffer, at = new Date().toISOString()): InboxOutcome {
      const outcome = receiveTx(topic, raw, at);
      if (outcome.kind === 'dead-letter') log({ level: 'warn', msg: 'dead-lettered a message from HQ', topic, reason: outcome.reason });
      else if (outcome.kind === 'duplicate') log({ level: 'info', msg: 'ignored a duplicate from HQ', dseq: outcome.dseq });
      else if (outcome.kind === 'parked') log({ level: 'info', msg: 'parked a message ahead of a gap', ...outcome });
      return outcome;
    },
    appliedDseq: () => state.number(appliedDseqKey),
    /** Runs a dead letter through the inbox again; a second failure updates the same row. */
    retry(deadLetterId: number, topic: string, raw: Buffer): InboxOutcome {
      retrying = deadLetterId;
      try {
        return receiveTx(topic, raw, new Date().toISOString());
      } finally {
        retrying = null;
      }
    },
  };
}
export type Inbox = ReturnType<typeof createInbox>;

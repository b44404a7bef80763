import type { Db } from '../kernel/db/open-ledger';
import type { DeadLetters } from './dead-letters';
import { createInboxBarrier, type InboxDurabilityEvent } from './inbox-barrier';
import { downStreamMessage, type DownStreamMessage } from './protocol';
import type { SyncState } from './sync-state';

export type StreamApplier = (message: DownStreamMessage) => string;

/** Why the store asks HQ for its whole stream again (protocol `up/resync`). */
export type ResyncReason = 'epoch-changed' | 'numbering-went-backwards';

export type InboxOutcome = (
  | { kind: 'applied'; dseq: number; outcomes: string[] }
  | { kind: 'parked'; dseq: number; waitingFor: number }
  | { kind: 'duplicate'; dseq: number }
  | { kind: 'dead-letter'; reason: string }
) & { resync?: ResyncReason };

/** One message as it came from the broker, with when it came. */
export interface ReceivedMessage {
  topic: string;
  raw: Buffer;
  at: string;
}

export const appliedDseqKey = 'applied_dseq';
/** The epoch of HQ's numbering the store follows (protocol.md, "Epochs and resync"). */
export const hqEpochKey = 'hq_epoch';
/** Which numbering the inbox's dseqs belong to: one more each time HQ renumbers. */
export const inboxGenerationKey = 'inbox_generation';

export interface InboxOptions {
  log?: (e: Record<string, unknown>) => void;
  /** The downlink counts as stuck after this many messages in a row brought no progress… */
  stuckAfterMessages?: number;
  /** …over at least this long. */
  stuckAfterMs?: number;
  now?: () => number;
  /** A test's window on the order of barriers and reports (inbox-barrier.ts). */
  observeDurability?: (event: InboxDurabilityEvent) => void;
}

/**
 * HQ's numbered stream, applied exactly once and in order. A message is
 * committed here before the broker is acknowledged (at synchronous=NORMAL: the
 * barrier makes it durable before HQ hears of it); one that arrives ahead of a
 * gap waits (parked) until HQ replays what is missing. When HQ starts a new
 * numbering (a new epoch, or a dseq already used for another message) the inbox
 * follows it from 1 again; messages it already applied, known by id, are not applied twice.
 */
export function createInbox(db: Db, state: SyncState, apply: StreamApplier, deadLetters: DeadLetters, options: InboxOptions = {}) {
  const { log = () => {}, stuckAfterMessages = 3, stuckAfterMs = 30_000, now = Date.now, observeDurability } = options;
  const barrier = createInboxBarrier(db, state, () => state.number(appliedDseqKey), observeDurability, log);
  const lastOutboxSeq = db.prepare('SELECT MAX(seq) FROM outbox').pluck();
  const byId = db.prepare('SELECT generation, dseq, applied_at AS appliedAt FROM inbox WHERE id = ?');
  const idAt = db.prepare('SELECT id FROM inbox WHERE generation = ? AND dseq = ?').pluck();
  const insert = db.prepare('INSERT INTO inbox (id, generation, dseq, type, payload, received_at) VALUES (?, ?, ?, ?, ?, ?)');
  const renumber = db.prepare(
    'UPDATE inbox SET generation = ?, dseq = ?, outcome = CASE WHEN applied_at IS NULL THEN NULL ELSE outcome END WHERE id = ?',
  );
  const rowAt = db.prepare('SELECT id, payload, applied_at AS appliedAt FROM inbox WHERE generation = ? AND dseq = ?');
  const markApplied = db.prepare('UPDATE inbox SET applied_at = ?, outcome = ? WHERE id = ?');
  const supersede = db.prepare("UPDATE inbox SET outcome = 'superseded: HQ renumbered its stream' WHERE applied_at IS NULL AND generation < ?");
  let retrying: number | null = null;
  /** Messages in a row that brought no progress, and since when: in memory, a restart starts afresh. */
  let stall: { since: number; messages: number } | null = null;

  const generation = () => state.number(inboxGenerationKey);
  const applyOne = db.transaction((message: DownStreamMessage) => apply(message));
  // A message that fails to apply is set aside for staff, not allowed to block the stream.
  function applyIsolated(topic: string, message: DownStreamMessage, at: string): string {
    try {
      return applyOne(message);
    } catch (error) {
      const reason = `could not apply ${message.type} #${message.dseq}: ${(error as Error).message}`;
      deadLetters.record(topic, Buffer.from(JSON.stringify(message)), reason, at);
      log({ level: 'error', msg: 'a message from HQ could not be applied', reason });
      return `failed: ${(error as Error).message}`;
    }
  }

  /** Follows a new numbering of HQ's stream from dseq 1; what was parked under the old one waits for its copy. */
  function startNumbering(epoch: string | null) {
    const next = generation() + 1;
    state.setNumber(inboxGenerationKey, next);
    if (epoch !== null) state.setText(hqEpochKey, epoch);
    state.setNumber(appliedDseqKey, 0);
    supersede.run(next);
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
    let resync: ResyncReason | undefined;
    const epoch = state.text(hqEpochKey);
    if (message.epoch !== undefined && message.epoch !== epoch) {
      if (epoch === null && state.number(appliedDseqKey) === 0) state.setText(hqEpochKey, message.epoch);
      else {
        startNumbering(message.epoch);
        resync = 'epoch-changed';
      }
    } else if (message.dseq <= state.number(appliedDseqKey)) {
      // A dseq names one message for ever: another id under an applied dseq means HQ numbers anew.
      const holder = idAt.get(generation(), message.dseq) as string | undefined;
      if (holder === undefined || holder === message.id) return { kind: 'duplicate', dseq: message.dseq };
      startNumbering(null);
      resync = 'numbering-went-backwards';
    }
    const outcome = store(topic, message, at);
    return resync ? { ...outcome, resync } : outcome;
  });

  function store(topic: string, message: DownStreamMessage, at: string): InboxOutcome {
    const gen = generation();
    const applied = state.number(appliedDseqKey);
    const known = byId.get(message.id) as { generation: number; dseq: number; appliedAt: string | null } | undefined;
    if (known?.generation === gen || idAt.get(gen, message.dseq) !== undefined) return { kind: 'duplicate', dseq: message.dseq };
    // Stored under an earlier numbering: the same message, numbered anew (and not applied twice).
    if (known) renumber.run(gen, message.dseq, message.id);
    else insert.run(message.id, gen, message.dseq, message.type, JSON.stringify(message), at);
    if (message.dseq !== applied + 1) return { kind: 'parked', dseq: message.dseq, waitingFor: applied + 1 };

    // Apply this one, then every parked successor it unblocks.
    const outcomes: string[] = [];
    let next = applied + 1;
    for (;;) {
      const row = rowAt.get(gen, next) as { id: string; payload: string; appliedAt: string | null } | undefined;
      if (!row) break;
      if (row.appliedAt === null) {
        // The message just received was parsed once already; parked successors come from their rows.
        const parked = row.id === message.id ? message : downStreamMessage.parse(JSON.parse(row.payload));
        const outcome = applyIsolated(topic, parked, at);
        markApplied.run(at, outcome, row.id);
        outcomes.push(outcome);
      } else {
        outcomes.push('already applied');
      }
      next++;
    }
    state.setNumber(appliedDseqKey, next - 1);
    return { kind: 'applied', dseq: next - 1, outcomes };
  }

  function toDeadLetter(topic: string, raw: Buffer, reason: string, at: string): InboxOutcome {
    if (retrying !== null) deadLetters.failedAgain(retrying, reason);
    else deadLetters.record(topic, raw, reason, at);
    return { kind: 'dead-letter', reason };
  }

  function track(outcome: InboxOutcome) {
    if (outcome.kind === 'applied' || outcome.resync) stall = null;
    else if (outcome.kind === 'duplicate' || outcome.kind === 'parked') {
      stall = stall ? { ...stall, messages: stall.messages + 1 } : { since: now(), messages: 1 };
    }
  }

  function report(outcome: InboxOutcome, topic: string) {
    track(outcome);
    if (outcome.resync) log({ level: 'warn', msg: 'HQ renumbered its stream: following it from 1 and asking for a resync', reason: outcome.resync });
    if (outcome.kind === 'dead-letter') log({ level: 'warn', msg: 'dead-lettered a message from HQ', topic, reason: outcome.reason });
    else if (outcome.kind === 'duplicate') log({ level: 'info', msg: 'ignored a duplicate from HQ', dseq: outcome.dseq });
    else if (outcome.kind === 'parked') log({ level: 'info', msg: 'parked a message ahead of a gap', ...outcome });
  }

  // A burst in one transaction (SQLite then writes its pages to the WAL once, not once per
  // message); each message keeps its own outcome, and one that fails to apply is still set aside
  // alone (applyIsolated's savepoint).
  const receiveAllTx = db.transaction((messages: readonly ReceivedMessage[]) => messages.map((m) => receiveTx(m.topic, m.raw, m.at)));

  /**
   * Commits a burst of HQ's messages, in the order received, in one relaxed transaction: all of
   * them or, when the ledger refuses the commit (a throw), none. Never throws on bad input.
   */
  function receiveAll(messages: readonly ReceivedMessage[]): InboxOutcome[] {
    if (messages.length === 0) return [];
    const outboxBefore = lastOutboxSeq.get();
    const outcomes = barrier.relaxed(() => receiveAllTx(messages));
    observeDurability?.({ kind: 'stream-committed', messages: messages.length, appliedDseq: state.number(appliedDseqKey) });
    // Stock moved (held stock freed by a cancellation, an opening-stock snapshot): a movement and
    // its outbox row keep synchronous=FULL's promise, so they are made durable before anyone hears of them.
    if (lastOutboxSeq.get() !== outboxBefore) barrier.sync();
    outcomes.forEach((outcome, i) => report(outcome, messages[i]!.topic));
    return outcomes;
  }

  return {
    /** Commits (and when it can, applies) one message from HQ's stream. Never throws on bad input. */
    receive: (topic: string, raw: Buffer, at = new Date().toISOString()): InboxOutcome => receiveAll([{ topic, raw, at }])[0]!,
    receiveAll,
    /** The highest dseq applied, on disk or not: for the store's own screens. HQ hears `barrier.reportable()`. */
    appliedDseq: () => state.number(appliedDseqKey),
    barrier,
    epoch: () => state.text(hqEpochKey),
    /**
     * Why HQ's stream is not moving although messages arrive (only duplicates, or only messages
     * parked behind a gap), or null while it flows.
     */
    stuck(): { messages: number; sinceMs: number } | null {
      if (!stall || stall.messages < stuckAfterMessages || now() - stall.since < stuckAfterMs) return null;
      return { messages: stall.messages, sinceMs: now() - stall.since };
    },
    /** Runs a dead letter through the inbox again; a second failure updates the same row. */
    retry(deadLetterId: number, topic: string, raw: Buffer): InboxOutcome {
      retrying = deadLetterId;
      try {
        const outcome = receiveTx(topic, raw, new Date().toISOString());
        track(outcome);
        return outcome;
      } finally {
        retrying = null;
      }
    },
  };
}
export type Inbox = ReturnType<typeof createInbox>;

import { randomUUID } from 'node:crypto';
import type { Db } from '../kernel/db/open-ledger';
import { maxEventsPerMessage, protocolVersion, type UpEvent } from './protocol';
import { createSyncState } from './sync-state';

export const ackedSeqKey = 'acked_seq';

/** The transport seen from the sender: publish only while connected. */
export interface UplinkPort {
  isConnected(): boolean;
  /** Resolves when the broker took the message (PUBACK); that is not HQ's acknowledgement. */
  publishEvents(payload: string, upToSeq: number): Promise<void>;
}

export interface OutboxSenderOptions {
  db: Db;
  port: UplinkPort;
  /** Messages published but not yet acknowledged by HQ. */
  window?: number;
  /** No acknowledgement progress for this long: go back to the last ack and resend. */
  ackTimeoutMs?: number;
  now?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
  /** Called when the recorded acknowledgement moved (the backlog shrank). */
  onProgress?: () => void;
}

/**
 * Streams the outbox to HQ in sequence. The backlog stays in SQLite: only a
 * bounded window of messages is ever in memory or in mqtt.js's queue. Events are
 * marked delivered only when HQ acknowledges the highest contiguous sequence it stored.
 */
export function createOutboxSender({
  db,
  port,
  window = 8,
  ackTimeoutMs = 10_000,
  now = () => new Date(),
  log = () => {},
  onProgress = () => {},
}: OutboxSenderOptions) {
  const readAfter = db.prepare('SELECT seq, type, payload FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?');
  const markAcked = db.prepare('UPDATE outbox SET acked_at = ? WHERE seq > ? AND seq <= ? AND acked_at IS NULL');
  const state = createSyncState(db);
  const lastSeqQuery = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM outbox').pluck();

  let acked = state.number(ackedSeqKey);
  let durableAck = acked;
  let sent = acked;
  let inFlight: number[] = []; // last seq of each message not yet acknowledged
  let pumping = false;
  let lastProgress = Date.now();
  let lastError: string | null = null;
  let timer: NodeJS.Timeout | null = null;

  function toEvent(row: { seq: number; type: string; payload: string }): UpEvent {
    return { seq: row.seq, type: row.type, data: JSON.parse(row.payload) } as UpEvent;
  }

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (port.isConnected() && inFlight.length < window) {
        const rows = readAfter.all(sent, maxEventsPerMessage) as { seq: number; type: string; payload: string }[];
        if (rows.length === 0) break;
        const last = rows.at(-1)!.seq;
        const message = { v: protocolVersion, id: randomUUID(), at: now().toISOString(), type: 'events', events: rows.map(toEvent) };
        sent = last;
        inFlight.push(last);
        if (inFlight.length === 1) lastProgress = Date.now();
        port.publishEvents(JSON.stringify(message), last).catch((error: unknown) => {
          lastError = String((error as Error)?.message ?? error);
          log({ level: 'warn', msg: 'publish failed; will resend from the last acknowledgement', err: lastError });
          rewind();
        });
      }
    } finally {
      pumping = false;
    }
  }

  /** Forget what is in flight and resend from the last acknowledged sequence. */
  function rewind(from = acked + 1) {
    sent = Math.max(acked, from - 1);
    inFlight = [];
    lastProgress = Date.now();
  }

  let persistTimer: NodeJS.Timeout | null = null;
  function persistAcks() {
    persistTimer = null;
    const top = acked;
    if (top <= durableAck) return;
    // No fsync for these marks (WAL, synchronous=NORMAL for this commit only): losing one to
    // a power cut means a resend HQ ignores, and an fsync here stalls live events behind it.
    db.pragma('synchronous = NORMAL');
    try {
      db.transaction(() => {
        markAcked.run(now().toISOString(), durableAck, top);
        state.setNumber(ackedSeqKey, top);
      })();
    } finally {
      db.pragma('synchronous = FULL');
    }
    durableAck = top;
    onProgress();
  }

  return {
    start() {
      timer ??= setInterval(() => {
        if (inFlight.length > 0 && Date.now() - lastProgress > ackTimeoutMs) {
          log({ level: 'warn', msg: 'no acknowledgement from HQ in time; resending', from: acked + 1 });
          rewind();
          void pump();
        }
      }, Math.min(1000, ackTimeoutMs));
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      if (persistTimer) clearTimeout(persistTimer);
      persistAcks();
    },
    /** Call when connected, and whenever new outbox events were committed. */
    poke: () => void pump(),
    /** A fresh connection: nothing in flight survives it. */
    connected() {
      rewind();
      void pump();
    },
    /** HQ stored everything up to seq. */
    acknowledged(upToSeq: number) {
      if (upToSeq <= acked) return;
      const top = Math.min(upToSeq, sent);
      acked = top;
      // Recording acks is batched: an fsync per ack would sit in front of the next live event,
      // and a lost mark costs only a resend that HQ ignores as a duplicate.
      persistTimer ??= setTimeout(persistAcks, 100);
      inFlight = inFlight.filter((last) => last > top);
      lastProgress = Date.now();
      void pump();
    },
    /** HQ saw a gap and asks for everything from seq on. */
    resend(fromSeq: number) {
      log({ level: 'info', msg: 'HQ asked for a resend', from: fromSeq });
      rewind(Math.max(fromSeq, acked + 1));
      void pump();
    },
    /** HQ dropped its copy of this store: replay the whole outbox from the start. */
    resync() {
      log({ level: 'warn', msg: 'HQ asked for a full resync' });
      acked = 0;
      rewind(1);
      void pump();
    },
    status() {
      const last = lastSeqQuery.get() as number;
      return { lastAckedSeq: durableAck, lastSeq: last, backlog: last - durableAck, inFlight: inFlight.length, lastError };
    },
  };
}
export type OutboxSender = ReturnType<typeof createOutboxSender>;

import { randomUUID } from 'node:crypto';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Db } from '../kernel/db/open-ledger';
import type { ProvisioningStatus, SyncStatus } from '../api/types';
import { createDeadLetters, type DeadLetterLimits } from './dead-letters';
import { createInbox, type Inbox, type InboxOutcome, type ReceivedMessage, type ResyncReason } from './inbox';
import type { InboxDurabilityEvent } from './inbox-barrier';
import { parseMessage } from './parse-message';
import { createOutboxSender, type OutboxSender } from './outbox-sender';
import type { z } from 'zod';
import { controlMessage, protocolVersion, replyMessage, topicId, topics, type requestMessage } from './protocol';
import { fullJitterDelay } from './reconnect-backoff';
import { createSyncState } from './sync-state';
import type { StreamApplier } from './inbox';

export interface HqLinkConfig {
  /** mqtt://, mqtts://, ws:// or wss:// */
  url: string;
  chain: string;
  store: string;
  station: string;
  username?: string;
  password?: string;
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Reconnect back-off: first ceiling and largest ceiling. */
  backoffBaseMs?: number;
  backoffCapMs?: number;
  ackTimeoutMs?: number;
  window?: number;
  /** How long HQ's stream may bring only duplicates or gaps before the link shows an error. */
  downlinkStuckAfterMs?: number;
  deadLetterLimits?: DeadLetterLimits;
}

export type LinkState = SyncStatus['state'];

/** The link as screens see it (main/api/types.ts). */
export type HqLinkStatus = SyncStatus;

export class HqLinkConfigError extends Error {
  override name = 'HqLinkConfigError';
}

/** The store's MQTT client id: fixed per station so the broker keeps its session. */
export function clientIdFor(config: Pick<HqLinkConfig, 'chain' | 'store' | 'station'>): string {
  for (const [field, value] of Object.entries({ chain: config.chain, store: config.store, station: config.station })) {
    const parsed = topicId.safeParse(value);
    if (!parsed.success) throw new HqLinkConfigError(`${field} "${value.replace(/\0/g, '\\0')}" is refused: ${parsed.error.issues[0]!.message}`);
  }
  return `mostrador.${config.chain}.${config.store}.${config.station}`;
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** A burst of HQ's stream commits as one transaction, up to this much (a catalog chunk is large). */
const maxBurst = { messages: 256, bytes: 4 * 1024 * 1024 };

/**
 * The store's end of the HQ link over MQTT 3.1.1: outbox up, HQ's stream down,
 * presence with a Last Will, and reconnects paced by the console, not mqtt.js.
 */
export function createHqLink(
  db: Db,
  config: HqLinkConfig,
  applier: StreamApplier,
  log: (entry: Record<string, unknown>) => void = () => {},
  /** How far the store has loaded HQ's snapshots; its readiness goes up in `presence`. */
  provisioning: (() => ProvisioningStatus) | null = null,
  /** A test's window on the order of inbox barriers and reports to HQ. */
  observeDurability?: (event: InboxDurabilityEvent) => void,
) {
  const clientId = clientIdFor(config);
  const url = new URL(config.url);
  if (!['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:', 'ssl:'].includes(url.protocol)) {
    throw new HqLinkConfigError(`Broker URL must be mqtt://, mqtts://, ws:// or wss://, not ${url.protocol}//`);
  }
  const topic = topics(config.chain, config.store);
  const state = createSyncState(db);
  const deadLetters = createDeadLetters(db, state, config.deadLetterLimits);
  const inbox: Inbox = createInbox(db, state, applier, deadLetters, {
    log,
    ...(observeDurability ? { observeDurability } : {}),
    ...(config.downlinkStuckAfterMs !== undefined ? { stuckAfterMs: config.downlinkStuckAfterMs } : {}),
  });

  let client: MqttClient | null = null;
  let linkState: LinkState = 'connecting';
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let retryAt: number | null = null;
  let lastError: string | null = null;
  /** Why the last burst of HQ's stream could not be kept; cleared by the next that is. */
  let storeError: string | null = null;
  let ackTimer: NodeJS.Timeout | null = null;
  let notifyTimer: NodeJS.Timeout | null = null;
  let streamFlush: NodeJS.Immediate | null = null;
  /** Stream messages received and not yet committed (commitStream). */
  const pendingStream: ReceivedMessage[] = [];
  let pendingBytes = 0;
  const listeners = new Set<(status: HqLinkStatus) => void>();

  const presence = (status: 'online' | 'offline') =>
    JSON.stringify({
      v: protocolVersion,
      id: randomUUID(),
      at: new Date().toISOString(),
      type: 'presence',
      status,
      ...(status === 'online' ? { ...appliedField(), ...epochField(), ...readyField() } : {}),
    });
  const readyField = () => (provisioning ? { ready: provisioning().ready } : {});
  /** HQ replays from what the presence names: only a dseq on disk (none if the disk refused the barrier). */
  const appliedField = () => {
    const appliedDseq = inbox.barrier.reportable('presence');
    return appliedDseq === null ? {} : { appliedDseq };
  };
  /** The readiness HQ last heard in our presence. */
  let announcedReady: boolean | null = null;
  const epochField = () => {
    const epoch = inbox.epoch();
    return epoch === null ? {} : { epoch };
  };

  const sender: OutboxSender = createOutboxSender({
    db,
    window: config.window,
    ackTimeoutMs: config.ackTimeoutMs,
    log,
    onProgress: () => notify(),
    port: {
      isConnected: () => linkState === 'online' && client?.connected === true,
      publishEvents: async (payload, upToSeq) => {
        // Movements are flushed when they commit; this covers one whose flush failed (disk full):
        // nothing leaves for HQ while the inbox has commits not on disk. A throw here is a failed
        // publish: the sender resends from HQ's last acknowledgement.
        inbox.barrier.sync();
        observeDurability?.({ kind: 'events-published', upToSeq });
        await client!.publishAsync(topic.up('events'), payload, { qos: 1 });
      },
    },
  });

  const committedListeners = new Set<() => void>();
  let lastNotified = '';
  /** Tells listeners the status, when it changed since the last time. */
  function notify() {
    const current = status();
    // A store that became ready (or stopped being) tells HQ at once: HQ routes orders by it.
    const ready = current.provisioning?.ready ?? null;
    if (ready !== null && ready !== announcedReady && linkState === 'online' && client) {
      announcedReady = ready;
      client.publish(topic.up('presence'), presence('online'), { qos: 1, retain: true });
    }
    const fingerprint = JSON.stringify({ ...current, nextRetryInMs: current.nextRetryInMs === null });
    if (fingerprint === lastNotified && !current.nextRetryInMs) return;
    lastNotified = fingerprint;
    for (const listener of listeners) listener(current);
  }

  function status(): HqLinkStatus {
    const outbox = sender.status();
    const stuck = inbox.stuck();
    const stuckError = stuck
      ? `HQ's messages are not being applied: the last ${stuck.messages} were duplicates or waited behind a gap, for ${Math.round(stuck.sinceMs / 1000)} s`
      : null;
    return {
      state: linkState,
      broker: redactUrl(config.url),
      backlog: outbox.backlog,
      lastAckedSeq: outbox.lastAckedSeq,
      lastSeq: outbox.lastSeq,
      appliedDseq: inbox.appliedDseq(),
      deadLetters: deadLetters.unresolved(),
      deadLettersDropped: deadLetters.dropped(),
      downlinkStuck: stuck !== null,
      lastError: lastError ?? storeError ?? stuckError ?? outbox.lastError,
      nextRetryInMs: retryAt === null ? null : Math.max(0, retryAt - Date.now()),
      provisioning: provisioning?.() ?? null,
    };
  }

  /** Tell HQ what we applied, batching bursts into one acknowledgement. */
  function scheduleDownAck() {
    if (ackTimer) return;
    ackTimer = setTimeout(() => {
      ackTimer = null;
      if (linkState !== 'online' || !client) return;
      // The barrier first: HQ never hears of a dseq a power cut could take back.
      const appliedDseq = inbox.barrier.reportable('ack');
      if (appliedDseq === null) return;
      const ack = { v: protocolVersion, id: randomUUID(), at: new Date().toISOString(), type: 'ack', appliedDseq, ...epochField() };
      client.publish(topic.up('ack'), JSON.stringify(ack), { qos: 1 });
    }, 50);
  }

  function flushStreamNotices() {
    if (linkState === 'stopped') return;
    for (const listener of [...committedListeners]) listener();
    notify();
  }

  /** Asks HQ for its whole stream from dseq 1; HQ also replays from our `appliedDseq` 0 on the next presence. */
  function requestResync(reason: ResyncReason) {
    if (linkState !== 'online' || !client) return;
    // The new numbering on disk before HQ starts sending in it. If the disk refuses, ask anyway: a
    // store that loses the new numbering names the old epoch in its presence, and HQ replays all.
    try {
      inbox.barrier.sync();
    } catch (error) {
      log({ level: 'error', msg: 'could not flush the inbox before asking HQ for a resync', err: (error as Error).message });
    }
    const message = { v: protocolVersion, id: randomUUID(), at: new Date().toISOString(), type: 'resync-request', reason, ...epochField() };
    client.publish(topic.up('resync'), JSON.stringify(message), { qos: 1 });
  }

  /** Commits the stream messages received so far in one transaction; HQ and the screens hear once. */
  function commitStream() {
    if (streamFlush) clearImmediate(streamFlush);
    streamFlush = null;
    const burst = pendingStream.splice(0);
    pendingBytes = 0;
    if (burst.length === 0 || linkState === 'stopped') return;
    let outcomes: InboxOutcome[];
    try {
      outcomes = inbox.receiveAll(burst);
    } catch (error) {
      // Nothing of the burst was kept, and our acknowledgements stop moving: HQ sends it again.
      storeError = `could not store messages from HQ: ${(error as Error).message}`;
      log({ level: 'error', msg: storeError, messages: burst.length, fromTopic: burst[0]!.topic });
      notify();
      return;
    }
    storeError = null;
    const resync = outcomes.find((o) => o.resync)?.resync;
    if (resync) requestResync(resync);
    // Every outcome is acknowledged: after a duplicate, a gap or a dead letter our ack tells HQ where we stand.
    scheduleDownAck();
    flushStreamNotices();
  }

  function handleIncoming(topicName: string, payload: Buffer) {
    const kind = topicName.slice(topicName.lastIndexOf('/') + 1);
    if (kind === 'stream') {
      // A burst (what mqtt.js read in one go) commits as one transaction once it was all read.
      pendingStream.push({ topic: topicName, raw: payload, at: new Date().toISOString() });
      pendingBytes += payload.length;
      if (pendingStream.length >= maxBurst.messages || pendingBytes >= maxBurst.bytes) commitStream();
      else streamFlush ??= setImmediate(commitStream);
      return;
    }
    // Whatever HQ sent after the stream's last messages is handled after them.
    commitStream();
    if (kind === 'control') {
      const message = parseMessage(controlMessage, payload);
      if (!message) {
        deadLetters.record(topicName, payload, 'control message failed validation');
        log({ level: 'warn', msg: 'dead-lettered a control message from HQ', topic: topicName });
        for (const listener of [...committedListeners]) listener();
        notify();
        return;
      }
      if (message.type === 'ack') sender.acknowledged(message.upToSeq);
      else if (message.type === 'resend') sender.resend(message.fromSeq);
      else sender.resync();
      notify();
      return;
    }
    if (kind === 'reply') {
      const reply = parseMessage(replyMessage, payload);
      if (!reply) {
        log({ level: 'warn', msg: 'ignored a malformed reply from HQ' });
        return;
      }
      const waiting = pending.get(reply.requestId);
      if (waiting) {
        pending.delete(reply.requestId);
        clearTimeout(waiting.timer);
        waiting.done(reply.result);
      }
      return;
    }
    log({ level: 'info', msg: 'ignored a message on an unexpected topic', topic: topicName });
  }

  type Reply = z.infer<typeof replyMessage>['result'];
  type RequestBody = DistributiveOmit<z.input<typeof requestMessage>, 'v' | 'id' | 'at' | 'requestId'>;
  const pending = new Map<string, { done: (reply: Reply) => void; timer: NodeJS.Timeout }>();

  /** Asks HQ something (stock in other stores); answers null when offline or after the timeout. */
  function request(body: RequestBody, timeoutMs = 5000): Promise<Reply | null> {
    if (linkState !== 'online' || !client) return Promise.resolve(null);
    const requestId = randomUUID();
    const message = { v: protocolVersion, id: randomUUID(), at: new Date().toISOString(), requestId, ...body };
    return new Promise((done) => {
      const timer = setTimeout(() => {
        pending.delete(requestId);
        done(null);
      }, timeoutMs);
      pending.set(requestId, { done, timer });
      client!.publish(topic.up('request'), JSON.stringify(message), { qos: 1 });
    });
  }

  function scheduleReconnect() {
    if (linkState === 'stopped' || retryTimer) return;
    const delay = fullJitterDelay(attempt++, config.backoffBaseMs ?? 1000, config.backoffCapMs ?? 60_000);
    retryAt = Date.now() + delay;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      retryAt = null;
      if (linkState === 'stopped') return;
      linkState = 'connecting';
      notify();
      client?.reconnect();
    }, delay);
    notify();
  }

  function connect() {
    const options: IClientOptions = {
      clientId,
      protocolVersion: 4,
      clean: false,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      keepalive: 30,
      queueQoSZero: false,
      will: { topic: topic.up('presence'), payload: Buffer.from(presence('offline')), qos: 1, retain: true },
      ...(config.username !== undefined ? { username: config.username } : {}),
      ...(config.password !== undefined ? { password: config.password } : {}),
      ...(config.ca ? { ca: config.ca } : {}),
      ...(config.cert ? { cert: config.cert } : {}),
      ...(config.key ? { key: config.key } : {}),
    };
    client = mqtt.connect(config.url, options);
    // Control messages and replies are handled before mqtt.js sends PUBACK. Stream messages are
    // acknowledged to the broker once queued, and committed with the rest of their burst: mqtt.js
    // hands over the next message only after this one's PUBACK, so a transaction per burst needs
    // it early. What a crash (process or power) takes back before the commit and its barrier, HQ
    // sends again from the last appliedDseq it heard (docs/protocol.md, "What an appliedDseq promises").
    client.handleMessage = (packet, done) => {
      // After stop the ledger may be closed: leave the message unacknowledged for next time.
      if (linkState === 'stopped') return done(new Error('HQ link stopped'));
      try {
        handleIncoming(packet.topic, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload));
        done();
      } catch (error) {
        // Not acknowledged: the broker redelivers after the next connect.
        lastError = `could not store a message from HQ: ${(error as Error).message}`;
        log({ level: 'error', msg: lastError });
        done(error as Error);
      }
    };
    client.on('connect', () => {
      // Small QoS 1 packets and Nagle's algorithm add ~40 ms per live event; a store wants them now.
      (client!.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
      attempt = 0;
      linkState = 'online';
      lastError = null;
      log({ level: 'info', msg: 'connected to HQ broker', broker: redactUrl(config.url) });
      client!.subscribe(topic.downAll, { qos: 1 }, (error) => {
        if (error) log({ level: 'error', msg: 'subscribe failed', err: error.message });
      });
      announcedReady = provisioning?.().ready ?? null;
      client!.publish(topic.up('presence'), presence('online'), { qos: 1, retain: true });
      sender.connected();
      notify();
    });
    client.on('error', (error) => {
      lastError = error.message;
      log({ level: 'warn', msg: 'HQ link error', err: error.message });
      notify();
    });
    client.on('close', () => {
      if (linkState === 'stopped') return;
      if (linkState === 'online') log({ level: 'warn', msg: 'lost the HQ broker' });
      linkState = 'offline';
      scheduleReconnect();
    });
  }

  return {
    start() {
      sender.start();
      connect();
    },
    async stop() {
      // What the broker already handed over is kept, not left for HQ's replay.
      commitStream();
      linkState = 'stopped';
      sender.stop();
      if (retryTimer) clearTimeout(retryTimer);
      if (ackTimer) clearTimeout(ackTimer);
      if (notifyTimer) clearTimeout(notifyTimer);
      // What was applied is on disk at a clean stop, not only after the ledger's closing checkpoint.
      try {
        inbox.barrier.sync();
      } catch (error) {
        log({ level: 'error', msg: 'could not flush the inbox at stop', err: (error as Error).message });
      }
      if (client) {
        // A clean goodbye: tell HQ we are offline, then close without the Will firing.
        if (client.connected) {
          const goodbye = client.publishAsync(topic.up('presence'), presence('offline'), { qos: 1, retain: true });
          await Promise.race([goodbye.catch(() => {}), new Promise((r) => setTimeout(r, 1000))]);
        }
        // Forced: anything still in flight is in the outbox and goes again next time.
        await client.endAsync(true);
      }
    },
    request,
    /** Publishes a non-sequenced message (digest, request) when online. */
    publishRaw(topicName: string, payload: string): boolean {
      if (linkState !== 'online' || !client) return false;
      client.publish(topicName, payload, { qos: 1 });
      return true;
    },
    /** New outbox events were committed: send them, and let screens see the backlog (at most 4 times a second). */
    poke: () => {
      if (linkState === 'stopped') return;
      sender.poke();
      notifyTimer ??= setTimeout(() => {
        notifyTimer = null;
        notify();
      }, 250);
    },
    status,
    /** After messages from HQ's stream were committed (applied, parked or set aside): once per burst; and after a control message is set aside. */
    onStreamCommitted(listener: () => void) {
      committedListeners.add(listener);
      return () => committedListeners.delete(listener);
    },
    onStatus(listener: (status: HqLinkStatus) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    inbox,
    deadLetters,
  };
}
export type HqLink = ReturnType<typeof createHqLink>;
type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;

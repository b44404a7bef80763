import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import {
  digestMessage,
  downAckMessage,
  hqSubscription,
  parseTopic,
  pickupOrder,
  downStreamMessage,
  presenceMessage,
  protocolVersion,
  requestMessage,
  resyncRequestMessage,
  staffRecord,
  topics,
  upEventsMessage,
  type DownStreamMessage,
} from '../sync/protocol';
import { parseMessage } from '../sync/parse-message';
import { internalLocations } from '../sync/stock-digest';
import { createStoreReplica, type StoreReplica } from './store-replica';

type StreamBody = DistributiveOmit<DownStreamMessage, 'v' | 'id' | 'at' | 'dseq' | 'epoch'>;
type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;

interface StoreRecord {
  replica: StoreReplica;
  online: boolean;
  /** Every stream message sent to the store, for replay. Index i holds dseq i+1. */
  stream: DownStreamMessage[];
  appliedDseq: number;
  lastReplayCheck: number;
  lastResendAt: number;
  digestMismatches: number;
}

export interface HqSimulatorOptions {
  url: string;
  chain: string;
  clientId?: string;
  username?: string;
  password?: string;
  log?: (entry: Record<string, unknown>) => void;
  /** How long a store's stream acknowledgement may stall before HQ replays. */
  replayAfterMs?: number;
  /** TLS material and other mqtt.js options for HQ's own connection. */
  connectOptions?: IClientOptions;
  /**
   * A file that keeps HQ's epoch and each store's numbered stream across restarts (the demo keeps
   * it in the data folder). Without one, every start is a new epoch.
   */
  statePath?: string;
}

/** What HQ keeps across restarts: its epoch and every store's numbered stream. */
const savedState = z.object({
  epoch: z.string().min(1).max(64),
  stores: z.record(z.string(), z.object({ stream: z.array(downStreamMessage) })),
});

function loadState(path: string | undefined, log: (entry: Record<string, unknown>) => void): z.infer<typeof savedState> | null {
  if (!path || !existsSync(path)) return null;
  try {
    return savedState.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (error) {
    // A new epoch tells every store to resync, so an unreadable file costs a replay, not orders.
    log({ level: 'warn', msg: 'HQ simulator state unreadable: starting a new epoch', path, err: (error as Error).message });
    return null;
  }
}

/**
 * The HQ side of docs/protocol.md, for tests and the demo: a registry of
 * stores, central stock from movements with gap detection and resend requests,
 * acknowledgements, order routing with replay, look-up answers.
 */
export function createHqSimulator({
  url,
  chain,
  clientId,
  username,
  password,
  log = () => {},
  replayAfterMs = 1500,
  connectOptions = {},
  statePath,
}: HqSimulatorOptions) {
  const stores = new Map<string, StoreRecord>();
  const saved = loadState(statePath, log);
  const epoch = saved?.epoch ?? randomUUID();
  const events = new EventEmitter();
  let client: MqttClient | null = null;
  let replayTimer: NodeJS.Timeout | null = null;
  let malformed = 0;

  const envelope = () => ({ v: protocolVersion, id: randomUUID(), at: new Date().toISOString() });

  for (const [store, { stream }] of Object.entries(saved?.stores ?? {})) record(store).stream.push(...stream);

  function saveState() {
    if (!statePath) return;
    const state = { epoch, stores: Object.fromEntries([...stores].map(([store, rec]) => [store, { stream: rec.stream }])) };
    // Written whole and renamed into place: a crash leaves the old file or the new one, never half.
    writeFileSync(`${statePath}.tmp`, JSON.stringify(state), { mode: 0o600 });
    renameSync(`${statePath}.tmp`, statePath);
  }

  function record(store: string): StoreRecord {
    let found = stores.get(store);
    if (!found) {
      found = { replica: createStoreReplica(store), online: false, stream: [], appliedDseq: 0, lastReplayCheck: 0, lastResendAt: 0, digestMismatches: 0 };
      stores.set(store, found);
      events.emit('store', store);
    }
    return found;
  }

  /** Customers of routed orders whose name or phone contains the query, with their order ids. */
  function findCustomers(query: string) {
    const needle = query.toLowerCase();
    const byName = new Map<string, string[]>();
    for (const rec of stores.values()) {
      for (const m of rec.stream) {
        if (m.type !== 'order.new') continue;
        const { name, phone } = m.order.customer;
        if (!name.toLowerCase().includes(needle) && !(phone ?? '').includes(query)) continue;
        const orders = byName.get(name) ?? [];
        if (!orders.includes(m.order.orderId)) orders.push(m.order.orderId);
        byName.set(name, orders);
      }
    }
    return [...byName].slice(0, 50).map(([name, orders]) => ({ name, orders: orders.slice(0, 50) }));
  }

  function publish(topic: string, body: unknown) {
    client?.publish(topic, JSON.stringify(body), { qos: 1 });
  }

  function parse<T extends z.ZodType>(schema: T, payload: Buffer): z.infer<T> | null {
    const message = parseMessage(schema, payload);
    if (message === null) {
      malformed++;
      log({ level: 'warn', msg: 'HQ got a malformed message' });
    }
    return message;
  }

  function replay(store: string, rec: StoreRecord) {
    const pending = rec.stream.slice(rec.appliedDseq);
    for (const message of pending) publish(topics(chain, store).down('stream'), message);
    if (pending.length > 0) log({ level: 'info', msg: 'HQ replayed its stream', store, from: rec.appliedDseq + 1, count: pending.length });
  }

  function onMessage(topic: string, payload: Buffer) {
    const where = parseTopic(topic);
    if (!where || where.direction !== 'up' || where.chain !== chain) return;
    const rec = record(where.store);
    const down = topics(chain, where.store);
    switch (where.kind) {
      case 'events': {
        const message = parse(upEventsMessage, payload);
        if (!message) return;
        const { gapAt } = rec.replica.receive(message.events);
        if (gapAt !== null && Date.now() - rec.lastResendAt > 200) {
          rec.lastResendAt = Date.now();
          // Nothing of this store at all (HQ lost its copy): a resend would be raised to what the
          // store saw acknowledged, so ask for everything instead.
          if (gapAt === 1) publish(down.down('control'), { ...envelope(), type: 'resync', reason: 'HQ has no copy of this store' });
          else publish(down.down('control'), { ...envelope(), type: 'resend', fromSeq: gapAt, reason: 'gap in sequence' });
        }
        publish(down.down('control'), { ...envelope(), type: 'ack', upToSeq: rec.replica.contiguous() });
        events.emit('events', where.store, rec.replica.contiguous());
        return;
      }
      case 'presence': {
        const message = parse(presenceMessage, payload);
        if (!message) return;
        rec.online = message.status === 'online';
        if (message.status === 'online') {
          // An appliedDseq counted in another epoch names none of our messages: replay them all.
          const sameEpoch = message.epoch === undefined || message.epoch === epoch;
          rec.appliedDseq = sameEpoch ? Math.min(message.appliedDseq ?? 0, rec.stream.length) : 0;
          replay(where.store, rec);
        }
        events.emit('presence', where.store, message.status);
        return;
      }
      case 'ack': {
        const message = parse(downAckMessage, payload);
        if (!message || (message.epoch !== undefined && message.epoch !== epoch)) return;
        if (message.appliedDseq > rec.appliedDseq) rec.lastReplayCheck = Date.now();
        rec.appliedDseq = Math.max(rec.appliedDseq, message.appliedDseq);
        events.emit('applied', where.store, rec.appliedDseq);
        return;
      }
      case 'digest': {
        const message = parse(digestMessage, payload);
        if (!message || message.upToSeq !== rec.replica.contiguous()) return;
        const ours = rec.replica.digest(internalLocations);
        if (ours.sha256 !== message.sha256) {
          rec.digestMismatches++;
          log({ level: 'warn', msg: 'stock digest mismatch: resyncing the store', store: where.store, upToSeq: message.upToSeq });
          events.emit('digest-mismatch', where.store);
          rec.replica.reset();
          publish(down.down('control'), { ...envelope(), type: 'resync', reason: 'stock digest mismatch' });
        } else {
          events.emit('digest-match', where.store);
        }
        return;
      }
      case 'resync': {
        const message = parse(resyncRequestMessage, payload);
        if (!message) return;
        log({ level: 'info', msg: 'store asked for a resync', store: where.store, reason: message.reason });
        rec.appliedDseq = 0;
        rec.lastReplayCheck = Date.now();
        replay(where.store, rec);
        events.emit('resync-request', where.store, message.reason);
        return;
      }
      case 'request': {
        const message = parse(requestMessage, payload);
        if (!message) return;
        const result =
          message.type === 'stock-lookup'
            ? {
                kind: 'stock' as const,
                sku: message.sku,
                stores: [...stores.entries()].map(([store, r]) => {
                  const view = r.replica.view();
                  return { store, atp: view.level(message.sku, 'sales_floor') + view.level(message.sku, 'back_room') };
                }),
              }
            : { kind: 'customers' as const, customers: findCustomers(message.query) };
        publish(down.down('reply'), { ...envelope(), type: 'reply', requestId: message.requestId, result });
        return;
      }
    }
  }

  return {
    events,
    async start(): Promise<void> {
      client = mqtt.connect(url, {
        clientId: clientId ?? `mostrador-hq.${chain}`,
        protocolVersion: 4,
        clean: false,
        reconnectPeriod: 500,
        ...(username !== undefined ? { username } : {}),
        ...(password !== undefined ? { password } : {}),
        ...connectOptions,
      });
      client.on('message', (topic, payload) => onMessage(topic, payload));
      client.on('error', (error) => log({ level: 'warn', msg: 'HQ simulator link error', err: error.message }));
      // Subscribe on every connect: a broker that lost its sessions (a crash before autosave) forgot ours.
      client.on('connect', (ack) => {
        (client!.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
        log({ level: 'info', msg: 'HQ simulator connected', sessionPresent: ack.sessionPresent });
        client!.subscribe(hqSubscription(chain), { qos: 1 });
      });
      client.on('close', () => log({ level: 'info', msg: 'HQ simulator disconnected' }));
      await new Promise<void>((ready, failed) => {
        client!.once('connect', () => ready());
        client!.once('error', failed);
      });
      await client.subscribeAsync(hqSubscription(chain), { qos: 1 });
      // A store whose acknowledgements stall behind what was sent gets the rest again.
      replayTimer = setInterval(() => {
        for (const [store, rec] of stores) {
          if (rec.online && rec.appliedDseq < rec.stream.length && Date.now() - rec.lastReplayCheck > replayAfterMs) {
            rec.lastReplayCheck = Date.now();
            replay(store, rec);
          }
        }
      }, 250);
    },
    async stop(): Promise<void> {
      if (replayTimer) clearInterval(replayTimer);
      await client?.endAsync(true);
    },
    /** Sends the next numbered stream message to a store. */
    send(store: string, body: StreamBody): DownStreamMessage {
      const rec = record(store);
      const message = { ...envelope(), epoch, dseq: rec.stream.length + 1, ...body } as DownStreamMessage;
      rec.stream.push(message);
      saveState();
      rec.lastReplayCheck = Date.now();
      publish(topics(chain, store).down('stream'), message);
      return message;
    },
    routeOrder(store: string, order: z.input<typeof pickupOrder>) {
      return this.send(store, { type: 'order.new', order: pickupOrder.parse(order) });
    },
    cancelOrder(store: string, orderId: string, version: number, reason: string) {
      return this.send(store, { type: 'order.cancelled', orderId, version, reason });
    },
    /** HQ's record of a staff member (issue 12); a new one carries the hash of their one-time code. */
    sendStaff(store: string, member: z.input<typeof staffRecord>) {
      return this.send(store, { type: 'staff.upsert', member: staffRecord.parse(member) });
    },
    deactivateStaff(store: string, staffId: string, version: number) {
      return this.send(store, { type: 'staff.deactivate', staffId, version });
    },
    /** Publishes raw bytes on a store's stream topic, bypassing numbering (fault tests). */
    publishRaw(store: string, payload: string | Buffer) {
      client?.publish(topics(chain, store).down('stream'), payload, { qos: 1 });
    },
    store(store: string) {
      const rec = stores.get(store);
      return rec ? { ...rec.replica.view(), online: rec.online, appliedDseq: rec.appliedDseq, sent: rec.stream.length, digestMismatches: rec.digestMismatches } : null;
    },
    stores: () => [...stores.keys()],
    epoch: () => epoch,
    malformed: () => malformed,
  };
}
export type HqSimulator = ReturnType<typeof createHqSimulator>;

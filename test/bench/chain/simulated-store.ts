import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import mqtt, { type MqttClient } from 'mqtt';
import { createCatalogStore } from '../../../main/catalog/catalog-store';
import { openLedger } from '../../../main/kernel/db/open-ledger';
import { loadLocations } from '../../../main/stock/locations';
import { createMovementLedger } from '../../../main/stock/movement-ledger';
import { clientIdFor } from '../../../main/sync/hq-link';
import { createOutboxSender } from '../../../main/sync/outbox-sender';
import { parseMessage } from '../../../main/sync/parse-message';
import { controlMessage, protocolVersion, topics } from '../../../main/sync/protocol';
import type { StoreTruth } from './chain-verdict';
import { eventFingerprint } from './hq-store-streams';

const station = 'counter-1';
const sku = 'SKU-CHAIN';
const movement = { sku, qty: 1, from: 'supplier', to: 'back_room', reason: 'receipt', staff: 'bench', station };

export interface SimulatedStoreCounters {
  disconnects: number;
  resendsReceived: number;
  resyncsReceived: number;
  malformedControl: number;
}

/**
 * One store of the chain as HQ sees it: a real ledger (file or in memory) where each movement and
 * its outbox row commit in one transaction, the store's real outbox sender, and an MQTT 3.1.1
 * session with the options the store's link uses (fixed client id, clean: false, QoS 1, a retained
 * presence and its Will). Screens, the inbox and status notifications are left out: they cost the
 * store's own machine, not the chain's broker or HQ.
 */
export function createSimulatedStore({
  url,
  chain,
  store,
  ledgerPath,
  counters,
  onAckLatency,
}: {
  url: string;
  chain: string;
  store: string;
  /** A file, or ':memory:'. */
  ledgerPath: string;
  counters: SimulatedStoreCounters;
  /** Commit → HQ's acknowledgement seen by the store, in ms, per movement. */
  onAckLatency: (ms: number, committedAt: number) => void;
}) {
  const db = openLedger(ledgerPath);
  const catalog = createCatalogStore(db);
  catalog.upsertProducts([
    { sku, name: 'Chain bench product', brand: '', category: 'Bench', unit: 'each', priceCents: 100, taxRateBp: 0, active: true },
  ]);
  const movements = createMovementLedger(db, loadLocations(db), catalog);
  const topic = topics(chain, store);
  const presence = (status: 'online' | 'offline') => JSON.stringify({ v: protocolVersion, id: randomUUID(), at: new Date().toISOString(), type: 'presence', status });
  let client: MqttClient | null = null;
  // Movements committed and not yet acknowledged: seq and commit time (this thread's clock).
  const waitingSeq: number[] = [];
  const waitingAt: number[] = [];

  const sender = createOutboxSender({
    db,
    port: {
      isConnected: () => client?.connected === true,
      publishEvents: async (payload) => {
        await client!.publishAsync(topic.up('events'), payload, { qos: 1 });
      },
    },
  });

  function onControl(payload: Buffer) {
    const message = parseMessage(controlMessage, payload);
    if (!message) {
      counters.malformedControl++;
      return;
    }
    if (message.type === 'ack') {
      const now = performance.now();
      let n = 0;
      while (n < waitingSeq.length && waitingSeq[n]! <= message.upToSeq) {
        onAckLatency(now - waitingAt[n]!, waitingAt[n]!);
        n++;
      }
      waitingSeq.splice(0, n);
      waitingAt.splice(0, n);
      sender.acknowledged(message.upToSeq);
    } else if (message.type === 'resend') {
      counters.resendsReceived++;
      sender.resend(message.fromSeq);
    } else {
      counters.resyncsReceived++;
      sender.resync();
    }
  }

  return {
    store,
    /** Connects; resolves on the first CONNACK. */
    connect(): Promise<void> {
      client = mqtt.connect(url, {
        clientId: clientIdFor({ chain, store, station }),
        protocolVersion: 4,
        clean: false,
        reconnectPeriod: 1000,
        connectTimeout: 30_000,
        keepalive: 30,
        queueQoSZero: false,
        will: { topic: topic.up('presence'), payload: Buffer.from(presence('offline')), qos: 1, retain: true },
      });
      client.on('connect', () => {
        (client!.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
        client!.subscribe(topic.downAll, { qos: 1 });
        client!.publish(topic.up('presence'), presence('online'), { qos: 1, retain: true });
        sender.connected();
      });
      client.on('close', () => counters.disconnects++);
      client.on('message', (name, payload) => {
        if (name.endsWith('/down/control')) onControl(payload);
      });
      sender.start();
      return new Promise((ready, failed) => {
        client!.once('connect', () => ready());
        client!.once('error', failed);
      });
    },
    /** Commits one stock movement (movement, levels and outbox row in one transaction) and sends it. */
    commitMovement(): void {
      const { seq } = movements.append(movement);
      waitingSeq.push(seq);
      waitingAt.push(performance.now());
      sender.poke();
    },
    /** Everything committed is acknowledged and recorded as such. */
    settled(): boolean {
      const { backlog } = sender.status();
      return backlog === 0;
    },
    /** The store's own account of what it sent, for the verdict. */
    truth(): StoreTruth {
      sender.stop(); // records the last acknowledgement
      const hash = createHash('sha256');
      const rows = db.prepare('SELECT seq, payload FROM outbox ORDER BY seq').all() as { seq: number; payload: string }[];
      for (const row of rows) hash.update(eventFingerprint(row.seq, (JSON.parse(row.payload) as { id: string }).id));
      const { lastAckedSeq, lastSeq } = sender.status();
      return { store, lastSeq, digest: hash.digest('hex'), ackedSeq: lastAckedSeq };
    },
    async close(): Promise<void> {
      sender.stop();
      await client?.endAsync(true);
      db.close();
    },
  };
}
export type SimulatedStore = ReturnType<typeof createSimulatedStore>;

import { randomUUID } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { parseMessage } from '../../../main/sync/parse-message';
import { parseTopic, protocolVersion, topicId, topics, upEventsMessage } from '../../../main/sync/protocol';
import { createHqStoreStreams } from './hq-store-streams';

/** The chain's event streams as a shared subscription: the broker hands each message to one consumer of the group. */
export const sharedEventsSubscription = (chain: string) => `$share/hq-${topicId.parse(chain)}/mostrador/v1/${chain}/+/up/events`;

/**
 * HQ at chain scale, as far as the uplink goes: several MQTT 5 consumers in one shared
 * subscription, one per-store stream state they all write to (here in memory; in production a
 * database or a log, docs/protocol.md "Running HQ at chain scale"), and an `ack` on the store's
 * `down/control` after every `up/events` message, from whichever consumer took it.
 */
export async function startChainHq({
  url,
  chain,
  consumers,
  gapGraceMs = 500,
}: {
  url: string;
  chain: string;
  consumers: number;
  gapGraceMs?: number;
}) {
  let window = { from: Infinity, to: -Infinity };
  const latencies: number[] = [];
  let acksInWindow = 0;
  let eventsInWindow = 0;
  let malformed = 0;
  const perConsumer = new Array<number>(consumers).fill(0);
  const streams = createHqStoreStreams({
    gapGraceMs,
    onStored: (_store, event) => {
      // The store stamps a movement inside the transaction that commits it; ms resolution.
      const committedAt = Date.parse((event.data as { at: string }).at);
      if (committedAt >= window.from && committedAt < window.to) {
        latencies.push(Date.now() - committedAt);
        eventsInWindow++;
      }
    },
  });
  const envelope = () => ({ v: protocolVersion, id: randomUUID(), at: new Date().toISOString() });

  const clients: MqttClient[] = [];
  for (let k = 0; k < consumers; k++) {
    const client = await mqtt.connectAsync(url, {
      clientId: `mostrador-hq.${chain}.${k}`,
      protocolVersion: 5,
      clean: false,
      properties: { sessionExpiryInterval: 300 },
      reconnectPeriod: 500,
    });
    (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
    client.on('message', (topicName, payload) => {
      perConsumer[k]!++;
      const where = parseTopic(topicName);
      if (!where || where.chain !== chain || where.kind !== 'events') return;
      const message = parseMessage(upEventsMessage, payload);
      if (!message) {
        malformed++;
        return;
      }
      const now = Date.now();
      const upToSeq = streams.receive(where.store, message.events, now);
      client.publish(topics(chain, where.store).down('control'), JSON.stringify({ ...envelope(), type: 'ack', upToSeq }), { qos: 1 });
      if (now >= window.from && now < window.to) acksInWindow++;
    });
    await client.subscribeAsync(sharedEventsSubscription(chain), { qos: 1 });
    clients.push(client);
  }

  const gapTimer = setInterval(() => {
    for (const { store, fromSeq } of streams.overdueGaps(Date.now())) {
      clients[0]!.publish(topics(chain, store).down('control'), JSON.stringify({ ...envelope(), type: 'resend', fromSeq, reason: 'gap in sequence' }), { qos: 1 });
    }
  }, 100);

  return {
    /** Latency and rates count only movements committed (and acks sent) in [from, to). */
    measure(from: number, to: number) {
      window = { from, to };
    },
    result() {
      return { latencies, acksInWindow, eventsInWindow, malformed, perConsumer: [...perConsumer], stores: streams.report() };
    },
    async stop() {
      clearInterval(gapTimer);
      await Promise.all(clients.map((c) => c.endAsync(true)));
    },
  };
}
export type ChainHq = Awaited<ReturnType<typeof startChainHq>>;

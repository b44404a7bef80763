import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { writePrivate } from '../kernel/private-file';
import { z } from 'zod';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import {
  catalogProduct,
  channelOrder,
  digestMessage,
  orderFromQr,
  stockSnapshotLocations,
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
  type UpEvent,
} from '../sync/protocol';
import { parseMessage } from '../sync/parse-message';
import { internalLocations } from '../sync/stock-digest';
import { createStoreReplica, type StoreReplica } from './store-replica';
import { createCustomerDirectory, type HqCustomer } from './customer-directory';

type StreamBody = DistributiveOmit<DownStreamMessage, 'v' | 'id' | 'at' | 'dseq' | 'epoch'>;
type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;

interface StoreRecord {
  replica: StoreReplica;
  online: boolean;
  /** Every stream message sent to the store, for replay. Index i holds dseq i+1. */
  stream: DownStreamMessage[];
  /** How many of `stream` have been published since the last replay (dseq 1..published). */
  published: number;
  appliedDseq: number;
  lastReplayCheck: number;
  lastResendAt: number;
  digestMismatches: number;
  /** The store said, in its last presence, that it has its catalog and stock. */
  ready: boolean;
  /** HQ sent this store its catalog and opening stock. */
  provisioned: boolean;
}

/** What HQ gives a store from zero: its catalog and its opening stock per location. */
export interface StoreOpening {
  products: z.input<typeof catalogProduct>[];
  levels: { sku: string; location: (typeof stockSnapshotLocations)[number]; qty: number }[];
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
  /**
   * Stream messages published to a store beyond what it acknowledged as applied, at most. Mosquitto
   * queues 1,000 QoS 1 messages per client by default and drops the rest, so a burst of orders
   * published at once would be lost in part and come back only with the stall replay.
   */
  maxInFlight?: number;
  /** TLS material and other mqtt.js options for HQ's own connection. */
  connectOptions?: IClientOptions;
  /**
   * A file that keeps HQ's epoch and each store's numbered stream across restarts (the demo keeps
   * it in the data folder). Without one, every start is a new epoch.
   */
  statePath?: string;
  /**
   * The catalog and opening stock for a store HQ sees online and not ready (a store from zero);
   * null: HQ has nothing for that store. Sent once per store and HQ run.
   */
  openingFor?: (store: string) => StoreOpening | null;
  /** Products or levels per snapshot chunk (the protocol allows up to 1,000). */
  snapshotChunkSize?: number;
  /** How long the payment provider takes to settle a refund to the original payment (then `refunded`). */
  refundSettleMs?: number;
}

/** An order HQ sold, as it keeps it for returns: `returned` per line is the whole chain's. */
type SoldOrder = z.infer<typeof channelOrder>;
type ClaimAnswer = { accepted: boolean; lines: { lineId: string; sold: number; returned: number }[]; refundState: 'requested' | 'refunded' | 'failed' | null; reason?: string };

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
  maxInFlight = 500,
  connectOptions = {},
  statePath,
  openingFor,
  snapshotChunkSize = 1000,
  refundSettleMs = 500,
}: HqSimulatorOptions) {
  const sold = new Map<string, SoldOrder>();
  /** Every claim answered, by its id: a repeat (the store retrying after a lost reply) gets the same answer. */
  const claims = new Map<string, { store: string; answer: ClaimAnswer }>();
  const refunds = new Map<string, { state: 'requested' | 'refunded' | 'failed'; settleAt: number; outcome: 'refunded' | 'failed' }>();
  let refundOutcome: 'refunded' | 'failed' = 'refunded';
  const stores = new Map<string, StoreRecord>();
  /**
   * HQ's price book, from the catalog and price messages it sends: an order it routes carries
   * each line's unit price and VAT rate from it (issue 16), as a real HQ's order would.
   */
  const priceBook = new Map<string, { priceCents: number; taxRateBp: number }>();
  function notePrices(body: StreamBody) {
    if (body.type === 'catalog.snapshot' || body.type === 'catalog.delta') {
      for (const p of body.products) priceBook.set(p.sku, { priceCents: p.priceCents, taxRateBp: p.taxRateBp });
    } else if (body.type === 'prices') {
      for (const p of body.prices) {
        const known = priceBook.get(p.sku);
        if (known) priceBook.set(p.sku, { ...known, priceCents: p.priceCents });
      }
    }
  }
  /** The order with each line priced from the price book where the caller gave no price. */
  function priced(order: z.output<typeof pickupOrder>): z.output<typeof pickupOrder> {
    return {
      ...order,
      lines: order.lines.map((line) => {
        const known = priceBook.get(line.sku);
        if (!known || line.unitPriceCents !== undefined) return line;
        return { ...line, unitPriceCents: known.priceCents, vatRateBp: line.vatRateBp ?? known.taxRateBp };
      }),
    };
  }
  const saved = loadState(statePath, log);
  const epoch = saved?.epoch ?? randomUUID();
  const events = new EventEmitter();
  let client: MqttClient | null = null;
  let replayTimer: NodeJS.Timeout | null = null;
  let malformed = 0;

  const envelope = () => ({ v: protocolVersion, id: randomUUID(), at: new Date().toISOString() });
  /** Sellable units of a SKU in every other store, as HQ's replicas hold them. */
  const nearbyStock = (sku: string, askingStore: string) =>
    [...stores.entries()]
      .filter(([store]) => store !== askingStore)
      .map(([store, r]) => ({ store, atp: r.replica.view().level(sku, 'sales_floor') + r.replica.view().level(sku, 'back_room') }));
  /** The latest version of every pickup order HQ routed, with the store it went to. */
  function routedOrders(): { store: string; order: z.infer<typeof pickupOrder> }[] {
    const latest = new Map<string, { store: string; order: z.infer<typeof pickupOrder> }>();
    for (const [store, rec] of stores) {
      for (const m of rec.stream) if (m.type === 'order.new' || m.type === 'order.changed') latest.set(m.order.orderId, { store, order: m.order });
    }
    return [...latest.values()];
  }
  const customers = createCustomerDirectory(nearbyStock, {
    ordersOf: (c) =>
      routedOrders()
        .filter(({ order }) => order.customer.name === c.name || (!!c.phone && order.customer.phone === c.phone))
        .map(({ store, order }) => {
          const status = stores.get(store)?.replica.view().orderStatus.get(order.orderId)?.status ?? 'routed';
          return {
            orderId: order.orderId,
            from: store,
            fulfilment: 'pickup' as const,
            status,
            promisedAt: order.promisedAt,
            lines: order.lines.map((l) => ({ sku: l.sku, name: l.sku, qty: l.qty })),
            tracking: [{ at: order.promisedAt, status }],
          };
        }),
    customerOfOrder: (orderId) => routedOrders().find(({ order }) => order.orderId === orderId)?.order.customer ?? null,
  });

  for (const [store, { stream }] of Object.entries(saved?.stores ?? {})) record(store).stream.push(...stream);

  function saveState() {
    if (!statePath) return;
    const state = { epoch, stores: Object.fromEntries([...stores].map(([store, rec]) => [store, { stream: rec.stream }])) };
    writePrivate(statePath, JSON.stringify(state));
  }

  function record(store: string): StoreRecord {
    let found = stores.get(store);
    if (!found) {
      found = { replica: createStoreReplica(store), online: false, stream: [], published: 0, appliedDseq: 0, lastReplayCheck: 0, lastResendAt: 0, digestMismatches: 0, ready: false, provisioned: false };
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

  function refundStateOf(claimId: string) {
    const refund = refunds.get(claimId);
    if (refund && refund.state === 'requested' && Date.now() >= refund.settleAt) refund.state = refund.outcome;
    return refund?.state ?? null;
  }

  /** Sold orders whose id, QR text, customer name or phone matches. */
  function findSold(query: string): SoldOrder[] {
    const text = query.trim();
    const byId = sold.get(orderFromQr(text) ?? text);
    if (byId) return [byId];
    const needle = text.toLowerCase();
    const digits = text.replace(/\D/g, '');
    return [...sold.values()]
      .filter((o) => o.customer.name.toLowerCase().includes(needle) || (digits.length >= 4 && (o.customer.phone ?? '').replace(/\D/g, '').includes(digits)))
      .slice(0, 20);
  }

  /**
   * Returns from any channel: HQ is where a sold line's returned units are counted, so a claim is
   * all-or-nothing against the chain's count at the moment it arrives (MQTT delivers one store's
   * messages to HQ one at a time, so two stores' claims never interleave).
   */
  function answerReturns(store: string, message: Extract<z.infer<typeof requestMessage>, { type: 'order-lookup' | 'return-claim' | 'refund-status' }>) {
    if (message.type === 'order-lookup') return { kind: 'orders' as const, orders: findSold(message.query) };
    if (message.type === 'refund-status') {
      const state = refundStateOf(message.claimId);
      return state ? { kind: 'refund' as const, claimId: message.claimId, state } : { kind: 'error' as const, message: `no refund ${message.claimId}` };
    }
    const earlier = claims.get(message.claimId);
    if (earlier) return { kind: 'return-claim' as const, claimId: message.claimId, ...earlier.answer, refundState: earlier.answer.accepted ? refundStateOf(message.claimId) : null };
    const order = sold.get(message.orderId);
    if (!order) return { kind: 'return-claim' as const, claimId: message.claimId, accepted: false, lines: [], refundState: null, reason: `HQ sold no order ${message.orderId}` };
    const wanted = new Map<string, number>();
    for (const line of message.lines) wanted.set(line.lineId, (wanted.get(line.lineId) ?? 0) + line.qty);
    const over = [...wanted].filter(([lineId, qty]) => {
      const line = order.lines.find((l) => l.lineId === lineId);
      return !line || line.returned + qty > line.qty;
    });
    let answer: ClaimAnswer;
    if (over.length > 0) {
      answer = {
        accepted: false,
        lines: order.lines.map((l) => ({ lineId: l.lineId, sold: l.qty, returned: l.returned })),
        refundState: null,
        reason: `over-return on ${over.map(([lineId]) => lineId).join(', ')}`,
      };
    } else {
      for (const line of order.lines) line.returned += wanted.get(line.lineId) ?? 0;
      if (message.refund.method === 'original-payment') refunds.set(message.claimId, { state: 'requested', settleAt: Date.now() + refundSettleMs, outcome: refundOutcome });
      answer = {
        accepted: true,
        lines: order.lines.map((l) => ({ lineId: l.lineId, sold: l.qty, returned: l.returned })),
        refundState: message.refund.method === 'original-payment' ? 'requested' : null,
      };
    }
    claims.set(message.claimId, { store, answer });
    log({ level: 'info', msg: answer.accepted ? 'HQ counted a return' : 'HQ refused a return', store, orderId: message.orderId, claimId: message.claimId });
    events.emit('return-claim', store, message.claimId, answer.accepted);
    return { kind: 'return-claim' as const, claimId: message.claimId, ...answer };
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

  /**
   * Transfers between stores: a shipment goes to its destination as `transfer.incoming`, a receipt
   * back to the origin as `transfer.receipt`. Each is relayed once per transfer or receipt id,
   * whatever the store replays (a resend, a resync after a digest mismatch): HQ looks in the
   * destination's numbered stream, which it keeps across restarts with its state file.
   */
  function relayTransfer(sender: string, event: UpEvent) {
    if (event.type === 'transfer.shipped') {
      const t = event.data;
      if (t.from !== sender) return log({ level: 'warn', msg: 'a store shipped a transfer in another store\'s name', store: sender, transferId: t.transferId });
      const sent = record(t.to).stream.some((m) => m.type === 'transfer.incoming' && m.transfer.transferId === t.transferId);
      if (!sent) api.send(t.to, { type: 'transfer.incoming', transfer: t });
      events.emit('transfer', t.transferId, 'shipped');
    } else if (event.type === 'transfer.received') {
      const r = event.data;
      if (r.to !== sender) return log({ level: 'warn', msg: 'a store received a transfer in another store\'s name', store: sender, transferId: r.transferId });
      const sent = record(r.from).stream.some((m) => m.type === 'transfer.receipt' && m.receipt.receiptId === r.receiptId);
      if (!sent) api.send(r.from, { type: 'transfer.receipt', receipt: r });
      events.emit('transfer', r.transferId, r.closes ? 'closed' : 'receiving');
    }
  }

  /** Publishes the store's stream up to `maxInFlight` past what it applied. */
  function publishStream(store: string, rec: StoreRecord) {
    const upTo = Math.min(rec.stream.length, rec.appliedDseq + maxInFlight);
    rec.published = Math.max(rec.published, rec.appliedDseq);
    for (; rec.published < upTo; rec.published++) publish(topics(chain, store).down('stream'), rec.stream[rec.published]);
  }

  function replay(store: string, rec: StoreRecord) {
    const pending = rec.stream.length - rec.appliedDseq;
    rec.published = rec.appliedDseq;
    publishStream(store, rec);
    if (pending > 0) {
      log({ level: 'info', msg: 'HQ replayed its stream', store, from: rec.appliedDseq + 1, count: pending });
      events.emit('replayed', store, rec.appliedDseq + 1, pending);
    }
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
        const closedBefore = rec.replica.receiptsClosedCount();
        const { gapAt, applied } = rec.replica.receive(message.events);
        for (const event of applied) relayTransfer(where.store, event);
        for (const receipt of rec.replica.receiptsClosedFrom(closedBefore)) {
          log({ level: 'info', msg: 'HQ recorded a closed receipt', store: where.store, receiptId: receipt.receiptId, asnId: receipt.asnId });
          events.emit('receipt-closed', where.store, receipt);
        }
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
        // Readiness rides on `online` only: an offline store takes no orders either way.
        rec.ready = message.status === 'online' && message.ready === true;
        if (message.status === 'online') {
          // An appliedDseq counted in another epoch names none of our messages: replay them all.
          const sameEpoch = message.epoch === undefined || message.epoch === epoch;
          rec.appliedDseq = sameEpoch ? Math.min(message.appliedDseq ?? 0, rec.stream.length) : 0;
          replay(where.store, rec);
          // HQ holds nothing of this store (new to it, or HQ restarted): ask for its whole event
          // stream, so routing sees its stock. A store with an empty outbox sends nothing.
          if (rec.replica.contiguous() === 0) publish(down.down('control'), { ...envelope(), type: 'resync', reason: 'HQ has no copy of this store' });
          if (!rec.ready && !rec.provisioned && openingFor) {
            const opening = openingFor(where.store);
            if (opening) provision(where.store, opening);
          }
        }
        events.emit('presence', where.store, message.status);
        if (rec.ready) events.emit('ready', where.store);
        return;
      }
      case 'ack': {
        const message = parse(downAckMessage, payload);
        if (!message || (message.epoch !== undefined && message.epoch !== epoch)) return;
        if (message.appliedDseq > rec.appliedDseq) rec.lastReplayCheck = Date.now();
        rec.appliedDseq = Math.max(rec.appliedDseq, message.appliedDseq);
        publishStream(where.store, rec);
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
        if (message.type === 'order-lookup' || message.type === 'return-claim' || message.type === 'refund-status') {
          publish(down.down('reply'), { ...envelope(), type: 'reply', requestId: message.requestId, result: answerReturns(where.store, message) });
          return;
        }
        const result = answer(message, where.store);
        publish(down.down('reply'), { ...envelope(), type: 'reply', requestId: message.requestId, result });
        return;
      }
    }
  }

  function answer(message: z.infer<typeof requestMessage>, store: string) {
    switch (message.type) {
      case 'stock-lookup':
        return {
          kind: 'stock' as const,
          sku: message.sku,
          stores: [...stores.entries()].map(([name, r]) => {
            const view = r.replica.view();
            return { store: name, atp: view.level(message.sku, 'sales_floor') + view.level(message.sku, 'back_room') };
          }),
        };
      case 'customer-lookup':
        return { kind: 'customers' as const, customers: findCustomers(message.query) };
      case 'customer-card': {
        const card = customers.card(message.by, store);
        events.emit('customer-card', store, card?.customerId ?? null);
        return { kind: 'customer-card' as const, card };
      }
      case 'customer-search':
        return { kind: 'customer-search' as const, customers: customers.search(message.query) };
      case 'customer-order': {
        const order = customers.order(message, message.sku);
        if (!order) return { kind: 'error' as const, message: 'unknown customer' };
        events.emit('customer-order', store, order);
        return { kind: 'customer-order' as const, order };
      }
    }
  }

  function chunked<T>(items: readonly T[]): T[][] {
    const chunks: T[][] = [];
    for (let i = 0; i < items.length; i += snapshotChunkSize) chunks.push(items.slice(i, i + snapshotChunkSize));
    return chunks.length > 0 ? chunks : [[]];
  }

  /** Streams a store its catalog snapshot, then its opening-stock snapshot, each chunked. */
  function provision(store: string, opening: StoreOpening) {
    const rec = record(store);
    rec.provisioned = true;
    // Versions only grow: a clock in ms is newer than any earlier run's.
    const version = Date.now();
    const products = opening.products.map((p) => catalogProduct.parse(p));
    const productChunks = chunked(products);
    productChunks.forEach((chunk, i) =>
      api.send(store, { type: 'catalog.snapshot', version, snapshotId: `catalog-${version}`, chunk: i, chunks: productChunks.length, products: chunk, total: products.length }),
    );
    const counted = opening.levels.filter((l) => l.qty > 0);
    const levelChunks = chunked(counted);
    levelChunks.forEach((chunk, i) =>
      api.send(store, {
        type: 'stock.snapshot',
        version,
        snapshotId: `stock-${version}`,
        chunk: i,
        chunks: levelChunks.length,
        locations: [...stockSnapshotLocations],
        levels: chunk,
        total: counted.length,
      }),
    );
    log({ level: 'info', msg: 'HQ sent a store its catalog and opening stock', store, products: products.length, levels: counted.length });
  }

  /** Units of a SKU routed to a store that the store has not answered for yet (not held there yet). */
  function unanswered(rec: StoreRecord, sku: string): number {
    const statuses = rec.replica.view().orderStatus;
    let qty = 0;
    for (const m of rec.stream) {
      if (m.type !== 'order.new' || statuses.has(m.order.orderId)) continue;
      for (const line of m.order.lines) if (line.sku === sku) qty += line.qty;
    }
    return qty;
  }

  /** Why HQ would not route these lines to this store, or null if it would. */
  function refusal(store: string, lines: readonly { sku: string; qty: number }[]): string | null {
    const rec = stores.get(store);
    if (!rec?.online) return 'offline';
    if (!rec.ready) return 'not ready';
    const view = rec.replica.view();
    const wanted = new Map<string, number>();
    for (const line of lines) wanted.set(line.sku, (wanted.get(line.sku) ?? 0) + line.qty);
    for (const [sku, qty] of wanted) {
      const sellable = view.level(sku, 'sales_floor') + view.level(sku, 'back_room') - unanswered(rec, sku);
      if (sellable < qty) return `not enough ${sku}`;
    }
    return null;
  }

  const api = {
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
      notePrices(body);
      const rec = record(store);
      const message = { ...envelope(), epoch, dseq: rec.stream.length + 1, ...body } as DownStreamMessage;
      rec.stream.push(message);
      saveState();
      rec.lastReplayCheck = Date.now();
      publishStream(store, rec);
      return message;
    },
    /** Sends an order to this store, whatever its state (tests of the store's side). */
    routeOrder(store: string, order: z.input<typeof pickupOrder>) {
      return api.send(store, { type: 'order.new', order: priced(pickupOrder.parse(order)) });
    },
    /**
     * Routes an order as HQ does: to a store that said it is ready and, by the movements it
     * reported, has the stock (less what HQ routed and the store has not yet answered).
     * Returns the store, or null with each candidate's reason.
     */
    route(order: z.input<typeof pickupOrder>, candidates: readonly string[] = [...stores.keys()]): { store: string | null; refused: Record<string, string> } {
      const parsed = priced(pickupOrder.parse(order));
      const refused: Record<string, string> = {};
      for (const store of candidates) {
        const reason = refusal(store, parsed.lines);
        if (reason === null) {
          api.send(store, { type: 'order.new', order: parsed });
          return { store, refused };
        }
        refused[store] = reason;
      }
      return { store: null, refused };
    },
    /** Streams a store its catalog and opening stock now. */
    provision,
    cancelOrder(store: string, orderId: string, version: number, reason: string) {
      return this.send(store, { type: 'order.cancelled', orderId, version, reason });
    },
    /** HQ's record of a staff member (issue 12); a new one carries the hash of their one-time code. */
    sendStaff(store: string, member: z.input<typeof staffRecord>) {
      return this.send(store, { type: 'staff.upsert', member: staffRecord.parse(member) });
    },
    /** This store's tolerances for its stock documents (issue 13); each call needs a newer version to take effect. */
    sendTolerances(store: string, tolerances: { version: number; overReceiptPct: number; countVarianceUnits: number; countVariancePct: number }) {
      return this.send(store, { type: 'tolerances', ...tolerances });
    },
    /** This store's counter settings (issue 16): the exchange difference past which a manager approves. */
    sendStoreSettings(store: string, settings: { version: number; exchangeApprovalCents: number }) {
      return this.send(store, { type: 'store.settings', ...settings });
    },
    /** Prices HQ knows without having sent them (the demo store seeds its own catalog). */
    knowPrices(products: readonly { sku: string; priceCents: number; taxRateBp: number }[]) {
      for (const p of products) priceBook.set(p.sku, { priceCents: p.priceCents, taxRateBp: p.taxRateBp });
    },
    deactivateStaff(store: string, staffId: string, version: number) {
      return this.send(store, { type: 'staff.deactivate', staffId, version });
    },
    /** An expected delivery (ASN) for the store, with the cartons (SSCC) it comes in, if any. */
    sendAsn(store: string, asn: { asnId: string; supplier: string; expectedAt?: string; lines: { sku: string; qty: number }[]; cartons?: { sscc: string; contents: { sku: string; qty: number }[] }[] }) {
      return this.send(store, { type: 'asn', expectedAt: new Date().toISOString(), ...asn });
    },
    /** An order HQ sold and delivered (home, or collected at a store), that any store may take back. */
    addSoldOrder(order: Omit<z.input<typeof channelOrder>, 'lines'> & { lines: (Omit<z.input<typeof channelOrder>['lines'][number], 'returned'> & { returned?: number })[] }) {
      sold.set(order.orderId, channelOrder.parse({ ...order, lines: order.lines.map((l) => ({ returned: 0, ...l })) }));
    },
    /** A sold order's lines with the chain's returned units (a copy). */
    soldOrder: (orderId: string): SoldOrder | null => structuredClone(sold.get(orderId) ?? null),
    /** How refunds requested from now on end at the payment provider. */
    setRefundOutcome(outcome: 'refunded' | 'failed') {
      refundOutcome = outcome;
    },
    /** Publishes raw bytes on a store's stream topic, bypassing numbering (fault tests). */
    publishRaw(store: string, payload: string | Buffer) {
      client?.publish(topics(chain, store).down('stream'), payload, { qos: 1 });
    },
    /** HQ's customers (issue 17): put one (or replace it). */
    putCustomer(customer: HqCustomer) {
      customers.put(customer);
    },
    customer: (customerId: string) => customers.get(customerId),
    /** The customer checked in from the app at this store. */
    checkIn(store: string, customerId: string) {
      return this.send(store, { type: 'customer.arrived', customerId, checkedInAt: new Date().toISOString() });
    },
    /** A delivery step for a customer's order: the stores hear it. */
    trackOrder(orderId: string, status: string, where?: string) {
      const tracked = customers.track(orderId, status, where);
      if (!tracked) return null;
      for (const store of stores.keys()) this.send(store, { type: 'customer.order-updated', customerId: tracked.customerId, order: tracked.order });
      return tracked.order;
    },
    /** The right to erasure: HQ forgets the customer and tells every store, naming the orders routed to it. */
    eraseCustomer(customerId: string) {
      const customer = customers.remove(customerId);
      const theirs = (c: { name: string; phone?: string | undefined }) => !!customer && (c.name === customer.name || (!!customer.phone && c.phone === customer.phone));
      for (const [store, rec] of stores) {
        const orderIds = new Set<string>();
        // HQ's own copies go too, or a replay would bring the customer back to the store.
        rec.stream = rec.stream.map((m) => {
          if ((m.type !== 'order.new' && m.type !== 'order.changed') || !theirs(m.order.customer)) return m;
          orderIds.add(m.order.orderId);
          return { ...m, order: { ...m.order, customer: { name: '[erased]' } } };
        });
        this.send(store, { type: 'customer.erased', customerId, orderIds: [...orderIds] });
      }
    },
    store(store: string) {
      const rec = stores.get(store);
      return rec ? { ...rec.replica.view(), online: rec.online, ready: rec.ready, appliedDseq: rec.appliedDseq, sent: rec.stream.length, digestMismatches: rec.digestMismatches } : null;
    },
    stores: () => [...stores.keys()],
    /** The numbered stream HQ holds for a store (a copy). */
    streamOf: (store: string): DownStreamMessage[] => [...(stores.get(store)?.stream ?? [])],
    epoch: () => epoch,
    malformed: () => malformed,
  };
  return api;
}
export type HqSimulator = ReturnType<typeof createHqSimulator>;

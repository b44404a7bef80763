import { randomUUID } from 'node:crypto';
import type { CoreEvent } from '../api/contract';
import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../kernel/db/open-ledger';
import type { MovementLedger } from '../stock/movement-ledger';
import type { StockLevels } from '../stock/stock-levels';
import { createHqLink, type HqLinkConfig } from './hq-link';
import type { InboxDurabilityEvent } from './inbox-barrier';
import { downStreamMessage, protocolVersion, topics, type DownStreamMessage } from './protocol';
import { stockDigest } from './stock-digest';
import { createStreamApplier, type StreamPorts } from './stream-appliers';
import { createSyncState } from './sync-state';
import { createPersonalDataPurge } from './personal-data-purge';
import { createStoreProvisioning } from './store-provisioning';

export interface StoreSyncOptions {
  digestEveryMs?: number;
  /** Fault-injection seam for tests: runs inside the inbox transaction, before a message is applied. */
  beforeApply?: (message: DownStreamMessage) => void;
  /** A test's window on the inbox's barriers and on each report of `appliedDseq` to HQ. */
  observeDurability?: (event: InboxDurabilityEvent) => void;
  log?: (entry: Record<string, unknown>) => void;
}

/** What the HQ link needs of the store: its own tables and the outbox, the rooms HQ's stream writes through, and the event hub. */
export interface StoreSyncPorts extends StreamPorts {
  db: Db;
  /** The stream's catalog writes, and whether the store sells anything yet (its readiness for orders). */
  catalog: StreamPorts['catalog'] & Pick<CatalogStore, 'hasActiveProducts'>;
  /** An order's lines, to name the SKUs an HQ cancellation frees. */
  orderLines(orderId: string): { sku: string }[];
  levels: Pick<StockLevels, 'internal' | 'levelsAt'>;
  /** HQ's opening-stock snapshot posts its movements through the stock room. */
  movements: Pick<MovementLedger, 'append' | 'hasMovements'>;
  /** Every committed change: it pokes the outbox sender. */
  subscribe(listener: (event: CoreEvent) => void): () => void;
  /** Out at once (from the link's own timers and callbacks). */
  publish(event: CoreEvent): void;
  /** Out once the calling command commits. */
  emit(event: CoreEvent): void;
  /** Shelf labels HQ's price messages queued, for the labels.changed event; absent where no label queue listens. */
  labels?: { takeChanged(): number[] };
}

/**
 * Connects an open store core to HQ: every committed change pokes the outbox
 * sender, HQ's stream is applied through the inbox, due price changes take
 * effect, and a stock digest goes up for reconciliation.
 */
export function startStoreSync(ports: StoreSyncPorts, config: HqLinkConfig, { digestEveryMs = 5 * 60_000, beforeApply, observeDurability, log = () => {} }: StoreSyncOptions = {}) {
  const { db } = ports;
  const state = createSyncState(db);
  // Orders and SKUs HQ's messages touched; screens hear of them once the inbox has committed.
  const touchedOrders = new Set<string>();
  const touchedSkus = new Set<string>();
  const touchedTransfers = new Set<string>();
  const touchedAsns = new Set<string>();
  const touchedCustomers = new Set<string>();
  let pricesArrived = false;
  const { movements, levels } = ports;
  // An erasure compacts the file once its inbox transaction committed (main/sync/personal-data-purge.ts).
  let erasedSinceCommit = false;
  const applier = createStreamApplier(db, state, {
    ...ports,
    onErased: () => {
      erasedSinceCommit = true;
    },
    stock: {
      levelsAt: (location) => levels.levelsAt(location),
      append: (request) => {
        touchedSkus.add(request.sku);
        return movements.append(request);
      },
    },
    station: config.station,
  });
  const provisioning = createStoreProvisioning(db, state, { catalog: ports.catalog, movements });
  const apply = (message: DownStreamMessage) => {
    beforeApply?.(message);
    noteTouched(message);
    return applier.apply(message);
  };
  function noteTouched(message: DownStreamMessage) {
    if (message.type === 'order.new' || message.type === 'order.changed') {
      touchedOrders.add(message.order.orderId);
      for (const line of message.order.lines) touchedSkus.add(line.sku);
    } else if (message.type === 'order.cancelled') {
      touchedOrders.add(message.orderId);
      // Its reservations are freed: the lines are read before the cancellation applies.
      for (const line of ports.orderLines(message.orderId)) touchedSkus.add(line.sku);
    } else if (message.type === 'catalog.snapshot') {
      for (const product of message.products) touchedSkus.add(product.sku);
    } else if (message.type === 'catalog.delta') {
      for (const product of message.products) touchedSkus.add(product.sku);
      for (const sku of message.removed) touchedSkus.add(sku);
    } else if (message.type === 'asn') {
      touchedAsns.add(message.asnId);
    } else if (message.type === 'prices') {
      for (const price of message.prices) touchedSkus.add(price.sku);
      pricesArrived = true;
    } else if (message.type === 'promotions') {
      for (const promotion of message.promotions) for (const sku of promotion.skus) touchedSkus.add(sku);
    } else if (message.type === 'customer.arrived' || message.type === 'customer.order-updated' || message.type === 'customer.erased') {
      touchedCustomers.add(message.customerId);
      if (message.type === 'customer.erased') for (const orderId of message.orderIds) touchedOrders.add(orderId);
    } else if (message.type === 'transfer.incoming') {
      touchedTransfers.add(message.transfer.transferId);
    } else if (message.type === 'transfer.receipt') {
      touchedTransfers.add(message.receipt.transferId);
      for (const line of message.receipt.lines) touchedSkus.add(line.sku);
    }
  }
  const link = createHqLink(db, config, apply, log, provisioning.status, observeDurability);
  const personalData = createPersonalDataPurge(db);
  link.onStreamCommitted(() => {
    if (!erasedSinceCommit) return;
    erasedSinceCommit = false;
    try {
      const { busy } = personalData.compactAfterErasure();
      log({ level: busy ? 'warn' : 'info', msg: busy ? 'erasure: the WAL could not be emptied (a reader holds it); it empties at the next checkpoint' : 'erasure: ledger compacted and WAL emptied' });
    } catch (error) {
      log({ level: 'error', msg: 'erasure: could not compact the ledger', err: (error as Error).message });
    }
  });
  /** Tells screens which orders, SKUs, transfers and dead letters changed, with `send` (publish now, or emit after the call's commit). */
  function announceTouched(send: (event: CoreEvent) => void) {
    if (touchedOrders.size > 0) send({ event: 'orders.changed', payload: { orderIds: [...touchedOrders] } });
    if (touchedSkus.size > 0) send({ event: 'stock.changed', payload: { skus: [...touchedSkus] } });
    if (touchedTransfers.size > 0) send({ event: 'transfers.changed', payload: { transferIds: [...touchedTransfers] } });
    if (touchedAsns.size > 0) send({ event: 'receiving.changed', payload: { receiptIds: [], asnIds: [...touchedAsns] } });
    if (touchedCustomers.size > 0) send({ event: 'customers.changed', payload: { customerIds: [...touchedCustomers] } });
    touchedCustomers.clear();
    const labelIds = ports.labels?.takeChanged() ?? [];
    if (labelIds.length > 0) send({ event: 'labels.changed', payload: { labelIds } });
    if (pricesArrived) {
      pricesArrived = false;
      armPrices();
    }
    touchedAsns.clear();
    touchedOrders.clear();
    touchedSkus.clear();
    touchedTransfers.clear();
    const deadLetters = link.deadLetters.takeChanged();
    if (deadLetters.length > 0) send({ event: 'deadLetters.changed', payload: { ids: deadLetters } });
  }
  const topic = topics(config.chain, config.store);

  // Every committed change pokes the sender; the link's own status events must not, or they would loop.
  const unsubscribe = ports.subscribe((event) => {
    if (event.event !== 'sync.changed') link.poke();
  });
  const safetyNet = setInterval(() => link.poke(), 1000);
  // A price applies at its effective time: the timer is armed for the next one due (and at least every 30 s).
  let prices: NodeJS.Timeout | null = null;
  let pricesStopped = false;
  function armPrices() {
    if (pricesStopped) return;
    if (prices) clearTimeout(prices);
    const dueAt = ports.pricing.nextDueAt();
    const wait = dueAt === null ? 30_000 : Math.min(30_000, Math.max(0, new Date(dueAt).getTime() - Date.now()));
    prices = setTimeout(() => {
      const repriced = ports.pricing.applyDue();
      if (repriced.length > 0) ports.publish({ event: 'stock.changed', payload: { skus: repriced } });
      armPrices();
    }, wait);
    prices.unref();
  }
  armPrices();

  function publishDigest(): boolean {
    const status = link.status();
    // A digest is only comparable once HQ has everything it covers.
    if (status.state !== 'online' || status.backlog > 0) return false;
    const digest = stockDigest(ports.levels.internal());
    const message = { v: protocolVersion, id: randomUUID(), at: new Date().toISOString(), type: 'digest', upToSeq: status.lastSeq, ...digest };
    link.publishRaw(topic.up('digest'), JSON.stringify(message));
    return true;
  }
  const digests = setInterval(publishDigest, digestEveryMs);
  for (const timer of [safetyNet, digests]) timer.unref();

  const failedInbox = db.prepare("SELECT id FROM inbox WHERE id = ? AND outcome LIKE 'failed:%'").pluck();
  const setOutcome = db.prepare('UPDATE inbox SET outcome = ?, applied_at = ? WHERE id = ?');

  /** Staff retry a message HQ sent that could not be stored or applied. */
  function retryDeadLetter(id: number): { ok: boolean; outcome: string } {
    const row = link.deadLetters.open(id);
    if (!row) return { ok: false, outcome: 'no such unresolved dead letter' };
    const now = new Date().toISOString();
    let parsed: DownStreamMessage | null = null;
    try {
      const candidate = downStreamMessage.safeParse(JSON.parse(row.payload.toString('utf8')));
      parsed = candidate.success ? candidate.data : null;
    } catch {
      parsed = null;
    }
    // Stored but failed to apply: apply it again where it stands in the stream.
    if (parsed && failedInbox.get(parsed.id)) {
      try {
        const outcome = db.transaction(() => {
          const result = apply(parsed);
          setOutcome.run(result, now, parsed.id);
          link.deadLetters.resolve(id, now);
          return result;
        })();
        announceTouched(ports.emit);
        return { ok: true, outcome };
      } catch (error) {
        link.deadLetters.failedAgain(id, `retry failed: ${(error as Error).message}`);
        announceTouched(ports.emit);
        return { ok: false, outcome: (error as Error).message };
      }
    }
    const outcome = link.inbox.retry(id, row.topic, row.payload);
    if (outcome.kind !== 'dead-letter') link.deadLetters.resolve(id, now);
    announceTouched(ports.emit);
    return outcome.kind === 'dead-letter' ? { ok: false, outcome: outcome.reason } : { ok: true, outcome: outcome.kind };
  }

  link.onStatus((status) => ports.publish({ event: 'sync.changed', payload: status }));
  link.onStreamCommitted(() => announceTouched(ports.publish));

  let stopped = false;
  link.start();
  return {
    link,
    state,
    provisioning,
    retryDeadLetter,
    publishDigest,
    async stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe();
      clearInterval(safetyNet);
      pricesStopped = true;
      if (prices) clearTimeout(prices);
      clearInterval(digests);
      await link.stop();
    },
  };
}
export type StoreSync = ReturnType<typeof startStoreSync>;

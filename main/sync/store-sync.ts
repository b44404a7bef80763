import { randomUUID } from 'node:crypto';
import type { StoreCore } from '../store-core';
import { createHqLink, type HqLinkConfig } from './hq-link';
import { downStreamMessage, protocolVersion, topics, type DownStreamMessage } from './protocol';
import { stockDigest } from './stock-digest';
import { createStreamApplier } from './stream-appliers';
import { createSyncState } from './sync-state';
import { createStoreProvisioning } from './store-provisioning';

export interface StoreSyncOptions {
  digestEveryMs?: number;
  /** Fault-injection seam for tests: runs inside the inbox transaction, before a message is applied. */
  beforeApply?: (message: DownStreamMessage) => void;
  log?: (entry: Record<string, unknown>) => void;
}

/**
 * Connects an open store core to HQ: every committed change pokes the outbox
 * sender, HQ's stream is applied through the inbox, due price changes take
 * effect, and a stock digest goes up for reconciliation.
 */
export function startStoreSync(core: StoreCore, config: HqLinkConfig, { digestEveryMs = 5 * 60_000, beforeApply, log = () => {} }: StoreSyncOptions = {}) {
  const { db, catalog } = core.services;
  const state = createSyncState(db);
  const { movements, levels } = core.services;
  const applier = createStreamApplier(db, catalog, state, core.services.orders, {
    stock: { levelsAt: (location) => levels.levelsAt(location), append: (request) => movements.append(request) },
    station: config.station,
  });
  const provisioning = createStoreProvisioning(db, state);
  // Orders HQ touched; screens hear of them once the inbox has committed.
  const touchedOrders = new Set<string>();
  let stockTouched = false;
  const apply = (message: DownStreamMessage) => {
    beforeApply?.(message);
    if (message.type === 'order.new' || message.type === 'order.changed') touchedOrders.add(message.order.orderId);
    if (message.type === 'order.cancelled') touchedOrders.add(message.orderId);
    if (message.type === 'stock.snapshot' || message.type === 'catalog.snapshot') stockTouched = true;
    return applier.apply(message);
  };
  const link = createHqLink(db, config, apply, log, provisioning.status);
  const topic = topics(config.chain, config.store);

  // Every committed change pokes the sender; the link's own status events must not, or they would loop.
  const unsubscribe = core.api.subscribe((event) => {
    if (event.event !== 'sync.changed') link.poke();
  });
  const safetyNet = setInterval(() => link.poke(), 1000);
  const prices = setInterval(() => {
    if (applier.applyDuePrices() > 0) core.services.publish({ event: 'stock.changed', payload: { skus: [] } });
  }, 30_000);

  function publishDigest(): boolean {
    const status = link.status();
    // A digest is only comparable once HQ has everything it covers.
    if (status.state !== 'online' || status.backlog > 0) return false;
    const digest = stockDigest(db);
    const message = { v: protocolVersion, id: randomUUID(), at: new Date().toISOString(), type: 'digest', upToSeq: status.lastSeq, ...digest };
    link.publishRaw(topic.up('digest'), JSON.stringify(message));
    return true;
  }
  const digests = setInterval(publishDigest, digestEveryMs);
  for (const timer of [safetyNet, prices, digests]) timer.unref();

  const deadLetterById = db.prepare('SELECT topic, payload FROM dead_letters WHERE id = ? AND resolved_at IS NULL');
  const resolve = db.prepare('UPDATE dead_letters SET resolved_at = ?, retries = retries + 1 WHERE id = ?');
  const failedInbox = db.prepare("SELECT id FROM inbox WHERE id = ? AND outcome LIKE 'failed:%'").pluck();
  const setOutcome = db.prepare('UPDATE inbox SET outcome = ?, applied_at = ? WHERE id = ?');

  /** Staff retry a message HQ sent that could not be stored or applied. */
  function retryDeadLetter(id: number): { ok: boolean; outcome: string } {
    const row = deadLetterById.get(id) as { topic: string; payload: Buffer } | undefined;
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
          resolve.run(now, id);
          return result;
        })();
        core.services.emit({ event: 'stock.changed', payload: { skus: [] } });
        return { ok: true, outcome };
      } catch (error) {
        db.prepare('UPDATE dead_letters SET retries = retries + 1, reason = ? WHERE id = ?').run(`retry failed: ${(error as Error).message}`, id);
        return { ok: false, outcome: (error as Error).message };
      }
    }
    const outcome = link.inbox.retry(id, row.topic, row.payload);
    if (outcome.kind === 'dead-letter') return { ok: false, outcome: outcome.reason };
    resolve.run(now, id);
    return { ok: true, outcome: outcome.kind };
  }

  link.onStatus((status) => {
    core.services.publish({ event: 'sync.changed', payload: status });
    if (stockTouched) {
      stockTouched = false;
      core.services.publish({ event: 'stock.changed', payload: { skus: [] } });
    }
    if (touchedOrders.size > 0) {
      core.services.publish({ event: 'orders.changed', payload: { orderIds: [...touchedOrders] } });
      touchedOrders.clear();
    }
  });

  link.start();
  return {
    link,
    state,
    provisioning,
    retryDeadLetter,
    publishDigest,
    async stop() {
      unsubscribe();
      clearInterval(safetyNet);
      clearInterval(prices);
      clearInterval(digests);
      await link.stop();
    },
  };
}
export type StoreSync = ReturnType<typeof startStoreSync>;

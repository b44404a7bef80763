import { randomUUID } from 'node:crypto';
import type { StoreCore } from '../core/store-core';
import { createHqLink, type HqLinkConfig } from './hq-link';
import { protocolVersion, topics, type DownStreamMessage } from './protocol';
import { stockDigest } from './stock-digest';
import { createStreamApplier } from './stream-appliers';
import { createSyncState } from './sync-state';

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
  const applier = createStreamApplier(db, catalog, state);
  const apply = beforeApply
    ? (message: DownStreamMessage) => {
        beforeApply(message);
        return applier.apply(message);
      }
    : applier.apply;
  const link = createHqLink(db, config, apply, log);
  const topic = topics(config.chain, config.store);

  const unsubscribe = core.api.subscribe(() => link.poke());
  const safetyNet = setInterval(() => link.poke(), 1000);
  const prices = setInterval(() => {
    if (applier.applyDuePrices() > 0) core.services.emit({ event: 'stock.changed', payload: { skus: [] } });
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

  link.start();
  return {
    link,
    state,
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

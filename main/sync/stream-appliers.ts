import type { z } from 'zod';
import type { CatalogStore } from '../catalog/catalog-store';
import { normaliseBarcode } from '../catalog/barcode-normaliser';
import type { Db } from '../kernel/db/open-ledger';
import type { PickupOrders } from '../orders/pickup-orders';
import type { PriceChanges } from '../pricing/price-changes';
import type { catalogProduct, DownStreamMessage } from './protocol';
import type { SyncState } from './sync-state';

type Product = z.infer<typeof catalogProduct>;

export const versionKeys = { catalog: 'catalog_version', prices: 'prices_version', promotions: 'promotions_version' } as const;

/** What the sync room needs of the rooms whose data HQ's stream carries. */
export interface StreamPorts {
  catalog: Pick<CatalogStore, 'upsertProducts' | 'layouts' | 'deactivate' | 'activeSkus'>;
  orders: Pick<PickupOrders, 'receiveFromHq' | 'cancelledByHq'>;
  pricing: Pick<PriceChanges, 'queue' | 'applyDue' | 'replacePromotions'>;
}

/**
 * Applies HQ's stream through the rooms that own its data. Each call runs
 * inside the inbox's transaction; versions, not arrival order or clocks,
 * decide what wins. The sync room keeps only its own tables: snapshot chunks
 * in reassembly, and expected deliveries until a receiving room takes them.
 */
export function createStreamApplier(db: Db, state: SyncState, { catalog, orders, pricing }: StreamPorts, now: () => Date = () => new Date()) {
  const insertAsn = db.prepare(
    'INSERT OR IGNORE INTO expected_deliveries (asn_id, supplier, expected_at, lines_json, received_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertChunk = db.prepare(
    'INSERT OR REPLACE INTO catalog_snapshot_chunks (snapshot_id, chunk, chunks, version, products_json) VALUES (?, ?, ?, ?, ?)',
  );
  const chunksOf = db.prepare('SELECT products_json FROM catalog_snapshot_chunks WHERE snapshot_id = ? ORDER BY chunk').pluck();
  const dropChunks = db.prepare('DELETE FROM catalog_snapshot_chunks WHERE snapshot_id = ?');

  function storeProducts(products: Product[]) {
    catalog.upsertProducts(
      products.map(({ barcodes: _codes, ...p }) => p),
      products.flatMap((p) => p.barcodes.map((code) => ({ ...normaliseBarcode(code, catalog.layouts()), sku: p.sku }))),
    );
  }

  /** True when `version` is newer than what was applied (and records it). */
  function newer(key: string, version: number): boolean {
    if (version <= state.number(key, -1)) return false;
    state.setNumber(key, version);
    return true;
  }

  const apply = (m: DownStreamMessage): string => {
    switch (m.type) {
      case 'order.new':
      case 'order.changed':
        return orders.receiveFromHq(m.order);
      case 'order.cancelled':
        return orders.cancelledByHq(m.orderId, m.version, m.reason);
      case 'catalog.delta': {
        if (!newer(versionKeys.catalog, m.version)) return `stale: catalog v${m.version}`;
        storeProducts(m.products);
        for (const sku of m.removed) catalog.deactivate(sku);
        return `catalog v${m.version}: ${m.products.length} products, ${m.removed.length} removed`;
      }
      case 'catalog.snapshot': {
        if (m.version <= state.number(versionKeys.catalog, -1)) return `stale: snapshot v${m.version}`;
        insertChunk.run(m.snapshotId, m.chunk, m.chunks, m.version, JSON.stringify(m.products));
        const chunks = chunksOf.all(m.snapshotId) as string[];
        if (chunks.length < m.chunks) return `snapshot ${m.snapshotId}: chunk ${m.chunk + 1} of ${m.chunks} kept`;
        const products = chunks.flatMap((json) => JSON.parse(json) as Product[]);
        const present = new Set(products.map((p) => p.sku));
        storeProducts(products);
        for (const sku of catalog.activeSkus()) if (!present.has(sku)) catalog.deactivate(sku);
        dropChunks.run(m.snapshotId);
        state.setNumber(versionKeys.catalog, m.version);
        return `catalog snapshot v${m.version}: ${products.length} products`;
      }
      case 'prices': {
        if (!newer(versionKeys.prices, m.version)) return `stale: prices v${m.version}`;
        pricing.queue(m.version, m.prices, m.effectiveAt);
        return `prices v${m.version}: ${m.prices.length} queued, ${pricing.applyDue().length} applied now`;
      }
      case 'promotions': {
        if (!newer(versionKeys.promotions, m.version)) return `stale: promotions v${m.version}`;
        pricing.replacePromotions(m.version, m.promotions);
        return `promotions v${m.version}: ${m.promotions.length}`;
      }
      case 'asn':
        insertAsn.run(m.asnId, m.supplier, m.expectedAt, JSON.stringify(m.lines), now().toISOString());
        return `expected delivery ${m.asnId}`;
    }
  };

  return { apply };
}

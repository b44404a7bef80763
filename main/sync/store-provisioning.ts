import type { ProvisioningStatus, SnapshotProgress } from '../api/types';
import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../kernel/db/open-ledger';
import type { MovementLedger } from '../stock/movement-ledger';
import type { SyncState } from './sync-state';
import { versionKeys } from './stream-appliers';

/**
 * How far a store from zero has loaded HQ's catalog and opening stock, and whether it is ready
 * for orders: it has active products, some stock (a snapshot applied, or movements of its own:
 * the demo, a CSV import), and no snapshot half-received. The store tells HQ in its presence.
 */
export function createStoreProvisioning(
  db: Db,
  state: SyncState,
  { catalog: products, movements }: { catalog: Pick<CatalogStore, 'hasActiveProducts'>; movements: Pick<MovementLedger, 'hasMovements'> },
) {
  const catalogPending = db.prepare(
    'SELECT COUNT(*) AS received, MAX(chunks) AS chunks, MAX(total) AS total, COALESCE(SUM(json_array_length(products_json)), 0) AS items FROM catalog_snapshot_chunks',
  );
  const stockPending = db.prepare(
    'SELECT COUNT(*) AS received, MAX(chunks) AS chunks, MAX(total) AS total, COALESCE(SUM(json_array_length(levels_json)), 0) AS items FROM stock_snapshot_chunks',
  );

  function progress(pending: { received: number; chunks: number | null; total: number | null; items: number }, versionKey: string): SnapshotProgress {
    const applied = state.number(versionKey, -1);
    return {
      done: applied >= 0 && pending.received === 0,
      chunksReceived: pending.received,
      chunks: pending.chunks ?? 0,
      itemsReceived: pending.items,
      items: pending.total,
      version: applied >= 0 ? applied : null,
    };
  }

  function status(): ProvisioningStatus {
    const catalog = progress(catalogPending.get() as never, versionKeys.catalog);
    const stock = progress(stockPending.get() as never, versionKeys.stockSnapshot);
    const halfReceived = catalog.chunksReceived > 0 || stock.chunksReceived > 0;
    const ready = !halfReceived && products.hasActiveProducts() && (stock.done || movements.hasMovements());
    return { ready, catalog, stock };
  }

  return { status, ready: () => status().ready };
}
export type StoreProvisioning = ReturnType<typeof createStoreProvisioning>;

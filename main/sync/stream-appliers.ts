import type { z } from 'zod';
import type { CatalogStore } from '../catalog/catalog-store';
import { normaliseBarcode } from '../catalog/barcode-normaliser';
import type { Db } from '../kernel/db/open-ledger';
import type { catalogProduct, DownStreamMessage, pickupOrder, staffRecord } from './protocol';
import type { SyncState } from './sync-state';

type Product = z.infer<typeof catalogProduct>;
type Of<T extends DownStreamMessage['type']> = Extract<DownStreamMessage, { type: T }>;

export const versionKeys = { catalog: 'catalog_version', prices: 'prices_version', promotions: 'promotions_version' } as const;

/**
 * Applies HQ's stream to the ledger. Each call runs inside the inbox's
 * transaction; versions, not arrival order or clocks, decide what wins.
 */
/** What the pickup counter does with HQ's order messages (main/orders). */
export interface OrderSink {
  applyFromHq(order: z.infer<typeof pickupOrder>): void;
  cancelFromHq(orderId: string, reason: string): boolean;
}

/** What the staff room does with HQ's staff records (main/staff/staff-directory.ts). */
export interface StaffSink {
  applyFromHq(record: z.infer<typeof staffRecord>): string;
  deactivateFromHq(staffId: string, version: number): string;
}

export function createStreamApplier(
  db: Db,
  catalog: CatalogStore,
  state: SyncState,
  orders: OrderSink | null = null,
  now: () => Date = () => new Date(),
  staff: StaffSink | null = null,
) {
  const orderVersion = db.prepare('SELECT version, status FROM pickup_orders WHERE order_id = ?');
  const upsertOrder = db.prepare(
    `INSERT INTO pickup_orders (order_id, version, status, order_json, received_at, updated_at)
     VALUES (@orderId, @version, @status, @json, @at, @at)
     ON CONFLICT (order_id) DO UPDATE SET version = excluded.version, order_json = excluded.order_json,
       status = CASE WHEN @keepStatus THEN pickup_orders.status ELSE excluded.status END, updated_at = excluded.updated_at`,
  );
  const deactivate = db.prepare('UPDATE products SET active = 0 WHERE sku = ?');
  const insertPrice = db.prepare('INSERT INTO price_changes (version, sku, price_cents, effective_at) VALUES (?, ?, ?, ?)');
  const duePrices = db.prepare(
    'SELECT id, sku, price_cents FROM price_changes WHERE applied_at IS NULL AND effective_at <= ? ORDER BY effective_at, id',
  );
  const setPrice = db.prepare('UPDATE products SET price_cents = ? WHERE sku = ? AND price_cents <> ?');
  const markPriceApplied = db.prepare('UPDATE price_changes SET applied_at = ? WHERE id = ?');
  const queueLabel = db.prepare("INSERT INTO label_queue (sku, reason, queued_at) VALUES (?, 'price-change', ?)");
  const clearPromotions = db.prepare('DELETE FROM promotions');
  const insertPromotion = db.prepare('INSERT INTO promotions (id, version, promotion_json) VALUES (?, ?, ?)');
  const insertAsn = db.prepare(
    'INSERT OR IGNORE INTO expected_deliveries (asn_id, supplier, expected_at, lines_json, received_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertChunk = db.prepare(
    'INSERT OR REPLACE INTO catalog_snapshot_chunks (snapshot_id, chunk, chunks, version, products_json) VALUES (?, ?, ?, ?, ?)',
  );
  const chunksOf = db.prepare('SELECT products_json FROM catalog_snapshot_chunks WHERE snapshot_id = ? ORDER BY chunk').pluck();
  const dropChunks = db.prepare('DELETE FROM catalog_snapshot_chunks WHERE snapshot_id = ?');
  const skusAll = db.prepare('SELECT sku FROM products WHERE active = 1').pluck();

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

  function order(m: Of<'order.new'> | Of<'order.changed'>): string {
    const existing = orderVersion.get(m.order.orderId) as { version: number; status: string } | undefined;
    if (existing && existing.version >= m.order.version) return `stale: order ${m.order.orderId} v${m.order.version} ≤ v${existing.version}`;
    upsertOrder.run({
      orderId: m.order.orderId,
      version: m.order.version,
      status: 'received',
      // The customer's handover code is kept only hashed, by the orders room.
      json: JSON.stringify({ ...m.order, verification: undefined }),
      at: now().toISOString(),
      keepStatus: existing ? 1 : 0,
    });
    orders?.applyFromHq(m.order);
    return `order ${m.order.orderId} v${m.order.version} stored`;
  }

  function cancel(m: Of<'order.cancelled'>): string {
    const existing = orderVersion.get(m.orderId) as { version: number; status: string } | undefined;
    if (existing && existing.version >= m.version) return `stale: cancel of ${m.orderId} v${m.version}`;
    if (existing && orders) {
      db.prepare('UPDATE pickup_orders SET version = ? WHERE order_id = ?').run(m.version, m.orderId);
      orders.cancelFromHq(m.orderId, m.reason);
      return `order ${m.orderId} cancelled`;
    }
    // A cancellation for an order never seen is kept, so a late copy of the order stays cancelled.
    upsertOrder.run({
      orderId: m.orderId,
      version: m.version,
      status: 'cancelled',
      json: existing ? JSON.stringify({ cancelled: m.reason }) : JSON.stringify({ orderId: m.orderId, cancelled: m.reason }),
      at: now().toISOString(),
      keepStatus: 0,
    });
    return `order ${m.orderId} cancelled`;
  }

  /** Applies the price changes now due; returns the SKUs whose price changed. */
  function applyDuePrices(): string[] {
    const at = now().toISOString();
    const changed: string[] = [];
    for (const due of duePrices.all(at) as { id: number; sku: string; price_cents: number }[]) {
      if (setPrice.run(due.price_cents, due.sku, due.price_cents).changes > 0) {
        queueLabel.run(due.sku, at);
        changed.push(due.sku);
      }
      markPriceApplied.run(at, due.id);
    }
    return [...new Set(changed)];
  }

  const apply = (m: DownStreamMessage): string => {
    switch (m.type) {
      case 'order.new':
      case 'order.changed':
        return order(m);
      case 'order.cancelled':
        return cancel(m);
      case 'catalog.delta': {
        if (!newer(versionKeys.catalog, m.version)) return `stale: catalog v${m.version}`;
        storeProducts(m.products);
        for (const sku of m.removed) deactivate.run(sku);
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
        for (const sku of skusAll.all() as string[]) if (!present.has(sku)) deactivate.run(sku);
        dropChunks.run(m.snapshotId);
        state.setNumber(versionKeys.catalog, m.version);
        return `catalog snapshot v${m.version}: ${products.length} products`;
      }
      case 'prices': {
        if (!newer(versionKeys.prices, m.version)) return `stale: prices v${m.version}`;
        for (const p of m.prices) insertPrice.run(m.version, p.sku, p.priceCents, new Date(m.effectiveAt).toISOString()) // compared as UTC text;
        return `prices v${m.version}: ${m.prices.length} queued, ${applyDuePrices().length} applied now`;
      }
      case 'promotions': {
        if (!newer(versionKeys.promotions, m.version)) return `stale: promotions v${m.version}`;
        clearPromotions.run();
        for (const p of m.promotions) insertPromotion.run(p.id, m.version, JSON.stringify(p));
        return `promotions v${m.version}: ${m.promotions.length}`;
      }
      case 'asn':
        insertAsn.run(m.asnId, m.supplier, m.expectedAt, JSON.stringify(m.lines), now().toISOString());
        return `expected delivery ${m.asnId}`;
      case 'staff.upsert':
        return staff ? staff.applyFromHq(m.member) : 'ignored: no staff room';
      case 'staff.deactivate':
        return staff ? staff.deactivateFromHq(m.staffId, m.version) : 'ignored: no staff room';
    }
  };

  return { apply, applyDuePrices: db.transaction(applyDuePrices) };
}

import type { z } from 'zod';
import type { CatalogStore } from '../catalog/catalog-store';
import { normaliseBarcode } from '../catalog/barcode-normaliser';
import type { Db } from '../kernel/db/open-ledger';
import type { PickupOrders } from '../orders/pickup-orders';
import type { PriceChanges } from '../pricing/price-changes';
import type { MovementRequest } from '../stock/movement-ledger';
import type { catalogProduct, DownStreamMessage } from './protocol';
import type { SyncState } from './sync-state';
import { createPersonalDataPurge } from './personal-data-purge';
import type { StaffDirectory } from '../staff/staff-directory';
import type { ReceivingService } from '../receiving/receiving-service';
import type { StockTolerancesStore } from '../stock/tolerances';

type Product = z.infer<typeof catalogProduct>;

export const versionKeys = {
  catalog: 'catalog_version',
  prices: 'prices_version',
  promotions: 'promotions_version',
  stockSnapshot: 'stock_snapshot_version',
} as const;

/** What an opening-stock snapshot needs of the stock room (main/stock). */
export interface StockSink {
  levelsAt(location: string): Map<string, number>;
  append(request: MovementRequest): unknown;
}

/** Where HQ's relayed transfer messages go (main/transfers); each answers its inbox outcome. */
export interface TransferSink {
  incomingFromHq(transfer: Extract<DownStreamMessage, { type: 'transfer.incoming' }>['transfer']): string;
  receiptFromHq(receipt: Extract<DownStreamMessage, { type: 'transfer.receipt' }>['receipt']): string;
}

/** Where HQ's customer messages go (main/customers, issue 17). */
export interface CustomerSink {
  arrived(customerId: string, via: 'app', at: string): number;
  orderUpdated(customerId: string, order: Extract<DownStreamMessage, { type: 'customer.order-updated' }>['order']): boolean;
  /** Erases the room's own copies; returns the personal strings it held (name, phone…). */
  erase(customerId: string): string[];
}

/** What the sync room needs of the rooms whose data HQ's stream carries. */
export interface StreamPorts {
  catalog: Pick<CatalogStore, 'upsertProducts' | 'layouts' | 'deactivate' | 'activeSkus' | 'setCategorySettings'>;
  /** HQ's expected deliveries go to the receiving room; absent where none listens (benchmarks), an ASN is dead-lettered. */
  receiving?: Pick<ReceivingService, 'acceptAsn'> | null;
  orders: Pick<PickupOrders, 'receiveFromHq' | 'cancelledByHq'> & Partial<Pick<PickupOrders, 'anonymiseCustomer'>>;
  /** Customers' arrivals, order tracking and erasure (issue 17); absent where no customers room listens (benchmarks). */
  customers?: CustomerSink;
  /** After an erasure applied: the file is compacted once the inbox has committed. */
  onErased?: (customerId: string) => void;
  pricing: Pick<PriceChanges, 'queue' | 'applyDue' | 'replacePromotions' | 'observeCatalogPrices' | 'nextDueAt'>;
  /** Without it a stock snapshot cannot apply (and is dead-lettered for staff). */
  stock?: StockSink | null;
  /** The station the snapshot's movements are recorded at. */
  station?: string;
  /** HQ's staff records (issue 12); absent where no staff room listens (benchmarks). */
  staff?: Pick<StaffDirectory, 'applyFromHq' | 'deactivateFromHq'>;
  /** Transfers between stores (issue 13); absent where no transfers room listens (benchmarks). */
  transfers?: TransferSink;
  /** HQ's override of the stock documents' tolerances (issue 13); absent where no stock room keeps it (benchmarks). */
  tolerances?: Pick<StockTolerancesStore, 'applyFromHq'>;
  /** HQ's counter settings (issue 16: the exchange approval threshold); absent where no orders room keeps them (benchmarks). */
  counterSettings?: Pick<PickupOrders, 'settingsFromHq'>;
}

/**
 * Applies HQ's stream through the rooms that own its data. Each call runs
 * inside the inbox's transaction; versions, not arrival order or clocks,
 * decide what wins. The sync room keeps only its own tables: snapshot chunks
 * in reassembly.
 */
export function createStreamApplier(db: Db, state: SyncState, { catalog, orders, pricing, staff, transfers, receiving = null, tolerances, counterSettings, stock = null, station = 'hq', customers, onErased }: StreamPorts) {
  const personalData = createPersonalDataPurge(db);
  const insertChunk = db.prepare(
    'INSERT OR REPLACE INTO catalog_snapshot_chunks (snapshot_id, chunk, chunks, version, products_json, total) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const newestPendingCatalog = db.prepare('SELECT MAX(version) FROM catalog_snapshot_chunks').pluck();
  const dropOlderCatalogChunks = db.prepare('DELETE FROM catalog_snapshot_chunks WHERE version < ?');
  const insertStockChunk = db.prepare(
    `INSERT OR REPLACE INTO stock_snapshot_chunks (snapshot_id, chunk, chunks, version, locations_json, levels_json, total)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const newestPendingStock = db.prepare('SELECT MAX(version) FROM stock_snapshot_chunks').pluck();
  const dropOlderStockChunks = db.prepare('DELETE FROM stock_snapshot_chunks WHERE version < ?');
  const stockChunksOf = db.prepare('SELECT levels_json FROM stock_snapshot_chunks WHERE snapshot_id = ? ORDER BY chunk').pluck();
  const dropStockChunks = db.prepare('DELETE FROM stock_snapshot_chunks WHERE snapshot_id = ?');
  const chunksOf = db.prepare('SELECT products_json FROM catalog_snapshot_chunks WHERE snapshot_id = ? ORDER BY chunk').pluck();
  const dropChunks = db.prepare('DELETE FROM catalog_snapshot_chunks WHERE snapshot_id = ?');

  function storeProducts(products: Product[]) {
    pricing.observeCatalogPrices(products);
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

  /**
   * HQ's count of the store's sellable stock. Kept chunk by chunk until all are in, then each
   * level is brought to the count by one movement from or to `adjustment`, dated now: the ledger
   * stays double entry, HQ hears the movements on the uplink, and applying it again moves nothing.
   */
  function stockSnapshot(m: Extract<DownStreamMessage, { type: 'stock.snapshot' }>): string {
    const pending = (newestPendingStock.get() as number | null) ?? -1;
    if (m.version <= state.number(versionKeys.stockSnapshot, -1) || m.version < pending) return `stale: stock snapshot v${m.version}`;
    // A newer snapshot supersedes an older one still arriving: its chunks would never complete.
    dropOlderStockChunks.run(m.version);
    insertStockChunk.run(m.snapshotId, m.chunk, m.chunks, m.version, JSON.stringify(m.locations), JSON.stringify(m.levels), m.total ?? null);
    const chunks = stockChunksOf.all(m.snapshotId) as string[];
    if (chunks.length < m.chunks) return `stock snapshot ${m.snapshotId}: chunk ${m.chunk + 1} of ${m.chunks} kept`;
    if (!stock) throw new Error('this store cannot apply a stock snapshot (no stock room)');
    const levels = chunks.flatMap((json) => JSON.parse(json) as typeof m.levels);
    let moved = 0;
    for (const location of m.locations) {
      const counted = new Map(levels.filter((l) => l.location === location).map((l) => [l.sku, l.qty]));
      const current = stock.levelsAt(location);
      for (const sku of new Set([...counted.keys(), ...current.keys()])) {
        const delta = (counted.get(sku) ?? 0) - (current.get(sku) ?? 0);
        if (delta === 0) continue;
        const [from, to] = delta > 0 ? ['adjustment', location] : [location, 'adjustment'];
        stock.append({ sku, qty: Math.abs(delta), from: from!, to: to!, reason: 'opening-stock', ref: m.snapshotId, staff: 'hq', station });
        moved++;
      }
    }
    dropStockChunks.run(m.snapshotId);
    state.setNumber(versionKeys.stockSnapshot, m.version);
    return `stock snapshot v${m.version}: ${levels.length} levels, ${moved} movements`;
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
        if (m.categories) catalog.setCategorySettings(m.categories);
        for (const sku of m.removed) catalog.deactivate(sku);
        return `catalog v${m.version}: ${m.products.length} products, ${m.removed.length} removed`;
      }
      case 'catalog.snapshot': {
        const pending = (newestPendingCatalog.get() as number | null) ?? -1;
        if (m.version <= state.number(versionKeys.catalog, -1) || m.version < pending) return `stale: snapshot v${m.version}`;
        // A newer snapshot supersedes an older one still arriving: its chunks would never complete.
        dropOlderCatalogChunks.run(m.version);
        insertChunk.run(m.snapshotId, m.chunk, m.chunks, m.version, JSON.stringify(m.products), m.total ?? null);
        // Category settings are not part of the products' reassembly: each chunk's apply at once.
        if (m.categories) catalog.setCategorySettings(m.categories);
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
      case 'stock.snapshot':
        return stockSnapshot(m);
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
        if (!receiving) throw new Error('this store cannot apply an ASN (no receiving room)');
        return receiving.acceptAsn({ asnId: m.asnId, supplier: m.supplier, expectedAt: m.expectedAt, lines: m.lines, cartons: m.cartons ?? [] });
      case 'tolerances': {
        if (!tolerances) return 'ignored: no stock room';
        const { version, overReceiptPct, countVarianceUnits, countVariancePct } = m;
        return tolerances.applyFromHq({ version, overReceiptPct, countVarianceUnits, countVariancePct }) ? `tolerances v${version}` : `stale: tolerances v${version}`;
      }
      case 'store.settings':
        if (!counterSettings) return 'ignored: no orders room';
        return counterSettings.settingsFromHq({ version: m.version, exchangeApprovalCents: m.exchangeApprovalCents })
          ? `store settings v${m.version}`
          : `stale: store settings v${m.version}`;
      case 'staff.upsert':
        return staff ? staff.applyFromHq(m.member) : 'ignored: no staff room';
      case 'staff.deactivate':
        return staff ? staff.deactivateFromHq(m.staffId, m.version) : 'ignored: no staff room';
      case 'transfer.incoming':
        return transfers ? transfers.incomingFromHq(m.transfer) : 'ignored: no transfers room';
      case 'transfer.receipt':
        return transfers ? transfers.receiptFromHq(m.receipt) : 'ignored: no transfers room';
      case 'customer.arrived':
        if (!customers) return 'ignored: no customers room';
        return `arrival ${customers.arrived(m.customerId, 'app', m.checkedInAt)}`;
      case 'customer.order-updated':
        if (!customers) return 'ignored: no customers room';
        return customers.orderUpdated(m.customerId, m.order) ? `order ${m.order.orderId}: ${m.order.status}` : `order ${m.order.orderId}: not placed here, card updated`;
      case 'customer.erased': {
        // Every room that knew the customer gives up its copies and names the strings it held;
        // then the sync room's own copies of HQ's messages lose those strings too.
        const personal = [...(customers?.erase(m.customerId) ?? []), ...(orders.anonymiseCustomer?.(m.orderIds) ?? [])];
        const purged = personalData.purge(personal);
        onErased?.(m.customerId);
        return `erased: ${m.orderIds.length} orders, ${purged.inbox} inbox, ${purged.deadLetters} dead letters, ${purged.outbox} outbox, ${purged.audit} audit`;
      }
    }
  };

  return { apply };
}

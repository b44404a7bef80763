import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../kernel/db/open-ledger';

/**
 * HQ's price changes and promotions. A price change waits in price_changes until
 * it is due; when it changes a product's price, a shelf label is queued.
 * Owns price_changes, label_queue and promotions; prices themselves are the
 * catalog's.
 */
export function createPriceChanges(db: Db, catalog: Pick<CatalogStore, 'setPrice'>, now: () => Date = () => new Date()) {
  const insertPrice = db.prepare('INSERT INTO price_changes (version, sku, price_cents, effective_at) VALUES (?, ?, ?, ?)');
  const duePrices = db.prepare(
    'SELECT id, sku, price_cents FROM price_changes WHERE applied_at IS NULL AND effective_at <= ? ORDER BY effective_at, id',
  );
  const markPriceApplied = db.prepare('UPDATE price_changes SET applied_at = ? WHERE id = ?');
  const queueLabel = db.prepare("INSERT INTO label_queue (sku, reason, queued_at) VALUES (?, 'price-change', ?)");
  const clearPromotions = db.prepare('DELETE FROM promotions');
  const nextPrice = db.prepare(
    'SELECT price_cents AS priceCents, effective_at AS effectiveAt FROM price_changes WHERE sku = ? AND applied_at IS NULL ORDER BY effective_at, id LIMIT 1',
  );
  const insertPromotion = db.prepare('INSERT INTO promotions (id, version, promotion_json) VALUES (?, ?, ?)');

  /** Applies every change now due; returns the SKUs whose price changed. */
  function applyDue(): string[] {
    const at = now().toISOString();
    const changed: string[] = [];
    for (const due of duePrices.all(at) as { id: number; sku: string; price_cents: number }[]) {
      if (catalog.setPrice(due.sku, due.price_cents)) {
        queueLabel.run(due.sku, at);
        changed.push(due.sku);
      }
      markPriceApplied.run(at, due.id);
    }
    return changed;
  }

  return {
    /** Queues HQ's prices of one version; `effectiveAt` is compared as UTC text. */
    queue(version: number, prices: { sku: string; priceCents: number }[], effectiveAt: string): void {
      const at = new Date(effectiveAt).toISOString();
      for (const p of prices) insertPrice.run(version, p.sku, p.priceCents, at);
    },
    applyDue: db.transaction(applyDue),
    /** The first price change HQ sent for this SKU that is not yet in force, or null. */
    next: (sku: string): { priceCents: number; effectiveAt: string } | null =>
      (nextPrice.get(sku) as { priceCents: number; effectiveAt: string } | undefined) ?? null,
    /** HQ's promotions of one version replace the ones before. */
    replacePromotions(version: number, promotions: { id: string }[]): void {
      clearPromotions.run();
      for (const p of promotions) insertPromotion.run(p.id, version, JSON.stringify(p));
    },
  };
}
export type PriceChanges = ReturnType<typeof createPriceChanges>;

import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../kernel/db/open-ledger';
import type { OutboxWriter } from '../kernel/outbox-writer';
import { lowestPriceBefore, type PriceEntry } from './lowest-price';
import { activeAt, promotionPriceCents, type Promotion } from './promotion-price';
import type { ShelfLabelQueue } from './shelf-labels';

/** A promotion as the product view shows it, with the price it makes. */
export interface PromotionView {
  id: string;
  kind: Promotion['kind'];
  value: number;
  /** The unit price during the promotion; null for a multi-buy. */
  priceCents: number | null;
  startsAt: string;
  endsAt: string;
}

export interface PriceChangesPorts {
  catalog: Pick<CatalogStore, 'setPrice' | 'product'>;
  labels: Pick<ShelfLabelQueue, 'queue'>;
  outbox: Pick<OutboxWriter, 'append'>;
  now?: () => Date;
}

/**
 * HQ's price changes and promotions. A price change waits in price_changes until
 * it is due. A shelf label is queued as soon as a change is announced, so it can
 * be on the shelf before the price applies; on a reduction it carries the lowest
 * price of the 30 days before (the store's history, else HQ's reference, else it
 * says it is unknown and HQ is told).
 * Owns price_changes, promotions, price_history (and, through ShelfLabelQueue, label_queue);
 * prices themselves are the catalog's.
 */
export function createPriceChanges(db: Db, { catalog, labels, outbox, now = () => new Date() }: PriceChangesPorts) {
  const insertPrice = db.prepare('INSERT INTO price_changes (version, sku, price_cents, effective_at) VALUES (?, ?, ?, ?)');
  const duePrices = db.prepare(
    'SELECT id, sku, price_cents FROM price_changes WHERE applied_at IS NULL AND effective_at <= ? ORDER BY effective_at, id',
  );
  const markPriceApplied = db.prepare('UPDATE price_changes SET applied_at = ? WHERE id = ?');
  const nextPrice = db.prepare(
    'SELECT price_cents AS priceCents, effective_at AS effectiveAt FROM price_changes WHERE sku = ? AND applied_at IS NULL ORDER BY effective_at, id LIMIT 1',
  );
  const pendingBefore = db.prepare(
    'SELECT price_cents FROM price_changes WHERE sku = ? AND applied_at IS NULL AND effective_at < ? ORDER BY effective_at DESC, id DESC LIMIT 1',
  ).pluck();
  const nextDue = db.prepare('SELECT MIN(effective_at) FROM price_changes WHERE applied_at IS NULL').pluck();
  const allPromotions = db.prepare('SELECT promotion_json FROM promotions').pluck();
  const promotionJson = db.prepare('SELECT promotion_json FROM promotions WHERE id = ?').pluck();
  const clearPromotions = db.prepare('DELETE FROM promotions');
  const insertPromotion = db.prepare('INSERT INTO promotions (id, version, promotion_json) VALUES (?, ?, ?)');
  const historyOf = db.prepare('SELECT price_cents AS priceCents, from_at AS fromAt FROM price_history WHERE sku = ? ORDER BY from_at, id');
  const lastHistoryPrice = db.prepare('SELECT price_cents FROM price_history WHERE sku = ? ORDER BY from_at DESC, id DESC LIMIT 1').pluck();
  const insertHistory = db.prepare('INSERT INTO price_history (sku, price_cents, from_at) VALUES (?, ?, ?)');

  /** Records a shelf price from now, unless it already is the last one recorded. */
  function remember(sku: string, priceCents: number, at: string) {
    if (lastHistoryPrice.get(sku) !== priceCents) insertHistory.run(sku, priceCents, at);
  }

  /**
   * The reference for a reduction to `priceCents` at `effectiveAt`: the store's own 30-day lowest
   * where its history reaches back that far, else HQ's, else unknown (and HQ hears of it).
   */
  function reference(sku: string, priceCents: number, previousCents: number, effectiveAt: string, fromHq: number | undefined, promotionId: string | null) {
    const history = historyOf.all(sku) as PriceEntry[];
    const own = lowestPriceBefore(history, effectiveAt);
    if (own !== null) return { lowest30dCents: own, source: 'history' as const };
    if (fromHq !== undefined) return { lowest30dCents: fromHq, source: 'hq' as const };
    outbox.append(
      'price.reference-missing',
      { sku, priceCents, previousCents, effectiveAt, promotionId, historyFrom: history[0]?.fromAt ?? null },
      now().toISOString(),
    );
    return { lowest30dCents: null, source: 'unknown' as const };
  }

  /** The price in force just before `at`: the last change announced before it, else today's. */
  function priceBefore(sku: string, at: string): number | null {
    const pending = pendingBefore.get(sku, at) as number | undefined;
    return pending ?? catalog.product(sku)?.priceCents ?? null;
  }

  function announcePrice(version: number, p: { sku: string; priceCents: number; lowest30dCents?: number }, at: string) {
    const previous = priceBefore(p.sku, at);
    insertPrice.run(version, p.sku, p.priceCents, at);
    // A SKU the store does not sell has no shelf; the same price needs no new label.
    if (previous === null || previous === p.priceCents) return;
    const reduction = p.priceCents < previous ? reference(p.sku, p.priceCents, previous, at, p.lowest30dCents, null) : null;
    labels.queue({ sku: p.sku, priceCents: p.priceCents, previousCents: previous, effectiveAt: at, endsAt: null, promotionId: null, reference: reduction });
  }

  function announcePromotion(promotion: Promotion) {
    if (new Date(promotion.endsAt).getTime() <= now().getTime()) return;
    for (const sku of promotion.skus) {
      const base = priceBefore(sku, promotion.startsAt);
      if (base === null) continue;
      const price = promotionPriceCents(promotion, base);
      if (price === null || price === base) continue;
      const fromHq = promotion.references?.find((r) => r.sku === sku)?.lowest30dCents;
      const ref = price < base ? reference(sku, price, base, promotion.startsAt, fromHq, promotion.id) : null;
      labels.queue({ sku, priceCents: price, previousCents: base, effectiveAt: promotion.startsAt, endsAt: promotion.endsAt, promotionId: promotion.id, reference: ref });
    }
  }

  /** Applies every change now due; returns the SKUs whose price changed. */
  function applyDue(): string[] {
    const at = now().toISOString();
    const changed: string[] = [];
    for (const due of duePrices.all(at) as { id: number; sku: string; price_cents: number }[]) {
      if (catalog.setPrice(due.sku, due.price_cents)) {
        remember(due.sku, due.price_cents, at);
        changed.push(due.sku);
      }
      markPriceApplied.run(at, due.id);
    }
    return changed;
  }

  const promotions = (): Promotion[] => (allPromotions.all() as string[]).map((json) => JSON.parse(json) as Promotion);

  /** The promotion on this SKU in force at `at` that lowers its price most (a multi-buy when none does). */
  function promotionAt(sku: string, priceCents: number, at: Date): PromotionView | null {
    let best: PromotionView | null = null;
    for (const p of promotions()) {
      if (!p.skus.includes(sku) || !activeAt(p, at)) continue;
      const view: PromotionView = { id: p.id, kind: p.kind, value: p.value, priceCents: promotionPriceCents(p, priceCents), startsAt: p.startsAt, endsAt: p.endsAt };
      if (!best || (view.priceCents ?? Infinity) < (best.priceCents ?? Infinity)) best = view;
    }
    return best;
  }

  return {
    /** Queues HQ's prices of one version and their shelf labels; `effectiveAt` is compared as UTC text. */
    queue: db.transaction((version: number, prices: { sku: string; priceCents: number; lowest30dCents?: number }[], effectiveAt: string): void => {
      const at = new Date(effectiveAt).toISOString();
      for (const p of prices) announcePrice(version, p, at);
    }),
    applyDue: db.transaction(applyDue),
    /** When the next announced change falls due, or null. */
    nextDueAt: (): string | null => (nextDue.get() as string | null) ?? null,
    /** The first price change HQ sent for this SKU that is not yet in force, or null. */
    next: (sku: string): { priceCents: number; effectiveAt: string } | null =>
      (nextPrice.get(sku) as { priceCents: number; effectiveAt: string } | undefined) ?? null,
    /** HQ's promotions of one version replace the ones before; a new or changed one queues its labels. */
    replacePromotions: db.transaction((version: number, next: Promotion[]): void => {
      const changed = next.filter((p) => promotionJson.get(p.id) !== JSON.stringify(p));
      clearPromotions.run();
      for (const p of next) insertPromotion.run(p.id, version, JSON.stringify(p));
      for (const p of changed) announcePromotion(p);
    }),
    promotionAt,
    /** The catalog's prices as HQ set them: the start of the store's own price history. */
    observeCatalogPrices: (products: readonly { sku: string; priceCents: number }[]): void => {
      const at = now().toISOString();
      for (const p of products) remember(p.sku, p.priceCents, at);
    },
  };
}
export type PriceChanges = ReturnType<typeof createPriceChanges>;

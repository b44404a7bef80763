import type { LedgerCheck, LocationInfo } from '../api/types';
import type { Db } from '../kernel/db/open-ledger';
import { outboxStats } from '../kernel/outbox-writer';

/** Levels as the movements alone say they should be. */
const rebuiltLevelsSql = `
  SELECT sku, location, SUM(delta) AS qty FROM (
    SELECT sku, to_loc AS location, qty AS delta FROM movements
    UNION ALL
    SELECT sku, from_loc AS location, -qty AS delta FROM movements
  ) GROUP BY sku, location`;

export const defaultSafetyStockKey = 'safety_stock_default';

/** What stock levels need of the catalog room. */
export interface SafetyStockSource {
  safetyStock(sku: string): number | null;
}

export function createStockLevels(db: Db, locations: Map<string, LocationInfo>, catalog: SafetyStockSource) {
  const levels = db.prepare('SELECT location, qty FROM stock_levels WHERE sku = ?');
  const levelAt = db.prepare('SELECT qty FROM stock_levels WHERE sku = ? AND location = ?').pluck();
  const internalLevels = db.prepare(
    `SELECT s.sku, s.location, s.qty FROM stock_levels s JOIN locations l ON l.code = s.location
      WHERE l.kind = 'internal' AND s.qty <> 0`,
  );
  const reserved = db.prepare('SELECT COALESCE(SUM(qty), 0) FROM reservations WHERE sku = ?').pluck();
  const defaultSafety = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const internal = [...locations.values()].filter((l) => l.kind === 'internal');
  const atLocation = db.prepare('SELECT sku, qty FROM stock_levels WHERE location = ? AND qty <> 0');

  return {
    /** Units of a SKU at one location (0 where none ever were). */
    at: (sku: string, location: string): number => (levelAt.get(sku, location) as number | undefined) ?? 0,
    /** Every non-zero level at an internal location: what the stock digest for HQ covers. */
    internal: () => internalLevels.all() as { sku: string; location: string; qty: number }[],
    /** Every SKU with stock (positive or negative) at one location. */
    levelsAt(location: string): Map<string, number> {
      return new Map((atLocation.all(location) as { sku: string; qty: number }[]).map((r) => [r.sku, r.qty]));
    },
    /** The ledger's whole figure, for the rooms; screens read it through the stock read path (blind counts). */
    summary(sku: string): LedgerStockSummary {
      const bySku = new Map((levels.all(sku) as { location: string; qty: number }[]).map((r) => [r.location, r.qty]));
      const byLocation = internal.map((l) => ({ location: l.code, qty: bySku.get(l.code) ?? 0, sellable: l.sellable }));
      const onHand = byLocation.reduce((sum, l) => (l.sellable ? sum + l.qty : sum), 0);
      const open = reserved.get(sku) as number;
      const safety =
        catalog.safetyStock(sku) ?? Number(defaultSafety.get(defaultSafetyStockKey) ?? 0);
      return {
        sku,
        byLocation,
        onHand,
        held: (bySku.get('pickup_hold') ?? 0) + open,
        safetyStock: safety,
        atp: Math.max(0, onHand - open - safety),
      };
    },
  };
}
export type StockLevels = ReturnType<typeof createStockLevels>;

/** A SKU's stock as the ledger has it, every figure known. */
export interface LedgerStockSummary {
  sku: string;
  byLocation: { location: string; qty: number; sellable: boolean }[];
  onHand: number;
  held: number;
  safetyStock: number;
  atp: number;
}

/** Replaces every stock level with the sum of the movements. */
export function rebuildLevels(db: Db): number {
  return db.transaction(() => {
    db.prepare('DELETE FROM stock_levels').run();
    return db.prepare(`INSERT INTO stock_levels (sku, location, qty) ${rebuiltLevelsSql}`).run().changes;
  })();
}

/** Proves that stored levels equal a rebuild, and that the outbox has no gaps. */
export function checkLedger(db: Db): LedgerCheck {
  const mismatches = db
    .prepare(
      `WITH rebuilt AS (${rebuiltLevelsSql}),
       stored AS (SELECT sku, location, qty FROM stock_levels),
       pairs AS (
         SELECT s.sku, s.location, s.qty AS stored, COALESCE(r.qty, 0) AS rebuilt
           FROM stored s LEFT JOIN rebuilt r USING (sku, location)
         UNION ALL
         SELECT r.sku, r.location, 0 AS stored, r.qty AS rebuilt
           FROM rebuilt r LEFT JOIN stored s USING (sku, location) WHERE s.sku IS NULL
       )
       SELECT sku, location, stored, rebuilt FROM pairs WHERE stored <> rebuilt LIMIT 1000`,
    )
    .all() as LedgerCheck['mismatches'];
  const levelsChecked = db.prepare('SELECT COUNT(*) FROM stock_levels').pluck().get() as number;
  const movements = db.prepare('SELECT COUNT(*) FROM movements').pluck().get() as number;
  const outbox = outboxStats(db);
  const integrity = db.pragma('quick_check', { simple: true }) as string;
  return {
    ok: mismatches.length === 0 && outbox.gaps === 0 && integrity === 'ok',
    levelsChecked,
    mismatches,
    movements,
    outboxEvents: outbox.events,
    outboxGaps: outbox.gaps,
    integrity,
  };
}

import type { MovementInfo, Role, StockSummary } from '../api/types';
import type { MovementLedger } from './movement-ledger';
import type { StockLevels } from './stock-levels';

/**
 * Counting is blind in the data layer (issue 13): while a count is open for a location, the roles
 * that count cannot read what the ledger expects there. Managers and admins, who review and approve
 * counts, still can.
 */
export const countingRoles: readonly Role[] = ['associate', 'pickup'];

/** Where counts are open: the counts room answers it (main/counts). */
export interface BlindCountSource {
  /** The locations where an open count covers this SKU. */
  blindLocations(sku: string): ReadonlySet<string>;
}

/** Who is reading: their role, or null for a read nobody signed in made (none reach stock today). */
export type StockViewer = Role | null;

export const isBlindedViewer = (viewer: StockViewer): boolean => viewer === null || countingRoles.includes(viewer);

/**
 * The one way the console's procedures read stock quantities (stock.levels, catalog.lookup, the
 * product view, stock.history): every reader passes who is asking, so a count's blindness holds
 * for each of them without each remembering it.
 */
export function createStockReadPath(levels: Pick<StockLevels, 'summary'>, movements: Pick<MovementLedger, 'history'>, counts: BlindCountSource) {
  function hiddenFor(sku: string, viewer: StockViewer): ReadonlySet<string> {
    return isBlindedViewer(viewer) ? counts.blindLocations(sku) : new Set();
  }
  return {
    /** Whether any of this SKU's quantities is blind to this reader (HQ's figure for this store would give it away too). */
    isBlind: (sku: string, viewer: StockViewer): boolean => hiddenFor(sku, viewer).size > 0,
    summary(sku: string, viewer: StockViewer): StockSummary {
      const summary = levels.summary(sku);
      const hidden = hiddenFor(sku, viewer);
      if (hidden.size === 0) return summary;
      const byLocation = summary.byLocation.map((l) => (hidden.has(l.location) ? { ...l, qty: null } : l));
      // A total over a hidden location would give its quantity away by subtraction.
      const sellableHidden = byLocation.some((l) => l.qty === null && l.sellable);
      return {
        ...summary,
        byLocation,
        onHand: sellableHidden ? null : summary.onHand,
        atp: sellableHidden ? null : summary.atp,
        held: hidden.has('pickup_hold') ? null : summary.held,
      };
    },
    /** A location's movements add up to its quantity: while it is blind, they are left out for counters. */
    history(sku: string, limit: number, viewer: StockViewer, beforeSeq?: number): MovementInfo[] {
      const hidden = hiddenFor(sku, viewer);
      const all = movements.history(sku, limit, beforeSeq);
      return hidden.size === 0 ? all : all.filter((m) => !hidden.has(m.from) && !hidden.has(m.to));
    },
  };
}
export type StockReadPath = ReturnType<typeof createStockReadPath>;

import type { LocationInfo, MovementInfo } from '../api/types';
import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../kernel/db/open-ledger';
import { StoreError } from '../kernel/errors';
import { actorId, type HandlerContext, type HandlerMap } from '../kernel/handler-types';
import type { MovementLedger } from './movement-ledger';
import { checkLedger } from './stock-levels';
import type { StockReadPath } from './stock-read-path';

type Names = 'locations.list' | 'stock.levels' | 'stock.history' | 'stock.incoming' | 'stock.receive' | 'stock.transfer' | 'stock.adjust' | 'ledger.check';

function announce(ctx: HandlerContext, movement: MovementInfo): MovementInfo {
  ctx.emit({ event: 'stock.changed', payload: { skus: [movement.sku] } });
  return movement;
}

export interface StockPorts {
  /** The stock room's own tables, for the ledger check. */
  db: Db;
  locations: ReadonlyMap<string, LocationInfo>;
  movements: MovementLedger;
  /** Quantities as the reader may see them (blind counting). */
  reads: StockReadPath;
  catalog: Pick<CatalogStore, 'exists'>;
  incoming: IncomingStock;
}

/**
 * Units on their way to this store: expected deliveries (ASNs) not yet received and transfers
 * shipped to it. The receiving and transfers rooms answer (wired in compose-store.ts).
 */
export interface IncomingStock {
  incoming(sku: string): number;
}

export function stockHandlers({ db, locations, movements, reads, catalog, incoming }: StockPorts): HandlerMap<Names> {
  function known(sku: string): void {
    if (!catalog.exists(sku)) throw new StoreError('UNKNOWN_SKU', `There is no product with SKU "${sku}".`, { sku });
  }
  return {
    'locations.list': () => [...locations.values()],
    'stock.levels': (ctx, { sku }) => {
      known(sku);
      return reads.summary(sku, ctx.actor?.role ?? null);
    },
    'stock.history': (ctx, { sku, limit, beforeSeq }) => {
      known(sku);
      return reads.history(sku, limit ?? 50, ctx.actor?.role ?? null, beforeSeq);
    },
    'stock.incoming': (ctx, { sku }) => {
      known(sku);
      return { sku, incoming: incoming.incoming(sku) };
    },
    'stock.receive': (ctx, { sku, qty, to, ref, batch, expiry }) =>
      announce(
        ctx,
        movements.append({
          sku,
          qty,
          from: 'supplier',
          to: to ?? 'back_room',
          reason: 'receipt',
          ref: ref ?? null,
          staff: actorId(ctx),
          station: ctx.station,
          batch: batch ?? null,
          expiry: expiry ?? null,
        }),
      ),
    'stock.transfer': (ctx, { sku, qty, from, to, reason, ref }) =>
      announce(
        ctx,
        movements.append({
          sku,
          qty,
          from,
          to,
          reason: reason ?? 'transfer',
          ref: ref ?? null,
          staff: actorId(ctx),
          station: ctx.station,
        }),
      ),
    'stock.adjust': (ctx, { sku, qty, location, reason }) => {
      if (qty === 0) throw new StoreError('INVALID_QUANTITY', 'An adjustment of zero changes nothing.', { qty });
      const found = qty > 0;
      // "found" is the one reason stock appears; damage, expiry, theft, samples and own use remove it.
      if (found !== (reason === 'found')) {
        throw new StoreError('WRONG_ADJUSTMENT_SIGN', found ? `"${reason}" writes stock off: give a negative quantity.` : 'Found stock is added: give a positive quantity.', { reason, qty });
      }
      return announce(
        ctx,
        movements.append({
          sku,
          qty: Math.abs(qty),
          from: found ? 'adjustment' : location,
          to: found ? location : 'adjustment',
          reason,
          ref: ctx.approvedBy ? `approved-by:${ctx.approvedBy.id}` : null,
          staff: actorId(ctx),
          station: ctx.station,
        }),
      );
    },
    'ledger.check': () => checkLedger(db),
  };
}

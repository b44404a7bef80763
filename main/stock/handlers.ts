import type { MovementInfo } from '../api/types';
import { StoreError } from '../kernel/errors';
import { checkLedger } from './stock-levels';
import { actorId, type HandlerContext, type HandlerMap } from '../kernel/handler-types';

type Names = 'stock.levels' | 'stock.history' | 'stock.receive' | 'stock.transfer' | 'stock.adjust' | 'ledger.check';

function known(ctx: HandlerContext, sku: string): void {
  if (!ctx.services.catalog.product(sku)) {
    throw new StoreError('UNKNOWN_SKU', `There is no product with SKU "${sku}".`, { sku });
  }
}

function announce(ctx: HandlerContext, movement: MovementInfo): MovementInfo {
  ctx.services.emit({ event: 'stock.changed', payload: { skus: [movement.sku] } });
  return movement;
}

export const stockHandlers: HandlerMap<Names> = {
  'stock.levels': (ctx, { sku }) => {
    known(ctx, sku);
    return ctx.services.levels.summary(sku);
  },
  'stock.history': (ctx, { sku, limit }) => {
    known(ctx, sku);
    return ctx.services.movements.history(sku, limit ?? 50);
  },
  'stock.receive': (ctx, { sku, qty, to, ref }) =>
    announce(
      ctx,
      ctx.services.movements.append({
        sku,
        qty,
        from: 'supplier',
        to: to ?? 'back_room',
        reason: 'receipt',
        ref: ref ?? null,
        staff: actorId(ctx),
        station: ctx.station,
      }),
    ),
  'stock.transfer': (ctx, { sku, qty, from, to, reason, ref }) =>
    announce(
      ctx,
      ctx.services.movements.append({
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
    return announce(
      ctx,
      ctx.services.movements.append({
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
  'ledger.check': ({ services }) => checkLedger(services.db),
};

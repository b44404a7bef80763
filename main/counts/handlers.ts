import type { CountInfo } from '../api/types';
import { actorId, type HandlerContext, type HandlerMap } from '../kernel/handler-types';
import type { StockCounts } from './stock-counts';

type Names = 'counts.list' | 'counts.detail' | 'counts.create' | 'counts.scan' | 'counts.submit' | 'counts.approve' | 'counts.cancel';

const actor = (ctx: HandlerContext) => ({ staff: actorId(ctx), station: ctx.station });
const viewer = (ctx: HandlerContext) => ctx.actor?.role ?? null;

/**
 * Screens re-read the count; and since a count opening or closing changes what counters may read
 * of its products' stock (blind counting), their stock reads are re-read too.
 */
function changed<T extends Pick<CountInfo, 'countId'>>(ctx: HandlerContext, counts: Pick<StockCounts, 'skusOf'>, result: T, stockToo: boolean): T {
  ctx.emit({ event: 'counts.changed', payload: { countIds: [result.countId] } });
  const skus = stockToo ? counts.skusOf(result.countId) : [];
  if (skus.length > 0) ctx.emit({ event: 'stock.changed', payload: { skus } });
  return result;
}

export function countHandlers({ counts }: { counts: StockCounts }): HandlerMap<Names> {
  return {
    'counts.list': (_ctx, { status, before, limit }) => counts.list(status, { before, limit }),
    'counts.detail': (ctx, { countId }) => counts.detail(countId, viewer(ctx)),
    'counts.create': (ctx, request) => changed(ctx, counts, counts.create(request, actorId(ctx)), true),
    'counts.scan': (ctx, { countId, code, symbology, qty }) =>
      changed(ctx, counts, counts.scan(countId, { text: code, symbology: symbology ?? null }, qty ?? 1, actor(ctx), viewer(ctx)), false),
    'counts.submit': (ctx, { countId }) => changed(ctx, counts, counts.submit(countId, actor(ctx), viewer(ctx)), true),
    // The manager who approved the call in place, or the signed-in manager, closes the count.
    'counts.approve': (ctx, { countId, reasonCode }) =>
      changed(ctx, counts, counts.approve(countId, reasonCode, { staff: ctx.approvedBy?.id ?? actorId(ctx), station: ctx.station }, viewer(ctx)), true),
    'counts.cancel': (ctx, { countId }) => changed(ctx, counts, counts.cancel(countId, actor(ctx)), true),
  };
}

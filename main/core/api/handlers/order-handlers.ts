import type { OrderInfo } from '../../../api/types';
import { actorId, type HandlerContext, type HandlerMap } from '../handler-types';

type Names =
  | 'orders.queue'
  | 'orders.detail'
  | 'orders.find'
  | 'orders.accept'
  | 'orders.reject'
  | 'orders.pick'
  | 'orders.short'
  | 'orders.ready'
  | 'orders.handover'
  | 'orders.cancel'
  | 'orders.return';

const actor = (ctx: HandlerContext) => ({ staff: actorId(ctx), station: ctx.station });

/** Tells every screen the order changed, once the command has committed. */
function changed<T extends OrderInfo | { order: OrderInfo }>(ctx: HandlerContext, result: T): T {
  const order: OrderInfo = 'order' in result ? result.order : result;
  ctx.services.emit({ event: 'orders.changed', payload: { orderIds: [order.orderId] } });
  ctx.services.emit({ event: 'stock.changed', payload: { skus: order.lines.map((l) => l.sku) } });
  return result;
}

export const orderHandlers: HandlerMap<Names> = {
  'orders.queue': ({ services }, filter) => services.orders.queue(filter),
  'orders.detail': ({ services }, { orderId }) => services.orders.detail(orderId),
  'orders.find': ({ services }, { code }) => services.orders.detail(services.orders.find(code)),
  'orders.accept': (ctx, { orderId }) => changed(ctx, ctx.services.orders.accept(orderId, actor(ctx))),
  'orders.reject': (ctx, { orderId, reason }) => changed(ctx, ctx.services.orders.reject(orderId, reason, actor(ctx))),
  'orders.pick': (ctx, { orderId, code }) => changed(ctx, ctx.services.orders.pick(orderId, code, actor(ctx))),
  'orders.short': (ctx, { orderId, lineId, qty, reason }) => changed(ctx, ctx.services.orders.markShort(orderId, lineId, qty, reason, actor(ctx))),
  'orders.ready': (ctx, { orderId }) => changed(ctx, ctx.services.orders.ready(orderId, actor(ctx))),
  'orders.handover': (ctx, { orderId, ...input }) => changed(ctx, ctx.services.orders.handover(orderId, input, actor(ctx))),
  'orders.cancel': (ctx, { orderId, reason }) => changed(ctx, ctx.services.orders.cancel(orderId, reason, actor(ctx))),
  'orders.return': (ctx, { orderId, ...input }) => {
    const result = ctx.services.orders.recordReturn(orderId, input, actor(ctx));
    changed(ctx, ctx.services.orders.detail(orderId));
    return result;
  },
};

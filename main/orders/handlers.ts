import type { OrderInfo } from '../api/types';
import { handoverReceipt, orderReturnReceipt, orderSlip, type DocumentContext } from '../printing/order-documents';
import { roleSatisfies } from '../staff/staff-directory';
import { actorId, type HandlerContext, type HandlerMap } from '../kernel/handler-types';

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
  | 'orders.return'
  | 'orders.exchange';

const actor = (ctx: HandlerContext) => ({ staff: actorId(ctx), station: ctx.station });

/** Tells every screen the order changed, once the command has committed. */
function changed<T extends OrderInfo | { order: OrderInfo }>(ctx: HandlerContext, result: T): T {
  const order: OrderInfo = 'order' in result ? result.order : result;
  ctx.services.emit({ event: 'orders.changed', payload: { orderIds: [order.orderId] } });
  ctx.services.emit({ event: 'stock.changed', payload: { skus: order.lines.map((l) => l.sku) } });
  return result;
}

/**
 * Who stands behind a handover past the wrong-code limit: a manager who approved
 * this call, or the signed-in member when they are one themself.
 */
function managerApproval(ctx: HandlerContext): string | null {
  const manager = [ctx.approvedBy, ctx.actor].find((member) => member && roleSatisfies(member.role, 'manager'));
  return manager?.id ?? null;
}

function documentContext(ctx: HandlerContext): DocumentContext {
  const { catalog, session } = ctx.services;
  return { language: ctx.services.paperLanguage, storeName: session.info().store, staffName: ctx.actor?.name ?? '', at: new Date(), product: (sku) => catalog.product(sku) };
}

/**
 * The job is recorded in the command's own transaction: an order is never
 * "ready" without its slip on the way, and a rolled-back command prints nothing.
 */
function print(ctx: HandlerContext, kind: string, layout: Parameters<NonNullable<HandlerContext['services']['printing']>['print']>[2]) {
  ctx.services.printing?.print('counter', kind, layout, actorId(ctx));
}

export const orderHandlers: HandlerMap<Names> = {
  'orders.queue': ({ services }, filter) => services.orders.queue(filter),
  'orders.detail': ({ services }, { orderId }) => services.orders.detail(orderId),
  'orders.find': ({ services }, { code }) => services.orders.detail(services.orders.find(code)),
  'orders.accept': (ctx, { orderId }) => changed(ctx, ctx.services.orders.accept(orderId, actor(ctx))),
  'orders.reject': (ctx, { orderId, reason }) => changed(ctx, ctx.services.orders.reject(orderId, reason, actor(ctx))),
  'orders.pick': (ctx, { orderId, code, symbology }) => changed(ctx, ctx.services.orders.pick(orderId, { text: code, symbology: symbology ?? null }, actor(ctx))),
  'orders.short': (ctx, { orderId, lineId, qty, reason }) => changed(ctx, ctx.services.orders.markShort(orderId, lineId, qty, reason, actor(ctx))),
  'orders.ready': (ctx, { orderId }) => {
    const order = ctx.services.orders.ready(orderId, actor(ctx));
    print(ctx, 'pickup-slip', orderSlip(order, ctx.services.paperLanguage));
    return changed(ctx, order);
  },
  'orders.handover': (ctx, { orderId, ...input }) => {
    const order = ctx.services.orders.handover(orderId, input, actor(ctx), managerApproval(ctx));
    print(ctx, 'handover-receipt', handoverReceipt(order, documentContext(ctx)));
    return changed(ctx, order);
  },
  'orders.cancel': (ctx, { orderId, reason }) => changed(ctx, ctx.services.orders.cancel(orderId, reason, actor(ctx))),
  'orders.return': (ctx, { orderId, ...input }) => {
    const result = ctx.services.orders.recordReturn(orderId, input, actor(ctx));
    const order = ctx.services.orders.detail(orderId);
    print(ctx, 'return-receipt', orderReturnReceipt(order, { ...result, refundMethod: input.refundMethod, lines: input.lines }, documentContext(ctx)));
    changed(ctx, order);
    return result;
  },
  'orders.exchange': (ctx, { orderId, lines, newLines }) => {
    const result = ctx.services.orders.exchange(orderId, { lines, newLines }, actor(ctx));
    const original = ctx.services.orders.detail(orderId);
    print(ctx, 'return-receipt', orderReturnReceipt(original, { returnId: result.returnId, refundMethod: 'exchange', lines }, documentContext(ctx)));
    changed(ctx, original);
    changed(ctx, ctx.services.orders.detail(result.orderId));
    return result;
  },
};

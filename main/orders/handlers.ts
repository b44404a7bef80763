import type { LegalIdentity, OrderInfo, PrintableDocument } from '../api/types';
import type { CatalogStore } from '../catalog/catalog-store';
import type { DocumentPrinter } from '../printing/document-printer';
import type { PickupOrders } from './pickup-orders';
import { deliveryNoteOf, orderReturnReceipt, orderSlip, type DocumentContext } from '../printing/order-documents';
import { roleSatisfies } from '../staff/staff-directory';
import { actorId, type HandlerContext, type HandlerMap } from '../kernel/handler-types';

type Names =
  | 'orders.queue'
  | 'orders.queueRows'
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
  | 'orders.exchange'
  | 'orders.exchangeQuote';

const actor = (ctx: HandlerContext) => ({ staff: actorId(ctx), station: ctx.station, approvedBy: ctx.approvedBy?.id ?? null });

/** Tells every screen the order changed, once the command has committed. */
function changed<T extends OrderInfo | { order: OrderInfo }>(ctx: HandlerContext, result: T): T {
  const order: OrderInfo = 'order' in result ? result.order : result;
  ctx.emit({ event: 'orders.changed', payload: { orderIds: [order.orderId] } });
  ctx.emit({ event: 'stock.changed', payload: { skus: order.lines.map((l) => l.sku) } });
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

export interface OrderHandlerPorts {
  orders: PickupOrders;
  catalog: Pick<CatalogStore, 'product'>;
  /** Prints at the station the command came from (main/printing/document-printer.ts). */
  documents: DocumentPrinter;
  /** The store's name, printed on receipts. */
  storeName(): string;
  /** Who issues the store's documents: legal name, address and tax id (main/setup's configuration). */
  legal(): LegalIdentity;
  /** Cash moved: the end-of-day summary's screens re-read (the cash room's event). */
  cashDay(): string;
  /** The language receipts and slips are printed in (IT's policy locale). */
  paperLanguage: 'es' | 'en';
}

export function orderHandlers({ orders, catalog, documents, storeName, legal, cashDay, paperLanguage }: OrderHandlerPorts): HandlerMap<Names> {
  function documentContext(ctx: HandlerContext): DocumentContext {
    return { language: paperLanguage, storeName: storeName(), legal: legal(), staffName: ctx.actor?.name ?? '', at: new Date(), product: (sku) => catalog.product(sku) };
  }

  /**
   * The job is recorded in the command's own transaction: an order is never
   * "ready" without its slip on the way, and a rolled-back command prints nothing.
   */
  function print(ctx: HandlerContext, kind: string, document: PrintableDocument) {
    documents.print(ctx, kind, document);
  }

  return {
    'orders.queue': (_ctx, filter) => orders.queue(filter),
    'orders.queueRows': (_ctx, { ids, ...filter }) => orders.queueRowsOf(ids, filter),
    'orders.detail': (_ctx, { orderId }) => orders.detail(orderId),
    'orders.find': (_ctx, { code }) => orders.detail(orders.find(code)),
    'orders.accept': (ctx, { orderId }) => changed(ctx, orders.accept(orderId, actor(ctx))),
    'orders.reject': (ctx, { orderId, reason }) => changed(ctx, orders.reject(orderId, reason, actor(ctx))),
    'orders.pick': (ctx, { orderId, code, symbology }) => changed(ctx, orders.pick(orderId, { text: code, symbology: symbology ?? null }, actor(ctx))),
    'orders.short': (ctx, { orderId, lineId, qty, reason }) => changed(ctx, orders.markShort(orderId, lineId, qty, reason, actor(ctx))),
    'orders.ready': (ctx, { orderId }) => {
      const order = orders.ready(orderId, actor(ctx));
      print(ctx, 'pickup-slip', orderSlip(order, paperLanguage));
      return changed(ctx, order);
    },
    'orders.handover': (ctx, { orderId, ...input }) => {
      const order = orders.handover(orderId, input, actor(ctx), managerApproval(ctx));
      print(ctx, 'handover-receipt', deliveryNoteOf(order, documentContext(ctx)));
      return changed(ctx, order);
    },
    'orders.cancel': (ctx, { orderId, reason }) => changed(ctx, orders.cancel(orderId, reason, actor(ctx))),
    'orders.return': (ctx, { orderId, ...input }) => {
      const result = orders.recordReturn(orderId, input, actor(ctx));
      const order = orders.detail(orderId);
      print(ctx, 'return-receipt', orderReturnReceipt(order, { ...result, refundMethod: input.refundMethod, lines: input.lines }, documentContext(ctx)));
      changed(ctx, order);
      return result;
    },
    'orders.exchangeQuote': (_ctx, { orderId, lines, newLines }) => orders.exchangeQuote(orderId, { lines, newLines }),
    'orders.exchange': (ctx, { orderId, lines, newLines, settlement }) => {
      const { quote, ...result } = orders.exchange(orderId, { lines, newLines, ...(settlement ? { settlement } : {}) }, actor(ctx));
      const original = orders.detail(orderId);
      print(
        ctx,
        'return-receipt',
        orderReturnReceipt(
          original,
          { returnId: result.returnId, refundMethod: 'exchange', lines, exchange: { newOrderId: result.orderId, quote, settlement: result.settlement, method: result.method } },
          documentContext(ctx),
        ),
      );
      changed(ctx, original);
      changed(ctx, orders.detail(result.orderId));
      if (result.method === 'cash') ctx.emit({ event: 'cash.changed', payload: { days: [cashDay()] } });
      return result;
    },
  };
}

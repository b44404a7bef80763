// What the pickup counter prints, laid out from an order and the catalog.
// Online orders are paid before pickup: the handover receipt lists what the
// customer took and says it was paid online; it never opens the drawer.
import type { PrinterProfile } from '../../drivers/printer/printer-profile';
import { pickupSlip, returnReceipt, saleReceipt } from '../../drivers/printer/receipt-layouts';
import { receiptWords, type ReceiptLanguage } from '../../drivers/printer/receipt-words';
import type { OrderInfo, PrintableDocument } from '../api/types';

export interface DocumentContext {
  /** The paper's language (IT's policy `locale`; Spanish by default). */
  language: ReceiptLanguage;
  storeName: string;
  staffName: string;
  /** Local time as staff and customers read it. */
  at: Date;
  product: (sku: string) => { name: string; priceCents: number } | null;
}

const stamp = (at: Date, language: ReceiptLanguage = 'es') =>
  at.toLocaleString(language === 'en' ? 'en-GB' : 'es-ES', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

const nameOf = (ctx: DocumentContext, sku: string) => ctx.product(sku)?.name ?? sku;

/** One slip per order (bags are counted at the counter, later). */
export function orderSlip(order: OrderInfo, language: ReceiptLanguage): PrintableDocument {
  return {
    layout: 'pickup-slip',
    data: {
      language,
      orderId: order.orderId,
      customerName: order.customerName ?? '',
      ...(order.promisedAt ? { promisedAt: stamp(new Date(order.promisedAt), language) } : {}),
      bag: 1,
      bags: 1,
    },
  };
}

export function handoverReceipt(order: OrderInfo, ctx: DocumentContext): PrintableDocument {
  const lines = order.lines
    .map((l) => ({ sku: l.sku, qty: l.picked - l.refused }))
    .filter((l) => l.qty > 0)
    .map((l) => ({ name: nameOf(ctx, l.sku), qty: l.qty, unitPriceCents: ctx.product(l.sku)?.priceCents ?? 0 }));
  const totalCents = lines.reduce((sum, l) => sum + l.qty * l.unitPriceCents, 0);
  return {
    layout: 'sale-receipt',
    data: {
      language: ctx.language,
      storeName: ctx.storeName,
      number: order.orderId,
      at: stamp(ctx.at, ctx.language),
      staff: ctx.staffName,
      lines,
      totalCents,
      payment: { method: receiptWords[ctx.language].paidOnline },
      orderId: order.orderId,
      footer: [receiptWords[ctx.language].thanks],
    },
  };
}

export function orderReturnReceipt(
  order: OrderInfo,
  ret: { returnId: string; refundMethod: string; lines: { lineId: string; qty: number; reason: string }[] },
  ctx: DocumentContext,
): PrintableDocument {
  const lines = ret.lines.map((r) => {
    const sku = order.lines.find((l) => l.lineId === r.lineId)?.sku ?? r.lineId;
    return { name: nameOf(ctx, sku), qty: r.qty, refundCents: r.qty * (ctx.product(sku)?.priceCents ?? 0), reason: r.reason };
  });
  return {
    layout: 'return-receipt',
    data: {
      language: ctx.language,
      storeName: ctx.storeName,
      returnId: ret.returnId,
      orderId: order.orderId,
      at: stamp(ctx.at, ctx.language),
      staff: ctx.staffName,
      lines,
      refundMethod: ret.refundMethod,
    },
  };
}

/** A document's bytes for one printer's profile: rendered where it is printed. */
export function renderDocument(document: PrintableDocument): (profile: PrinterProfile) => Uint8Array {
  switch (document.layout) {
    case 'pickup-slip':
      return (profile) => pickupSlip(profile, document.data);
    case 'sale-receipt':
      return (profile) => saleReceipt(profile, document.data);
    case 'return-receipt':
      return (profile) => returnReceipt(profile, document.data);
  }
}

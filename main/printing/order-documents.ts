// What the pickup counter prints, laid out from an order and the catalog.
// Online orders are paid before pickup: the delivery note at handover lists what
// the customer took, what could not be supplied, and says it was paid online; it
// never opens the drawer. These are documents the customer keeps, issued in the
// store's legal name; the fiscal invoice is HQ's (docs/decisions.md).
import type { PrinterProfile } from '../../drivers/printer/printer-profile';
import { deliveryNote, pickupSlip, returnReceipt, saleReceipt } from '../../drivers/printer/receipt-layouts';
import { receiptWords, type ReceiptLanguage } from '../../drivers/printer/receipt-words';
import type { ExchangeQuote, ExchangeSettlement, LegalIdentity, OrderInfo, PrintableDocument, SettlementMethod } from '../api/types';

export interface DocumentContext {
  /** The paper's language (IT's policy `locale`; Spanish by default). */
  language: ReceiptLanguage;
  storeName: string;
  /** Who issues the document: the store's legal name, address and tax id (IT's configuration). */
  legal: LegalIdentity;
  staffName: string;
  /** Local time as staff and customers read it. */
  at: Date;
  product: (sku: string) => { name: string; priceCents: number; taxRateBp: number } | null;
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

/**
 * The delivery note at handover: each line at the price the customer paid (HQ's; today's catalog
 * price where HQ sent none) with its VAT rate, and every unit not supplied on its own line, marked
 * short-picked or refused, so the customer's paper says what they did not get.
 */
export function deliveryNoteOf(order: OrderInfo & { customerName?: string | null }, ctx: DocumentContext): PrintableDocument {
  const lines = order.lines.map((l) => {
    const product = ctx.product(l.sku);
    return {
      name: nameOf(ctx, l.sku),
      sku: l.sku,
      qty: Math.max(0, l.picked - l.refused),
      unitPriceCents: l.unitPriceCents ?? product?.priceCents ?? 0,
      vatRateBp: l.vatRateBp ?? product?.taxRateBp ?? 0,
      ...(l.shortQty > 0 ? { shortQty: l.shortQty } : {}),
      ...(l.refused > 0 ? { refusedQty: l.refused } : {}),
    };
  });
  return {
    layout: 'delivery-note',
    data: {
      language: ctx.language,
      legal: ctx.legal,
      storeName: ctx.storeName,
      orderId: order.orderId,
      at: stamp(ctx.at, ctx.language),
      staff: ctx.staffName,
      ...(order.customerName ? { customerName: order.customerName } : {}),
      lines,
      paymentNote: receiptWords[ctx.language].paidOnline,
    },
  };
}

export function orderReturnReceipt(
  order: OrderInfo,
  ret: {
    returnId: string;
    refundMethod: string;
    lines: { lineId: string; qty: number; reason: string }[];
    /** An exchange: the priced replacements and how the difference was settled. */
    exchange?: { newOrderId: string; quote: ExchangeQuote; settlement: ExchangeSettlement; method: SettlementMethod | null };
  },
  ctx: DocumentContext,
): PrintableDocument {
  // Refunded at what the customer paid for the line, as the exchange values it.
  const lines = ret.lines.map((r) => {
    const line = order.lines.find((l) => l.lineId === r.lineId);
    const sku = line?.sku ?? r.lineId;
    const product = ctx.product(sku);
    const unit = line?.unitPriceCents ?? product?.priceCents ?? 0;
    return { name: nameOf(ctx, sku), qty: r.qty, refundCents: r.qty * unit, reason: r.reason, vatRateBp: line?.vatRateBp ?? product?.taxRateBp ?? 0 };
  });
  const exchange = ret.exchange
    ? {
        newOrderId: ret.exchange.newOrderId,
        lines: ret.exchange.quote.taken.map((t) => ({ name: t.name, qty: t.qty, unitPriceCents: t.unitPriceCents, vatRateBp: t.vatRateBp })),
        differenceCents: ret.exchange.quote.differenceCents,
        settlement: ret.exchange.settlement,
        method: ret.exchange.method,
      }
    : null;
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
      legal: ctx.legal,
      ...(exchange ? { exchange } : {}),
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
    case 'delivery-note':
      return (profile) => deliveryNote(profile, document.data);
    case 'return-receipt':
      return (profile) => returnReceipt(profile, document.data);
  }
}

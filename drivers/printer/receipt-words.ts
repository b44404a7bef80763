// The words printed on receipts, slips and labels, in the station's language
// (the console's UI language is the renderer's business; paper follows IT's policy).

export type ReceiptLanguage = 'es' | 'en';

export interface ReceiptWords {
  handover(orderId: string): string;
  sale: string;
  number(n: string): string;
  servedBy(staff: string): string;
  total: string;
  change: string;
  pickupAt(when: string): string;
  bag(n: number, of: number): string;
  return: string;
  order(orderId: string): string;
  refund: string;
  refundMethod: string;
  signature: string;
  units: string;
  paidOnline: string;
  thanks: string;
  /** Every refund method the contract names (main/printing checks), and an exchange's. */
  refundMethods: Record<'card' | 'cash' | 'store-credit' | 'original-payment' | 'exchange', string>;
  returnReasons: Record<string, string>;
  /** What each document is, printed as its title (issue 16). */
  deliveryNote: string;
  returnNote: string;
  exchangeNote: string;
  taxId(id: string): string;
  storeRef(store: string): string;
  customer(name: string): string;
  vat(rate: string): string;
  vatBase(rate: string): string;
  /** A line's units that could not be supplied: short-picked, or refused at the counter. */
  notSupplied(qty: number): string;
  refusedAtCounter(qty: number): string;
  notInvoice: string;
  newItems(orderId: string): string;
  difference: string;
  settlements: Record<'none' | 'collected' | 'refunded' | 'voucher', string>;
  settlementMethods: Record<'cash' | 'card' | 'voucher', string>;
}

export const receiptWords: Record<ReceiptLanguage, ReceiptWords> = {
  es: {
    handover: (id) => `Entrega pedido ${id}`,
    sale: 'Ticket de venta',
    number: (n) => `N.º ${n}`,
    servedBy: (s) => `Le atendió: ${s}`,
    total: 'TOTAL',
    change: 'Cambio',
    pickupAt: (w) => `Recogida: ${w}`,
    bag: (n, of) => `Bolsa ${n} de ${of}`,
    return: 'Devolución',
    order: (id) => `Pedido ${id}`,
    refund: 'REEMBOLSO',
    refundMethod: 'Forma de reembolso',
    signature: 'Firma del cliente:',
    units: 'ud.',
    paidOnline: 'Pagado online',
    thanks: 'Gracias por su compra',
    refundMethods: { card: 'Tarjeta', cash: 'Efectivo', 'store-credit': 'Vale de tienda', 'original-payment': 'Pago original', exchange: 'Cambio por otro artículo' },
    returnReasons: { 'changed-mind': 'Cambio de opinión', damaged: 'Dañado', 'wrong-item': 'Artículo equivocado', 'not-as-described': 'No es como se describía', other: 'Otro motivo' },
    deliveryNote: 'ALBARÁN DE ENTREGA',
    returnNote: 'NOTA DE DEVOLUCIÓN',
    exchangeNote: 'NOTA DE CAMBIO',
    taxId: (id) => `NIF: ${id}`,
    storeRef: (store) => `Tienda: ${store}`,
    customer: (name) => `Cliente: ${name}`,
    vat: (rate) => `IVA ${rate}`,
    vatBase: (rate) => `Base imponible ${rate}`,
    notSupplied: (qty) => `NO SERVIDO (falta): ${qty} ud.`,
    refusedAtCounter: (qty) => `RECHAZADO en mostrador: ${qty} ud.`,
    notInvoice: 'Este documento no es una factura.',
    newItems: (id) => `Se lleva (pedido ${id}):`,
    difference: 'DIFERENCIA',
    settlements: { none: 'Sin diferencia', collected: 'Cobrada', refunded: 'Devuelta', voucher: 'En vale' },
    settlementMethods: { cash: 'Efectivo', card: 'Tarjeta', voucher: 'Vale de tienda' },
  },
  en: {
    handover: (id) => `Order ${id} handed over`,
    sale: 'Sales receipt',
    number: (n) => `No. ${n}`,
    servedBy: (s) => `Served by: ${s}`,
    total: 'TOTAL',
    change: 'Change',
    pickupAt: (w) => `Pick-up: ${w}`,
    bag: (n, of) => `Bag ${n} of ${of}`,
    return: 'Return',
    order: (id) => `Order ${id}`,
    refund: 'REFUND',
    refundMethod: 'Refunded to',
    signature: 'Customer signature:',
    units: 'pcs',
    paidOnline: 'Paid online',
    thanks: 'Thank you for shopping with us',
    refundMethods: { card: 'Card', cash: 'Cash', 'store-credit': 'Store credit', 'original-payment': 'Original payment', exchange: 'Exchange' },
    returnReasons: { 'changed-mind': 'Changed mind', damaged: 'Damaged', 'wrong-item': 'Wrong item', 'not-as-described': 'Not as described', other: 'Other' },
    deliveryNote: 'DELIVERY NOTE',
    returnNote: 'RETURN NOTE',
    exchangeNote: 'EXCHANGE NOTE',
    taxId: (id) => `Tax ID: ${id}`,
    storeRef: (store) => `Store: ${store}`,
    customer: (name) => `Customer: ${name}`,
    vat: (rate) => `VAT ${rate}`,
    vatBase: (rate) => `Net at ${rate}`,
    notSupplied: (qty) => `NOT SUPPLIED (short): ${qty} pcs`,
    refusedAtCounter: (qty) => `REFUSED at the counter: ${qty} pcs`,
    notInvoice: 'This document is not an invoice.',
    newItems: (id) => `Taken instead (order ${id}):`,
    difference: 'DIFFERENCE',
    settlements: { none: 'No difference', collected: 'Collected', refunded: 'Paid back', voucher: 'As a voucher' },
    settlementMethods: { cash: 'Cash', card: 'Card', voucher: 'Store voucher' },
  },
};

// Receipt, slip and label layouts as pure functions: data in, ESC/POS bytes out.
// Every caller-supplied string passes through printableText first, so nothing a
// product name or customer name contains can become a printer command.
import ReceiptPrinterEncoder, { type BarcodeSymbology } from '@point-of-sale/receipt-printer-encoder';
import { consoleCode } from '../barcode/scan';
import { rasterBarcode } from './barcode-raster';
import { printableText } from './printable-text';
import { receiptWords, type ReceiptLanguage } from './receipt-words';
import { drawsQr, drawsSymbology, type PrinterProfile } from './printer-profile';

export interface ReceiptLine {
  name: string;
  qty: number;
  unitPriceCents: number;
}

export interface SaleReceipt {
  /** The paper's language; Spanish unless the station says otherwise. */
  language?: ReceiptLanguage;
  storeName: string;
  /** The receipt number, printed and kept for returns. */
  number: string;
  at: string;
  staff: string;
  lines: ReceiptLine[];
  totalCents: number;
  payment: { method: string; tenderedCents?: number; changeCents?: number };
  /** A pickup handover: prints the order number and its QR. */
  orderId?: string;
  footer?: string[];
  /** Cash sales open the drawer when the receipt prints. */
  openDrawer?: boolean;
}

export interface PickupSlip {
  /** The paper's language; Spanish unless the station says otherwise. */
  language?: ReceiptLanguage;
  orderId: string;
  customerName: string;
  promisedAt?: string;
  bag: number;
  bags: number;
}

export interface ReturnReceipt {
  /** The paper's language; Spanish unless the station says otherwise. */
  language?: ReceiptLanguage;
  storeName: string;
  returnId: string;
  orderId?: string;
  at: string;
  staff: string;
  lines: { name: string; qty: number; refundCents: number; reason: string; vatRateBp?: number }[];
  refundMethod: string;
  /** The issuer; with it the document is titled as a return (or exchange) note. */
  legal?: LegalIdentity;
  exchange?: {
    newOrderId: string;
    lines: { name: string; qty: number; unitPriceCents: number; vatRateBp: number }[];
    differenceCents: number;
    settlement: 'none' | 'collected' | 'refunded' | 'voucher';
    method: 'cash' | 'card' | 'voucher' | null;
  };
}

/** Who issues a document: printed at its head (issue 16). */
export interface LegalIdentity {
  name: string;
  address: string;
  taxId: string;
}

/** What the customer takes at a pickup handover, and what they do not: prices include VAT. */
export interface DeliveryNote {
  language?: ReceiptLanguage;
  legal: LegalIdentity;
  storeName: string;
  orderId: string;
  at: string;
  staff: string;
  customerName?: string;
  lines: { name: string; sku: string; qty: number; unitPriceCents: number; vatRateBp: number; shortQty?: number; refusedQty?: number }[];
  paymentNote: string;
}

export interface ShelfLabel {
  name: string;
  priceCents: number;
  /** "1,99 €/kg", already worded by the caller. */
  unitPrice?: string;
  /** Small lines under the price: the previous price, the 30-day lowest, location and dates. */
  notes?: readonly string[];
  /** The product's barcode; a label may go without one. */
  code?: string;
  symbology?: BarcodeSymbology;
}

// One formatter for every amount: toLocaleString builds a new one per call, a third of a receipt's encoding time.
const wholeEuros = new Intl.NumberFormat('es-ES', { useGrouping: 'always' });

export function formatEuros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const euros = wholeEuros.format(Math.floor(abs / 100));
  return `${sign}${euros},${String(abs % 100).padStart(2, '0')} €`;
}

// bwip-js names for the encoder's symbologies, for the raster fallback.
const bwipIds: Partial<Record<BarcodeSymbology, string>> = {
  upca: 'upca', upce: 'upce', ean13: 'ean13', ean8: 'ean8', code39: 'code39', itf: 'interleaved2of5',
  codabar: 'rationalizedCodabar', code93: 'code93', code128: 'code128', 'gs1-128': 'gs1-128',
  'gs1-databar-omni': 'databaromni', 'gs1-databar-truncated': 'databartruncated',
  'gs1-databar-limited': 'databarlimited', 'gs1-databar-expanded': 'databarexpanded',
};

class Layout {
  readonly encoder: ReceiptPrinterEncoder;
  constructor(
    readonly profile: PrinterProfile,
    readonly language: ReceiptLanguage = 'es',
  ) {
    this.encoder = new ReceiptPrinterEncoder({ printerModel: profile.model }).initialize().codepage(profile.codepage);
  }
  get columns() {
    return this.encoder.columns;
  }
  clean(text: string) {
    return printableText(text, this.profile.codepage);
  }
  line(text: string) {
    this.encoder.line(this.clean(text));
    return this;
  }
  /** Left text and right text on one line; the left side is cut short, never the amount. */
  pair(left: string, right: string) {
    const r = this.clean(right);
    const room = Math.max(0, this.columns - r.length - 1);
    const l = this.clean(left);
    this.encoder.line(`${l.length > room ? l.slice(0, room) : l.padEnd(room)} ${r}`);
    return this;
  }
  qr(data: string) {
    const text = this.clean(data);
    this.encoder.align('center');
    if (drawsQr(this.profile)) this.encoder.qrcode(text, { model: 2, size: 6, errorlevel: 'm' });
    else this.image(rasterBarcode('qrcode', text, { module: 6 }));
    this.encoder.align('left');
    return this;
  }
  barcode(code: string, symbology: BarcodeSymbology) {
    const text = this.clean(code);
    this.encoder.align('center');
    if (drawsSymbology(this.profile, symbology)) this.encoder.barcode(text, symbology, { height: 60, text: true });
    else {
      const bcid = bwipIds[symbology];
      if (!bcid) throw new RangeError(`no raster fallback for ${symbology}`);
      // bwip-js reads DataBar as a GS1 element string: a bare GTIN gets its (01).
      const data = bcid.startsWith('databar') && !text.startsWith('(') ? `(01)${text.padStart(14, '0')}` : text;
      this.image(rasterBarcode(bcid, data)).line(text);
    }
    this.encoder.align('left');
    return this;
  }
  image(image: { width: number; height: number; data: Uint8ClampedArray }) {
    this.encoder.image(image, image.width, image.height, 'threshold');
    return this;
  }
  finish({ openDrawer = false }: { openDrawer?: boolean } = {}): Uint8Array {
    this.encoder.cut();
    // The drawer opens after the cut, so the receipt is already in the customer's reach.
    if (openDrawer) this.encoder.pulse();
    return this.encoder.encode();
  }
}

function header(layout: Layout, title: string, lines: string[]) {
  const e = layout.encoder;
  e.align('center').bold(true);
  layout.line(title);
  e.bold(false);
  for (const l of lines) layout.line(l);
  e.align('left').rule();
}

/** "21 %", "5,5 %": a VAT rate in basis points as a Spanish receipt prints it. */
export function formatVatRate(bp: number): string {
  return `${(bp / 100).toLocaleString('es-ES', { maximumFractionDigits: 2 })} %`;
}

/** The issuer's block: legal name, address and tax id, then the document's title. */
function legalHeader(layout: Layout, legal: LegalIdentity, storeName: string, title: string, lines: string[]) {
  const e = layout.encoder;
  const w = receiptWords[layout.language];
  e.align('center').bold(true);
  layout.line(legal.name);
  e.bold(false);
  if (legal.address) layout.line(legal.address);
  if (legal.taxId) layout.line(w.taxId(legal.taxId));
  layout.line(w.storeRef(storeName));
  e.rule();
  e.bold(true);
  layout.line(title);
  e.bold(false);
  for (const l of lines) layout.line(l);
  e.align('left').rule();
}

/** Gross amounts (VAT included) per rate, split into net and VAT the way a Spanish ticket shows them. */
function vatBreakdown(layout: Layout, amounts: { grossCents: number; vatRateBp: number }[]) {
  const w = receiptWords[layout.language];
  const byRate = new Map<number, number>();
  for (const a of amounts) byRate.set(a.vatRateBp, (byRate.get(a.vatRateBp) ?? 0) + a.grossCents);
  for (const [rate, gross] of [...byRate].sort(([a], [b]) => a - b)) {
    const net = Math.round((gross * 10_000) / (10_000 + rate));
    layout.pair(w.vatBase(formatVatRate(rate)), formatEuros(net));
    layout.pair(w.vat(formatVatRate(rate)), formatEuros(gross - net));
  }
}

/**
 * The delivery note at a pickup handover: every line with its VAT rate, and the units not
 * supplied (short-picked, or refused at the counter) on lines of their own, so the customer's
 * paper says what they did not get. Not an invoice: HQ issues those.
 */
export function deliveryNote(profile: PrinterProfile, note: DeliveryNote): Uint8Array {
  const layout = new Layout(profile, note.language);
  const w = receiptWords[layout.language];
  legalHeader(layout, note.legal, note.storeName, w.deliveryNote, [
    w.order(note.orderId),
    note.at,
    w.servedBy(note.staff),
    ...(note.customerName ? [w.customer(note.customerName)] : []),
  ]);
  const amounts: { grossCents: number; vatRateBp: number }[] = [];
  for (const line of note.lines) {
    layout.line(line.name);
    if (line.qty > 0) {
      const gross = line.qty * line.unitPriceCents;
      amounts.push({ grossCents: gross, vatRateBp: line.vatRateBp });
      layout.pair(`  ${line.qty} x ${formatEuros(line.unitPriceCents)}  ${w.vat(formatVatRate(line.vatRateBp))}`, formatEuros(gross));
    }
    if (line.shortQty) layout.pair(`  ${w.notSupplied(line.shortQty)}`, formatEuros(0));
    if (line.refusedQty) layout.pair(`  ${w.refusedAtCounter(line.refusedQty)}`, formatEuros(0));
  }
  const total = amounts.reduce((sum, a) => sum + a.grossCents, 0);
  layout.encoder.rule();
  vatBreakdown(layout, amounts);
  layout.encoder.bold(true);
  layout.pair(w.total, formatEuros(total));
  layout.encoder.bold(false);
  layout.pair(note.paymentNote, formatEuros(total));
  layout.encoder.newline();
  layout.qr(consoleCode('order', note.orderId));
  layout.encoder.newline().align('center');
  layout.line(w.notInvoice);
  layout.line(w.thanks);
  layout.encoder.align('left');
  return layout.finish();
}

/** A sale, or a pickup handover when orderId is set. */
export function saleReceipt(profile: PrinterProfile, sale: SaleReceipt): Uint8Array {
  const layout = new Layout(profile);
  const w = receiptWords[sale.language ?? 'es'];
  header(layout, sale.storeName, [sale.orderId ? w.handover(sale.orderId) : w.sale, w.number(sale.number), sale.at, w.servedBy(sale.staff)]);
  for (const line of sale.lines) {
    layout.line(line.name);
    layout.pair(`  ${line.qty} x ${formatEuros(line.unitPriceCents)}`, formatEuros(line.qty * line.unitPriceCents));
  }
  layout.encoder.rule();
  layout.encoder.bold(true);
  layout.pair(w.total, formatEuros(sale.totalCents));
  layout.encoder.bold(false);
  layout.pair(sale.payment.method, formatEuros(sale.payment.tenderedCents ?? sale.totalCents));
  if (sale.payment.changeCents) layout.pair(w.change, formatEuros(sale.payment.changeCents));
  if (sale.orderId) {
    layout.encoder.newline();
    layout.qr(consoleCode('order', sale.orderId));
  }
  if (sale.footer?.length) {
    layout.encoder.newline().align('center');
    for (const l of sale.footer) layout.line(l);
    layout.encoder.align('left');
  }
  return layout.finish({ openDrawer: sale.openDrawer ?? false });
}

/** The slip on each bag of a pickup order: the number staff call out and the QR the counter scans. */
export function pickupSlip(profile: PrinterProfile, slip: PickupSlip): Uint8Array {
  const layout = new Layout(profile);
  const e = layout.encoder;
  e.align('center').size(2, 2).bold(true);
  layout.line(slip.orderId);
  e.size(1, 1).bold(false);
  layout.line(slip.customerName);
  const w = receiptWords[slip.language ?? 'es'];
  if (slip.promisedAt) layout.line(w.pickupAt(slip.promisedAt));
  layout.line(w.bag(slip.bag, slip.bags));
  layout.qr(consoleCode('order', slip.orderId));
  return layout.finish();
}

export function returnReceipt(profile: PrinterProfile, ret: ReturnReceipt): Uint8Array {
  const layout = new Layout(profile, ret.language);
  const w = receiptWords[layout.language];
  const heads = [w.number(ret.returnId), ...(ret.orderId ? [w.order(ret.orderId)] : []), ret.at, w.servedBy(ret.staff)];
  if (ret.legal) legalHeader(layout, ret.legal, ret.storeName, ret.exchange ? w.exchangeNote : w.returnNote, heads);
  else header(layout, ret.storeName, [w.return, ...heads]);
  let total = 0;
  for (const line of ret.lines) {
    total += line.refundCents;
    layout.line(line.name);
    if (line.vatRateBp === undefined) layout.pair(`  ${line.qty} ${w.units} · ${wordOr(w.returnReasons, line.reason)}`, formatEuros(-line.refundCents));
    else {
      // The VAT rate beside the amount; the reason on a line of its own, so neither is cut short.
      layout.pair(`  ${line.qty} ${w.units}  ${w.vat(formatVatRate(line.vatRateBp))}`, formatEuros(-line.refundCents));
      layout.line(`  ${wordOr(w.returnReasons, line.reason)}`);
    }
  }
  layout.encoder.rule().bold(true);
  layout.pair(w.refund, formatEuros(-total));
  layout.encoder.bold(false);
  // An exchange says below what the customer took instead and how the difference was settled.
  if (!ret.exchange) layout.pair(w.refundMethod, wordOr(w.refundMethods, ret.refundMethod));
  if (ret.exchange) {
    const x = ret.exchange;
    layout.encoder.rule();
    layout.line(w.newItems(x.newOrderId));
    for (const line of x.lines) {
      layout.line(line.name);
      layout.pair(`  ${line.qty} x ${formatEuros(line.unitPriceCents)}  ${w.vat(formatVatRate(line.vatRateBp))}`, formatEuros(line.qty * line.unitPriceCents));
    }
    layout.encoder.rule().bold(true);
    layout.pair(w.difference, formatEuros(x.differenceCents));
    layout.encoder.bold(false);
    layout.pair(w.settlements[x.settlement], x.method ? w.settlementMethods[x.method] : '');
  }
  layout.qr(consoleCode('return', ret.returnId));
  layout.encoder.newline(2);
  layout.line(w.signature);
  layout.encoder.newline(2);
  if (ret.legal) {
    layout.encoder.align('center');
    layout.line(w.notInvoice);
    layout.encoder.align('left');
  }
  return layout.finish();
}

/** A shelf-edge label: name, big price, unit price and the product's barcode. */
export function shelfLabel(profile: PrinterProfile, label: ShelfLabel): Uint8Array {
  const layout = new Layout(profile);
  const e = layout.encoder;
  e.bold(true);
  layout.line(label.name);
  e.bold(false).align('center').size(3, 3);
  layout.line(formatEuros(label.priceCents));
  e.size(1, 1).align('left');
  if (label.unitPrice) layout.line(label.unitPrice);
  for (const note of label.notes ?? []) layout.line(note);
  if (label.code && label.symbology) layout.barcode(label.code, label.symbology);
  return layout.finish();
}

/** A code's words on paper, or the code itself when this build has none for it. */
function wordOr(words: Readonly<Record<string, string>>, code: string): string {
  return words[code] ?? code;
}

import { createRequire } from 'node:module';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { printerProfiles } from '../../drivers/printer/printer-profile';
import { formatEuros, saleReceipt, type SaleReceipt } from '../../drivers/printer/receipt-layouts';
import { higherIsBetter, type Benchmark } from './bench-report';

// escpos is CommonJS without types; it is the comparison candidate, never shipped code.
interface EscposPrinterLike {
  encode(encoding: string): EscposPrinterLike;
  text(line: string): EscposPrinterLike;
  align(align: 'lt' | 'ct' | 'rt'): EscposPrinterLike;
  style(type: 'b' | 'normal'): EscposPrinterLike;
  drawLine(): EscposPrinterLike;
  newLine(): EscposPrinterLike;
  qrcode(code: string, version?: number, level?: string, size?: number): EscposPrinterLike;
  cut(): EscposPrinterLike;
  flush(callback?: () => void): EscposPrinterLike;
}
const require = createRequire(import.meta.url);
const escpos = require('escpos') as { Printer: new (adapter: { write(b: Buffer, cb?: () => void): void }) => EscposPrinterLike };
// escpos's own text encoder (iconv-lite), which the baseline sanitises with.
const iconv = require('iconv-lite') as { encode(text: string, encoding: string): Buffer };

const receipt: SaleReceipt = {
  storeName: 'Mostrador Centro', number: 'T-000123', at: '2026-03-14 10:05', staff: 'Ana García',
  lines: Array.from({ length: 40 }, (_, i) => ({
    // Every fifth name is longer than a line, so both sides wrap.
    name: `Jabón de manos Añil ${i + 1}${i % 5 === 0 ? ' con aceite de oliva virgen extra y aroma de lavanda' : ''}`,
    qty: 1 + (i % 3),
    unitPriceCents: 199 + i,
  })),
  totalCents: 123_45, payment: { method: 'Tarjeta' }, orderId: 'WEB-2026-000123',
};

/**
 * The same receipt as saleReceipt() prints, through escpos 2.5: every text field sanitised
 * (control characters gone, and any character the code page would put on a control byte), long
 * names word-wrapped to the paper's columns, each amount padded to the right edge, the title
 * centred and bold, the total bold, a rule, the QR centred, the cut.
 */
const safeInCp858 = new Map<string, boolean>(); // learnt once per character, as printableText() does
function escposReceipt(columns: number, sale: SaleReceipt): number {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const clean = (text: string) => [...text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '')].filter((char) => {
    if (char.charCodeAt(0) < 0x80) return true;
    let ok = safeInCp858.get(char);
    if (ok === undefined) safeInCp858.set(char, (ok = iconv.encode(char, 'cp858').every((b) => b >= 0x20 && b !== 0x7f)));
    return ok;
  }).join('');
  const wrap = (text: string) => {
    const lines: string[] = [];
    let current = '';
    for (const word of text.split(' ')) {
      if (current && current.length + 1 + word.length > columns) {
        lines.push(current);
        current = '';
      }
      current = current ? `${current} ${word}` : word;
      while (current.length > columns) {
        lines.push(current.slice(0, columns));
        current = current.slice(columns);
      }
    }
    return [...lines, current];
  };
  const pair = (left: string, right: string) => {
    const r = clean(right);
    const room = Math.max(0, columns - r.length - 1);
    const l = clean(left);
    return `${l.length > room ? l.slice(0, room) : l.padEnd(room)} ${r}`;
  };
  let size = 0;
  const p = new escpos.Printer({ write: (b, cb) => ((size = b.length), cb?.()) }).encode('cp858');
  p.align('ct').style('b');
  for (const l of wrap(clean(sale.storeName))) p.text(l);
  p.style('normal');
  for (const field of [`Entrega ${sale.orderId}`, `N.º ${sale.number}`, sale.at, `Te atendió: ${sale.staff}`]) for (const l of wrap(clean(field))) p.text(l);
  p.align('lt').drawLine();
  for (const line of sale.lines) {
    for (const l of wrap(clean(line.name))) p.text(l);
    p.text(pair(`  ${line.qty} x ${formatEuros(line.unitPriceCents)}`, formatEuros(line.qty * line.unitPriceCents)));
  }
  p.drawLine().style('b').text(pair('TOTAL', formatEuros(sale.totalCents))).style('normal');
  p.text(pair(sale.payment.method, formatEuros(sale.totalCents))).newLine();
  p.align('ct').qrcode(clean(`MOSTRADOR:ORDER:${sale.orderId}`), 2, 'm', 6).align('lt').cut().flush();
  return size;
}

/**
 * Receipts per second for both sides, measured in alternating 50 ms rounds (ABBA order) until each
 * side has had `ms`: a neighbour's burst on the shared CPUs lands on both alike.
 */
function interleavedRates(ours: () => number, theirs: () => number, ms: number): [number, number] {
  for (let i = 0; i < 20; i++) {
    ours(); // warm up
    theirs();
  }
  const sides = [ours, theirs];
  const counts = [0, 0];
  const elapsed = [0, 0];
  const bytes = [0, 0];
  for (let round = 0; elapsed[0]! < ms || elapsed[1]! < ms; round++) {
    for (const side of round % 2 === 0 ? [0, 1] : [1, 0]) {
      const start = process.hrtime.bigint();
      let spent = 0;
      while (spent < 50) {
        bytes[side]! += sides[side]!();
        counts[side]!++;
        spent = Number(process.hrtime.bigint() - start) / 1e6;
      }
      elapsed[side]! += spent;
    }
  }
  if (bytes[0] === 0 || bytes[1] === 0) throw new Error('encoded nothing');
  return [(counts[0]! / elapsed[0]!) * 1000, (counts[1]! / elapsed[1]!) * 1000];
}

export const escposBenchmark: Benchmark = {
  group: 'escpos',
  async run({ quick, log }) {
    const profile = printerProfiles['epson-tm-t88vi'];
    const columns = new ReceiptPrinterEncoder({ printerModel: profile.model }).columns;
    const [ours, theirs] = interleavedRates(() => saleReceipt(profile, receipt).length, () => escposReceipt(columns, receipt), quick ? 1000 : 4000);
    log(`ours ${ours.toFixed(0)}/s (${saleReceipt(profile, receipt).length} bytes), escpos ${theirs.toFixed(0)}/s (${escposReceipt(columns, receipt)} bytes)`);
    return [
      {
        name: 'escpos.encode',
        value: ours,
        unit: 'receipts/s',
        baseline: `escpos 2.5.2, same 40-line receipt: sanitised, wrapped and padded to ${columns} columns, bold, centred, QR; interleaved rounds`,
        baseline_value: theirs,
        ratio: higherIsBetter(ours, theirs),
      },
    ];
  },
};

import { createRequire } from 'node:module';
import { printerProfiles } from '../../drivers/printer/printer-profile';
import { saleReceipt, type SaleReceipt } from '../../drivers/printer/receipt-layouts';
import { higherIsBetter, type Benchmark } from './bench-report';

// escpos is CommonJS without types; it is the comparison candidate, never shipped code.
interface EscposPrinterLike {
  encode(encoding: string): EscposPrinterLike;
  text(line: string): EscposPrinterLike;
  qrcode(code: string, version?: number, level?: string, size?: number): EscposPrinterLike;
  cut(): EscposPrinterLike;
  flush(callback?: () => void): EscposPrinterLike;
}
const escpos = createRequire(import.meta.url)('escpos') as { Printer: new (adapter: { write(b: Buffer, cb?: () => void): void }) => EscposPrinterLike };

const receipt: SaleReceipt = {
  storeName: 'Mostrador Centro', number: 'T-000123', at: '2026-03-14 10:05', staff: 'Ana García',
  lines: Array.from({ length: 40 }, (_, i) => ({ name: `Jabón de manos Añil ${i + 1}`, qty: 1 + (i % 3), unitPriceCents: 199 + i })),
  totalCents: 123_45, payment: { method: 'Tarjeta' }, orderId: 'WEB-2026-000123',
};

/** Encodes as many receipts as fit in the time and returns receipts per second. */
function rate(encode: () => number, ms: number): number {
  for (let i = 0; i < 20; i++) encode(); // warm up
  let count = 0;
  let bytes = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < ms) {
    bytes += encode();
    count++;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  if (bytes === 0) throw new Error('encoded nothing');
  return (count / elapsed) * 1000;
}

export const escposBenchmark: Benchmark = {
  group: 'escpos',
  async run({ quick, log }) {
    const ms = quick ? 1000 : 4000;
    const profile = printerProfiles['epson-tm-t88vi'];
    // Ours: the shipped layout (sanitising, cp858, QR), through receipt-printer-encoder.
    const ours = rate(() => saleReceipt(profile, receipt).length, ms);
    // Baseline: escpos 2.5 on the same lines, cp858 through iconv, its QR command.
    const theirs = rate(() => {
      let size = 0;
      const p = new escpos.Printer({ write: (b, cb) => ((size = b.length), cb?.()) }).encode('cp858');
      p.text(receipt.storeName).text(`N.º ${receipt.number}`).text(receipt.at).text(`Le atendió: ${receipt.staff}`);
      for (const line of receipt.lines) p.text(line.name).text(`  ${line.qty} x ${line.unitPriceCents / 100} €`);
      p.text('TOTAL').qrcode(`MOSTRADOR:ORDER:${receipt.orderId}`).cut().flush();
      return size;
    }, ms);
    log(`ours ${ours.toFixed(0)}/s, escpos ${theirs.toFixed(0)}/s`);
    return [
      {
        name: 'escpos.encode',
        value: ours,
        unit: 'receipts/s',
        baseline: 'escpos 2.5.2 on the same 40-line receipt with QR, same run',
        baseline_value: theirs,
        ratio: higherIsBetter(ours, theirs),
      },
    ];
  },
};

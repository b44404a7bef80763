// The receipts whose bytes must not change when the code page encoder is patched
// (patches/@point-of-sale+codepage-encoder+3.0.2.patch). Their digests were recorded with the
// unpatched 3.0.2 in encoder-golden-bytes.json; `tsx test/unit/printer/encoder-golden-cases.ts`
// prints them again.
import { createHash } from 'node:crypto';
import CodepageEncoder from '@point-of-sale/codepage-encoder';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { printerProfiles, type PrinterProfile } from '../../../drivers/printer/printer-profile';
import { pickupSlip, returnReceipt, saleReceipt, shelfLabel } from '../../../drivers/printer/receipt-layouts';

// Spanish and its neighbours, signs, DOS glyphs that look like commands, and text no code page holds.
const names = [
  'Jabón de manos Añil', 'Aceite de oliva «virgen extra» 1 L', 'Café molido 250 g · 100 % arábica', 'Pâté & crème brûlée',
  'Ça coûte 1,99 € – ¿vale? ¡sí!', 'Straße ß Grüße Øre Åse', 'Sal ←p0AA ↔V0 ►¶ fina', 'Leche \u001bp\u0000 entera\u007f',
  '日本茶 緑茶', 'Ελληνικός καφές', 'Чай чёрный', 'Emoji 🍋 limón', 'x'.repeat(70),
];

const generic437: PrinterProfile = { ...printerProfiles['pos-5890'], id: 'generic-437', codepage: 'cp437' };
const profiles: PrinterProfile[] = [printerProfiles['epson-tm-t88vi'], printerProfiles['pos-5890'], generic437];

const cases: Record<string, () => Uint8Array> = {};
for (const profile of profiles) {
  cases[`${profile.id} sale`] = () =>
    saleReceipt(profile, {
      storeName: 'Mostrador Centro — Añil', number: 'T-000123', at: '2026-03-14 10:05', staff: 'Ana García Núñez',
      lines: names.map((name, i) => ({ name, qty: 1 + (i % 3), unitPriceCents: 199 + i * 1001 })), totalCents: 1_234_56,
      payment: { method: 'Efectivo', tenderedCents: 1_300_00, changeCents: 65_44 }, orderId: 'WEB-2026-000123',
      footer: ['¡Gracias por tu compra!', 'Devoluciones: 30 días'], openDrawer: true,
    });
  cases[`${profile.id} sale en`] = () =>
    saleReceipt(profile, {
      language: 'en', storeName: 'Mostrador', number: 'T-9', at: 'today', staff: 'Zoë', lines: [{ name: 'Crème', qty: 2, unitPriceCents: 350 }],
      totalCents: 700, payment: { method: 'Card' },
    });
  cases[`${profile.id} pickup slip`] = () =>
    pickupSlip(profile, { orderId: 'WEB-2026-000123', customerName: 'María José Ibáñez', promisedAt: '18:00', bag: 2, bags: 3 });
  cases[`${profile.id} return`] = () =>
    returnReceipt(profile, {
      storeName: 'Mostrador Centro', returnId: 'R-77', orderId: 'WEB-1', at: '2026-03-14', staff: 'Pablo',
      lines: names.slice(0, 6).map((name, i) => ({ name, qty: 1, refundCents: 100 * (i + 1), reason: i % 2 ? 'damaged' : 'changed-mind' })),
      refundMethod: 'card',
    });
  cases[`${profile.id} shelf label`] = () =>
    shelfLabel(profile, { name: 'Jabón de manos Añil 500 ml', priceCents: 2_49, unitPrice: '4,98 €/L', code: '8412345678905', symbology: 'ean13' });
}
// The encoder's own paths our layouts do not take: automatic code pages (autoEncode) and plain encode.
cases['auto code page'] = () => {
  const encoder = new ReceiptPrinterEncoder({ columns: 42 }).initialize().codepage('auto');
  for (const name of names) encoder.line(name);
  return encoder.encode();
};
for (const codepage of ['cp437', 'cp858', 'cp850', 'windows1252', 'iso8859-15', 'cp866', 'windows1253', 'shiftjis', 'unknown-page']) {
  cases[`CodepageEncoder.encode ${codepage}`] = () => CodepageEncoder.encode(names.join('\n'), codepage as never);
}
cases['CodepageEncoder.autoEncode'] = () => {
  const fragments = CodepageEncoder.autoEncode(names.join('\n'), ['cp858', 'cp437', 'cp866', 'windows1253', 'windows1252'] as never);
  return Uint8Array.from(fragments.flatMap((f) => [...new TextEncoder().encode(`[${f.codepage}]`), ...f.bytes]));
};

export const encoderGoldenCases = cases;

export const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(Object.fromEntries(Object.entries(cases).map(([name, encode]) => [name, digest(encode())])), null, 2));
}

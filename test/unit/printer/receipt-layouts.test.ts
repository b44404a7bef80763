import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countOccurrences, cutPrefixes, drawerKickPrefixes } from '../../../drivers/printer/escpos-bytes';
import { parseEscpos } from '../../../drivers/printer/escpos-stream-parser';
import { printableText, stripControlBytes } from '../../../drivers/printer/printable-text';
import { printerProfiles } from '../../../drivers/printer/printer-profile';
import { pickupSlip, returnReceipt, saleReceipt, shelfLabel, type SaleReceipt } from '../../../drivers/printer/receipt-layouts';

const tm88 = printerProfiles['epson-tm-t88vi'];
const kicks = (bytes: Uint8Array) => drawerKickPrefixes.reduce((n, p) => n + countOccurrences(bytes, p), 0);
const cuts = (bytes: Uint8Array) => cutPrefixes.reduce((n, p) => n + countOccurrences(bytes, p), 0);
const texts = (bytes: Uint8Array) => parseEscpos(bytes).items.flatMap((i) => (i.kind === 'text' ? [i.text] : []));

// Raw commands, and DOS-glyph look-alikes that cp437/cp858 encode as the same bytes:
// "←" is 0x1B (ESC), "↔" 0x1D (GS), "►" 0x10 (DLE), "¶" 0x14 (DC4) in the glyph table.
const hostile = [
  'Aceite \u001bp\u0000\u0019\u00fa virgen', // ESC p: drawer kick
  'Arroz \u0010\u0014\u0001\u0000\u0005 bomba', // DLE DC4: real-time drawer pulse
  'Jabón \u001dV\u0000 de manos', // GS V: cut
  'Sal ←p0AA ↔V0 ►¶\u0001\u0000\u0005 fina', // the same, through the code page
  'Leche \u009b\u0085 entera\u007f',
];

const sale = (names: string[], extra: Partial<SaleReceipt> = {}): SaleReceipt => ({
  storeName: 'Mostrador Centro', number: 'T-000123', at: '2026-03-14 10:05', staff: 'Ana García',
  lines: names.map((name) => ({ name, qty: 1, unitPriceCents: 199 })), totalCents: 199 * names.length,
  payment: { method: 'Tarjeta' }, ...extra,
});

test('control bytes in any text field cannot open the drawer or cut: only the layout’s own commands are in the bytes', () => {
  const plain = saleReceipt(tm88, sale(hostile, { storeName: hostile[0]!, staff: hostile[2]!, footer: hostile }));
  assert.equal(kicks(plain), 0);
  assert.equal(cuts(plain), 1);
  const cash = saleReceipt(tm88, sale(hostile, { openDrawer: true, payment: { method: hostile[1]!, tenderedCents: 1000, changeCents: 5 } }));
  assert.equal(kicks(cash), 1, 'the one pulse a cash sale asks for');
  assert.equal(cuts(cash), 1);
  const parsed = parseEscpos(cash).items;
  assert.deepEqual(parsed.filter((i) => i.kind === 'drawer' || i.kind === 'cut').map((i) => i.kind), ['cut', 'drawer']);
  for (const bytes of [
    pickupSlip(tm88, { orderId: 'W-1', customerName: hostile[3]!, bag: 1, bags: 1, promisedAt: hostile[1]! }),
    returnReceipt(tm88, { storeName: hostile[2]!, returnId: 'R-9', at: 'hoy', staff: hostile[0]!, refundMethod: hostile[3]!, lines: hostile.map((name) => ({ name, qty: 1, refundCents: 100, reason: name })) }),
    shelfLabel(tm88, { name: hostile[3]!, priceCents: 199, unitPrice: hostile[0]!, code: '8400000000017', symbology: 'ean13' }),
  ]) {
    assert.equal(kicks(bytes), 0);
    assert.equal(cuts(bytes), 1);
  }
});

test('stripping removes C0, DEL and C1 and keeps Spanish letters and the euro sign', () => {
  assert.equal(stripControlBytes('a\u0000b\u001b\u007fc\u0085d\u009f\ne\tf'), 'abcdef');
  // ¶ too: the code page encoder puts it on 0x14 (DC4), its DOS glyph, not on 0xF4.
  assert.equal(printableText('¿Señor Müller? Canción ÁÉÍÓÚ ñ ü 3,50 € ←↔►¶☺', 'cp858'), '¿Señor Müller? Canción ÁÉÍÓÚ ñ ü 3,50 € ');
});

test('Spanish text comes out of cp858 as written, euro sign included', () => {
  const bytes = saleReceipt(tm88, sale(['Jabón de manos “Añil” ¿pingüino?'], { totalCents: 350 }));
  assert.ok(countOccurrences(bytes, Uint8Array.of(0x1b, 0x74, 19)) > 0, 'ESC t 19 selects cp858');
  const lines = texts(bytes);
  assert.ok(lines.some((l) => l.includes('Jabón de manos') && l.includes('Añil') && l.includes('¿pingüino?')), lines.join('\n'));
  assert.ok(lines.some((l) => /^TOTAL +3,50 €$/.test(l)), lines.join('\n'));
});

test('a handover receipt and a pickup slip carry the order QR the counter scans', () => {
  for (const bytes of [saleReceipt(tm88, sale(['Arroz'], { orderId: 'WEB-2026-000123' })), pickupSlip(tm88, { orderId: 'WEB-2026-000123', customerName: 'Lucía', bag: 2, bags: 3 })]) {
    const qr = parseEscpos(bytes).items.filter((i) => i.kind === 'qr');
    assert.deepEqual(qr.map((i) => i.kind === 'qr' && i.data), ['MOSTRADOR:ORDER:WEB-2026-000123']);
  }
  assert.ok(texts(pickupSlip(tm88, { orderId: 'W-7', customerName: 'Lucía', bag: 2, bags: 3 })).some((l) => l.trim() === 'Bolsa 2 de 3'));
});

test('a return receipt shows the refund and carries the return QR', () => {
  const bytes = returnReceipt(tm88, { storeName: 'Mostrador', returnId: 'R-42', orderId: 'W-7', at: 'hoy', staff: 'Ana', refundMethod: 'Tarjeta', lines: [{ name: 'Arroz', qty: 2, refundCents: 398, reason: 'dañado' }] });
  const lines = texts(bytes);
  assert.ok(lines.some((l) => /^REEMBOLSO +-3,98 €$/.test(l)), lines.join('\n'));
  assert.ok(parseEscpos(bytes).items.some((i) => i.kind === 'qr' && i.data === 'MOSTRADOR:RETURN:R-42'));
});

test('paper follows the station’s language: an English return receipt words its reason and refund method', () => {
  const bytes = returnReceipt(tm88, { language: 'en', storeName: 'Mostrador', returnId: 'R-43', orderId: 'W-8', at: 'today', staff: 'Ana', refundMethod: 'card', lines: [{ name: 'Rice', qty: 1, refundCents: 199, reason: 'wrong-item' }] });
  const lines = texts(bytes).join('\n');
  assert.match(lines, /^\s*Return\s*$/m);
  assert.match(lines, /1 pcs · Wrong item/);
  assert.match(lines, /^REFUND +-1,99 €$/m);
  assert.match(lines, /^Refunded to +Card$/m);
  const spanish = texts(returnReceipt(tm88, { storeName: 'Mostrador', returnId: 'R-43', at: 'hoy', staff: 'Ana', refundMethod: 'card', lines: [{ name: 'Arroz', qty: 1, refundCents: 199, reason: 'wrong-item' }] })).join('\n');
  assert.match(spanish, /1 ud\. · Artículo equivocado/);
  assert.match(spanish, /^Forma de reembolso +Tarjeta$/m);
});

test('a shelf label uses the printer’s own barcode when it has the symbology, and a bwip-js raster when it has not', () => {
  const label = { name: 'Aceite de oliva 1 L', priceCents: 1299, unitPrice: '12,99 €/l', code: '8400000000017' };
  const native = parseEscpos(shelfLabel(tm88, { ...label, symbology: 'gs1-databar-omni' })).items;
  assert.ok(native.some((i) => i.kind === 'barcode' && i.symbology === 'gs1-databar-omni'));
  const fallback = parseEscpos(shelfLabel(printerProfiles['pos-5890'], { ...label, symbology: 'gs1-databar-omni' })).items;
  assert.ok(!fallback.some((i) => i.kind === 'barcode'));
  const image = fallback.find((i) => i.kind === 'image');
  assert.ok(image && image.kind === 'image' && image.width > 100, 'a raster image of the barcode');
  assert.ok(fallback.some((i) => i.kind === 'text' && i.text.includes('12,99 €')));
});

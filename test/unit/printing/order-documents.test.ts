import assert from 'node:assert/strict';
import { test } from 'node:test';
import { printableDocumentSchema } from '../../../main/api/shapes';
import type { OrderInfo } from '../../../main/api/types';
import { countOccurrences, cutPrefixes, drawerKickPrefixes } from '../../../drivers/printer/escpos-bytes';
import { parseEscpos } from '../../../drivers/printer/escpos-stream-parser';
import { printerProfiles } from '../../../drivers/printer/printer-profile';
import { deliveryNoteOf, orderReturnReceipt, renderDocument, type DocumentContext } from '../../../main/printing/order-documents';

// Issue 16, "Receipts that are documents": what the customer keeps says what it is, who issued it
// (legal name, address, tax id), each line's VAT, and what was not supplied. Checked on the bytes
// the printer receives, read back with the ESC/POS parser.

const tm88 = printerProfiles['epson-tm-t88vi'];
const paper = (bytes: Uint8Array) => parseEscpos(bytes).items.flatMap((i) => (i.kind === 'text' ? [i.text.trimEnd()] : [`<${i.kind}>`]));
const kicks = (bytes: Uint8Array) => drawerKickPrefixes.reduce((n, p) => n + countOccurrences(bytes, p), 0);
const cuts = (bytes: Uint8Array) => cutPrefixes.reduce((n, p) => n + countOccurrences(bytes, p), 0);

const names: Record<string, string> = { 'SKU-OIL': 'Aceite de oliva virgen extra 1 L', 'SKU-SOAP': 'Jabón de manos Añil', 'SKU-RICE': 'Arroz bomba 1 kg' };
const line = (lineId: string, sku: string, qty: number, picked: number, shortQty: number, unitPriceCents: number | null, vatRateBp: number | null) => ({
  lineId, sku, qty, held: 0, picked, shortQty, shortReason: shortQty ? 'not-found' : null, refused: 0, ageRestricted: false, unitPriceCents, vatRateBp,
});
const order: OrderInfo = {
  orderId: 'W-2026-0042', version: 1, status: 'collected', customerName: 'Lucía Fernández', customerPhone: null, promisedAt: null, receivedAt: '', updatedAt: '',
  lines: [
    line('L1', 'SKU-OIL', 2, 2, 0, 1013, 1000),
    line('L2', 'SKU-SOAP', 3, 1, 2, 349, 2100),
    // A line HQ sent no price for is printed at today's catalog price and VAT rate.
    line('L3', 'SKU-RICE', 1, 0, 1, null, null),
  ],
};
const context = (legal: DocumentContext['legal'], language: DocumentContext['language'] = 'es'): DocumentContext => ({
  language,
  storeName: 'centro-01',
  legal,
  staffName: 'Pablo',
  at: new Date(2026, 2, 14, 10, 5),
  product: (sku) => ({ name: names[sku]!, priceCents: 199, taxRateBp: 400 }),
});
const legal = { name: 'Mostrador Centro, S.L.', address: 'Calle Mayor 1, 28013 Madrid', taxId: 'B12345678' };

test('the delivery note at handover is titled as one, names the store’s legal identity, prints VAT per line and per rate, and marks a short-picked line as not supplied', () => {
  const document = deliveryNoteOf(order, context(legal));
  assert.ok(printableDocumentSchema.safeParse(document).success, 'the document crosses to the printing station as its schema says');
  const bytes = renderDocument(document)(tm88);
  assert.deepEqual(paper(bytes), [
    '          Mostrador Centro, S.L.',
    '       Calle Mayor 1, 28013 Madrid',
    '              NIF: B12345678',
    '            Tienda: centro-01',
    '──────────────────────────────────────────',
    '            ALBARÁN DE ENTREGA',
    '            Pedido W-2026-0042',
    '            14/03/2026, 10:05',
    '            Le atendió: Pablo',
    '         Cliente: Lucía Fernández',
    '──────────────────────────────────────────',
    'Aceite de oliva virgen extra 1 L',
    '  2 x 10,13 €  IVA 10 %            20,26 €',
    'Jabón de manos Añil',
    '  1 x 3,49 €  IVA 21 %              3,49 €',
    '  NO SERVIDO (falta): 2 ud.         0,00 €',
    'Arroz bomba 1 kg',
    '  NO SERVIDO (falta): 1 ud.         0,00 €',
    '──────────────────────────────────────────',
    'Base imponible 10 %                18,42 €',
    'IVA 10 %                            1,84 €',
    'Base imponible 21 %                 2,88 €',
    'IVA 21 %                            0,61 €',
    'TOTAL                              23,75 €',
    'Pagado online                      23,75 €',
    '',
    '<qr>',
    '',
    '',
    '    Este documento no es una factura.',
    '          Gracias por su compra',
    '',
    '',
    '',
    '',
    '<cut>',
    '',
  ]);
  assert.equal(kicks(bytes), 0, 'paid online: the drawer stays shut');
  assert.equal(cuts(bytes), 1);
});

test('the delivery note in English, and a legal identity carrying printer commands prints as text only', () => {
  const hostile = { name: 'Evil \u001bp\u0000\u0019\u00fa S.L.', address: 'Sal ←p0AA ↔V0 street', taxId: 'B1\u001dV\u00002' };
  const bytes = renderDocument(deliveryNoteOf(order, context(hostile, 'en')))(tm88);
  const text = paper(bytes);
  assert.equal(kicks(bytes), 0);
  assert.equal(cuts(bytes), 1);
  assert.ok(text.includes('              DELIVERY NOTE'), text.join('\n'));
  assert.ok(text.some((l) => l.trim() === 'Tax ID: B1V2'), text.join('\n'));
  assert.ok(text.some((l) => l.startsWith('  NOT SUPPLIED (short): 2 pcs')), text.join('\n'));
});

test('an exchange’s note is titled as one, with the legal identity, what came back, what was taken at today’s price and how the difference was settled', () => {
  const quote = {
    returned: [{ lineId: 'L1', sku: 'SKU-OIL', qty: 1, unitPriceCents: 1013, vatRateBp: 1000 }],
    taken: [{ sku: 'SKU-SOAP', name: 'Jabón de manos Añil', qty: 1, unitPriceCents: 3449, vatRateBp: 2100 }],
    returnedCents: 1013, newCents: 3449, differenceCents: 2436, approvalCents: 2000, needsManager: true,
  };
  const document = orderReturnReceipt(
    order,
    { returnId: 'R-1A2B', refundMethod: 'exchange', lines: [{ lineId: 'L1', qty: 1, reason: 'changed-mind' }], exchange: { newOrderId: 'W-2026-0042-X1', quote, settlement: 'collected', method: 'cash' } },
    context(legal),
  );
  assert.ok(printableDocumentSchema.safeParse(document).success);
  const text = paper(renderDocument(document)(tm88));
  for (const expected of [
    '          Mostrador Centro, S.L.',
    '              NIF: B12345678',
    '              NOTA DE CAMBIO',
    '  1 ud.  IVA 10 %                 -10,13 €',
    '  Cambio de opinión',
    'Se lleva (pedido W-2026-0042-X1):',
    '  1 x 34,49 €  IVA 21 %            34,49 €',
    'DIFERENCIA                         24,36 €',
    'Cobrada                           Efectivo',
    '    Este documento no es una factura.',
  ]) {
    assert.ok(text.includes(expected), `missing «${expected}» in\n${text.join('\n')}`);
  }
  // A plain return is a return note.
  const plain = paper(renderDocument(orderReturnReceipt(order, { returnId: 'R-9', refundMethod: 'card', lines: [{ lineId: 'L1', qty: 1, reason: 'damaged' }] }, context(legal)))(tm88));
  assert.ok(plain.includes('            NOTA DE DEVOLUCIÓN'), plain.join('\n'));
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodeZplLabel, zplFieldText } from '../../../drivers/label/zpl-encoder';
import { zplProfiles, zplShelfLabel, zplShelfLabels } from '../../../drivers/label/zpl-shelf-label';
import { previewZplFormat, renderZplPreview, splitZplFormats } from '../../../drivers/label/zpl-preview';
import { VirtualZplPrinterCore } from '../../../drivers/label/virtual-zpl-printer';
import { shelfLabelText, storeLocalTime, unitPriceCents, type ShelfLabelFacts } from '../../../drivers/label/shelf-label';

const olive: ShelfLabelFacts = {
  name: 'Aceite de oliva virgen extra 750 ml',
  priceCents: 7_49,
  netContent: { amount: 0.75, unit: 'l' },
  reduction: { previousCents: 8_99, lowest30dCents: 7_99 },
  ean13: '8412345678905',
  location: 'A03-2-15',
  validFrom: '2026-12-01T08:00:00.000Z',
  validUntil: null,
  timeZone: 'Europe/Madrid',
};

test('a shelf label encodes to these exact ZPL bytes (golden)', () => {
  const zpl = encodeZplLabel(zplShelfLabel(olive, zplProfiles['zpl-203dpi']));
  assert.equal(
    zpl,
    [
      '^XA',
      '^CI28',
      '^PW464',
      '^LL320',
      '^FO16,12^A0N,28,28^FB432,2,0,L,0^FDAceite de oliva virgen extra 750 ml^FS',
      '^FO16,80^A0N,72,72^FD7,49 €^FS',
      '^FO272,88^A0N,24,24^FDAntes: 8,99 €^FS',
      '^FO16,160^A0N,24,24^FD9,99 €/l^FS',
      '^FO16,192^A0N,20,20^FB248,3,0,L,0^FDPrecio más bajo últimos 30 días: 7,99 €^FS',
      '^FO272,160^BY2^BEN,40,Y,N^FD841234567890^FS',
      '^FO16,292^A0N,20,20^FDA03-2-15 · Desde 2026-12-01 09:00^FS',
      '^PQ1',
      '^XZ',
      '',
    ].join('\n'),
  );
});

test('field data loses control bytes and the ZPL command prefixes ^ and ~, so a name cannot become a command', () => {
  assert.equal(zplFieldText('Gel\u0000 ^XZ~JA^FDhack\u001b\u007f\u0085 ok'), 'Gel XZJAFDhack ok');
  const zpl = encodeZplLabel({ widthDots: 100, heightDots: 100, fields: [{ kind: 'text', x: 0, y: 0, height: 20, text: 'A^XZ^XA~JR\r\nB' }] });
  // One format only: the hostile text left no command behind.
  assert.equal(splitZplFormats(zpl).formats.length, 1);
  assert.equal((zpl.match(/\^XZ/g) ?? []).length, 1);
  assert.ok(!zpl.includes('~'));
  assert.ok(zpl.includes('^FDAXZXAJRB^FS'));
});

test('the unit price is per kg, l or unit, and the reduction note says what the 30-day rule asks, in Spanish or English', () => {
  assert.equal(unitPriceCents(7_49, { amount: 0.75, unit: 'l' }), 9_99);
  assert.equal(unitPriceCents(3_00, { amount: 6, unit: 'unit' }), 50);
  assert.equal(unitPriceCents(3_00, null), null);
  const es = shelfLabelText(olive);
  assert.equal(es.unitPrice, '9,99 €/l');
  assert.equal(es.reductionNote, 'Precio más bajo últimos 30 días: 7,99 €');
  const en = shelfLabelText({ ...olive, reduction: { previousCents: 8_99, lowest30dCents: null } }, 'en');
  assert.equal(en.reductionNote, 'Lowest price in the last 30 days: not available');
  assert.equal(shelfLabelText({ ...olive, reduction: null }).reductionNote, null);
  // Labels' dates are the store's local time: 08:00 UTC is 09:00 in Madrid in winter, 10:00 in summer.
  assert.equal(storeLocalTime('2026-12-01T08:00:00Z', 'Europe/Madrid'), '2026-12-01 09:00');
  assert.equal(storeLocalTime('2026-07-01T08:00:00Z', 'Europe/Madrid'), '2026-07-01 10:00');
});

test('the virtual ZPL printer reads labels split across chunks back into a readable preview', () => {
  const core = new VirtualZplPrinterCore();
  const wire = core.attach();
  const bytes = zplShelfLabels([olive, { ...olive, name: 'Jabón', reduction: null, ean13: null }], zplProfiles['zpl-203dpi']);
  // Cut in the middle of a multi-byte "€" and of a command.
  for (const cut of [[0, 37], [37, 120], [120, bytes.length]] as const) wire.receive(bytes.subarray(cut[0], cut[1]));
  assert.equal(core.labels.length, 2);
  assert.equal(core.bytesReceived, bytes.length);
  const [first, second] = core.previews();
  assert.equal(
    first,
    ['Aceite de oliva virgen extra 750 ml', '7,49 €', 'Antes: 8,99 €', '9,99 €/l', '[EAN-13 841234567890]', 'Precio más bajo últimos 30 días: 7,99 €', 'A03-2-15 · Desde 2026-12-01 09:00'].join('\n'),
  );
  assert.equal(second, ['Jabón', '7,49 €', '9,99 €/l', 'A03-2-15 · Desde 2026-12-01 09:00'].join('\n'));
  assert.equal(renderZplPreview(previewZplFormat('^XA^FO1,1^A0N,10,10^FDx^FS^PQ3^XZ')), 'x');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDigitalLink } from '../../../drivers/barcode/gs1-digital-link';
import type { DigitalLinkResult } from '../../../drivers/barcode/gs1-digital-link';
import { interpretCode, interpretScan, isMisread, scanFromText } from '../../../drivers/barcode/scan';

const at2026 = { referenceYear: 2026 };
const options = { variableMeasureLayouts: [], referenceYear: 2026 };
const pairs = (r: DigitalLinkResult) => (r.ok ? r.elements.map((e) => [e.ai, e.value]) : r);

test('the issue’s QR code: key in the path, batch as key qualifier, expiry as data attribute', () => {
  const read = interpretCode('https://example.com/01/09501101530003/10/LOT42?17=261231', options);
  assert.equal(read.kind, 'gs1');
  assert.ok(read.kind === 'gs1');
  assert.equal(read.gtin14, '09501101530003');
  assert.equal(read.digitalLink, true);
  assert.deepEqual(
    read.elements.map((e) => [e.ai, e.value, e.date?.iso]),
    [
      ['01', '09501101530003', undefined],
      ['10', 'LOT42', undefined],
      ['17', '261231', '2026-12-31'],
    ],
  );
});

test('from QR, DataMatrix and DotCode alike, with the scanner’s AIM identifier', () => {
  for (const aim of [']Q1', ']d1', ']J0']) {
    const scan = scanFromText(`${aim}https://brand.example/01/09501101530003/21/SN%2F7?3103=000750\r`, { device: 't', at: 0 });
    const read = interpretScan(scan, options);
    assert.equal(read.kind, 'gs1', aim);
    assert.ok(read.kind === 'gs1');
    assert.deepEqual(read.elements.map((e) => [e.ai, e.value]), [
      ['01', '09501101530003'],
      ['21', 'SN/7'], // percent-decoded
      ['3103', '000750'],
    ]);
    assert.deepEqual(read.embedded, { kind: 'weight', value: 750 }); // as a variable-measure EAN's weight
  }
});

test('primary keys besides the GTIN, qualifier order, custom path before the key, any domain', () => {
  assert.deepEqual(pairs(parseDigitalLink('https://id.gs1.org/414/9501101530003/254/DOCK-1', at2026)), [
    ['414', '9501101530003'],
    ['254', 'DOCK-1'],
  ]);
  assert.deepEqual(pairs(parseDigitalLink('https://brand.example:8443/shop/products/8004/0950ASSET-42', at2026)), [['8004', '0950ASSET-42']]);
  assert.deepEqual(pairs(parseDigitalLink('https://x.example/00/106141411234567897', at2026)), [['00', '106141411234567897']]);
  // 22, 10, 21 in that order; 235 is the other sequence and may not be mixed in.
  assert.equal(parseDigitalLink('https://x.example/01/09501101530003/22/C/10/L/21/S', at2026).ok, true);
  assert.deepEqual(parseDigitalLink('https://x.example/01/09501101530003/21/S/10/L', at2026), { ok: false, reason: 'no-primary-key', position: 18 });
  assert.equal(parseDigitalLink('https://x.example/01/09501101530003/10/L/235/T', at2026).ok, false);
  // A GTIN-13 in the path is the GTIN-14 with a leading zero, when the reader allows it as the store does (GS1's reference does not by default).
  assert.deepEqual(pairs(parseDigitalLink('https://x.example/01/9501101530003', { ...at2026, zeroSuppressedGtin: true })), [['01', '09501101530003']]);
  assert.deepEqual(parseDigitalLink('https://x.example/01/9501101530003', at2026), { ok: false, reason: 'too-short', ai: '01', position: 18 });
  // Non-AI query keys (linkType…) are for the resolver.
  assert.deepEqual(pairs(parseDigitalLink('https://x.example/01/09501101530003?linkType=gs1:pip&15=270100', at2026)), [
    ['01', '09501101530003'],
    ['15', '270100'],
  ]);
});

test('scheme all lower or all upper; a mixed-case scheme or a URI without a primary key is a misread', () => {
  assert.equal(interpretCode('HTTPS://EXAMPLE.COM/01/09501101530003', options).kind, 'gs1');
  assert.equal(interpretCode('http://example.com/01/09501101530003', options).kind, 'gs1');
  for (const [text, detail] of [
    ['Https://example.com/01/09501101530003', 'bad-scheme'],
    ['hTTP://example.com/01/09501101530003', 'bad-scheme'],
    ['https://example.com/about/us', 'no-primary-key'],
    ['https://example.com/', 'no-primary-key'],
    ['https://example.com/01/09501101530004', 'bad-check-digit'],
    ['https://example.com/01/09501101530003?17=261331', 'bad-date'],
    ['https://example.com/01/09501101530003?21=S1', 'bad-attribute'], // 21 is a qualifier, not an attribute
    // A "%" without two hex digits is itself, as GS1's reference reads it; é is outside every GS1 character set.
    ['https://example.com/01/09501101530003/10/%E0%A4%A', 'bad-character'],
    ['https://example.com/01/09501101530003/10/L%00T', 'bad-uri'],
    ['https://example.com/01/09501101530003/10/L\u00e9', 'bad-uri'],
  ] as const) {
    const read = interpretCode(text, options);
    assert.deepEqual(read, { kind: 'malformed', reason: 'bad-digital-link', detail }, text);
    assert.ok(read.kind === 'malformed' && isMisread(read.reason));
  }
});

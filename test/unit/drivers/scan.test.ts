import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { makeGtin } from '../../../drivers/barcode/gtin';
import { consoleCode, interpretCode, interpretScan, isMisread, scanFromBytes, scanFromText } from '../../../drivers/barcode/scan';
import type { InterpretOptions } from '../../../drivers/barcode/scan';
import { defaultVariableMeasureLayouts, makeVariableMeasure } from '../../../drivers/barcode/variable-measure';

const GS = '\x1d';
const options: InterpretOptions = { variableMeasureLayouts: defaultVariableMeasureLayouts, referenceYear: 2026 };
const read = (text: string, opts: InterpretOptions = options) => interpretCode(text, opts);

test('GTINs of every length, with scanner whitespace and CR/LF around them', () => {
  assert.deepEqual(read(' 4006381333931\r\n'), { kind: 'gtin', gtin14: '04006381333931', gtinKind: 'GTIN-13' });
  assert.deepEqual(read('036000291452'), { kind: 'gtin', gtin14: '00036000291452', gtinKind: 'GTIN-12' });
  assert.deepEqual(read('96385074'), { kind: 'gtin', gtin14: '00000096385074', gtinKind: 'GTIN-8' });
  assert.deepEqual(read('\t19501101530000\n'), { kind: 'gtin', gtin14: '19501101530000', gtinKind: 'GTIN-14' });
  assert.deepEqual(read(']E04006381333931'), { kind: 'gtin', gtin14: '04006381333931', gtinKind: 'GTIN-13' });
});

test('a GTIN-shaped number with a wrong check digit is a misread, never an internal code', () => {
  assert.deepEqual(read('4006381333932'), { kind: 'malformed', reason: 'bad-check-digit' });
  assert.deepEqual(read('96385075'), { kind: 'malformed', reason: 'bad-check-digit' });
  assert.deepEqual(read('2100100012503'), { kind: 'malformed', reason: 'bad-check-digit' });
});

test('a GS1 element string without AIM identifier or GS that fails its checks is a misread, never an internal code', () => {
  // AI 01 with a wrong check digit (…0003 is right).
  assert.deepEqual(read('0109501101530004'), { kind: 'malformed', reason: 'bad-gs1', detail: 'bad-check-digit' });
  // A right key followed by an impossible expiry date, and a key cut short.
  assert.deepEqual(read('010950110153000317141304'), { kind: 'malformed', reason: 'bad-gs1', detail: 'bad-date' });
  assert.deepEqual(read('010950110153000'), { kind: 'malformed', reason: 'bad-gs1', detail: 'too-short' });
  assert.deepEqual(read('0109501101530004' + '10AB-123'), { kind: 'malformed', reason: 'bad-gs1', detail: 'bad-check-digit' });
  // Still read when whole: a GS1-128 whose scanner dropped FNC1.
  assert.equal(read('010950110153000317140704').kind, 'gs1');
});

test('a GS1 DataMatrix with no GS in its data is read as GS1 from its AIM identifier, from the bytes on', () => {
  const raw = new TextEncoder().encode(']d2010950110153000317140704' + '10AB-123\r');
  const scan = scanFromBytes(raw, { device: 'serial::::/dev/ttyS0', at: 7 });
  assert.deepEqual([scan.symbology, scan.text], ['GS1 DataMatrix', '010950110153000317140704' + '10AB-123']);
  const read = interpretScan(scan, options);
  assert.equal(read.kind, 'gs1');
  assert.deepEqual(read.kind === 'gs1' && read.elements.map((e) => [e.ai, e.value]), [['01', '09501101530003'], ['17', '140704'], ['10', 'AB-123']]);
  // Data without an identification key up front reads as a store code when its symbology is lost on the way.
  const keyless = scanFromText(']d21714070410AB-123', { device: 'serial::::/dev/ttyS0', at: 8 });
  assert.equal(interpretScan(keyless, options).kind, 'gs1');
  assert.deepEqual(interpretScan({ text: keyless.text, symbology: null }, options), { kind: 'internal', code: '1714070410AB-123' });
});

test('a prefix-21 label with a layout is variable measure, keyed by prefix + item', () => {
  assert.deepEqual(read('2100100012502'), {
    kind: 'variable-measure',
    itemCode: '2100100',
    ean13: '2100100012502',
    embedded: { kind: 'weight', value: 1250 },
  });
  assert.deepEqual(read('2401236146858'), {
    kind: 'variable-measure',
    itemCode: '240123',
    ean13: '2401236146858',
    embedded: { kind: 'price', value: 14685 },
  });
});

test('a wrong price check digit is malformed, not a different price', () => {
  // 24 0123 [5] 14685: the price check digit should be 6; the EAN-13 check digit is right for these digits.
  assert.deepEqual(read('2401235146859'), { kind: 'malformed', reason: 'bad-price-check-digit' });
});

test('restricted-circulation numbers without a layout are internal store codes', () => {
  assert.deepEqual(read('2000001000007'), { kind: 'internal', code: '2000001000007' });
  assert.deepEqual(read('2100100012502', { ...options, variableMeasureLayouts: [] }), { kind: 'internal', code: '2100100012502' });
  // A UPC-A starting 2 is the EAN-13 starting 02: keyed by that 13-digit form whichever was scanned.
  const upc = makeGtin('20000010000');
  assert.deepEqual(read(upc, { ...options, variableMeasureLayouts: [] }), { kind: 'internal', code: `0${upc}` });
  assert.deepEqual(read(`0${upc}`, { ...options, variableMeasureLayouts: [] }), { kind: 'internal', code: `0${upc}` });
  assert.deepEqual(read(makeGtin('041234567890')), { kind: 'internal', code: makeGtin('041234567890') });
  assert.deepEqual(read(makeGtin('2123456')), { kind: 'internal', code: makeGtin('2123456') }); // RCN-8
});

test('GS1 element strings: FNC1 form, bracketed form, and a GS1 symbology without any GS', () => {
  const expected = {
    kind: 'gs1',
    gtin14: '09501101530003',
    elements: [
      { ai: '01', title: 'GTIN', value: '09501101530003' },
      { ai: '17', title: 'USE BY or EXPIRY', value: '140704', date: { year: 2014, month: 7, day: 4, dayGiven: true, iso: '2014-07-04' } },
      { ai: '10', title: 'BATCH/LOT', value: 'AB-123' },
    ],
  };
  assert.deepEqual(read('(01)09501101530003(17)140704(10)AB-123'), expected);
  assert.deepEqual(read(']C1010950110153000317140704' + '10AB-123'), expected);
  assert.deepEqual(read(`0109501101530003${GS}17140704` + `10AB-123\r\n`), expected);
  assert.deepEqual(interpretScan({ text: '010950110153000317140704' + '10AB-123', symbology: 'GS1 DataMatrix' }, options), expected);
  // Without any GS1 sign the heuristic still believes a whole, check-digit-valid element string.
  assert.deepEqual(read('0109501101530003'), { kind: 'gs1', gtin14: '09501101530003', elements: [{ ai: '01', title: 'GTIN', value: '09501101530003' }] });
});

test('a broken GS1 element string is malformed with the parser reason', () => {
  assert.deepEqual(read('(01)09501101530004'), { kind: 'malformed', reason: 'bad-gs1', detail: 'bad-check-digit' });
  assert.deepEqual(read(']C1231234'), { kind: 'malformed', reason: 'bad-gs1', detail: 'unknown-ai' });
  assert.deepEqual(read(`10AB${GS}17141399`), { kind: 'malformed', reason: 'bad-gs1', detail: 'bad-date' });
});

test('the console QR codes for orders and returns', () => {
  assert.equal(consoleCode('order', 'WEB-2026-000123'), 'MOSTRADOR:ORDER:WEB-2026-000123');
  assert.deepEqual(read(consoleCode('order', 'WEB-2026-000123')), { kind: 'order', orderId: 'WEB-2026-000123' });
  assert.deepEqual(read(`]Q1${consoleCode('return', 'R.77')}`), { kind: 'return', returnId: 'R.77' });
  assert.deepEqual(read('mostrador:order:a1'), { kind: 'order', orderId: 'a1' }); // Caps Lock on a wedge
  assert.deepEqual(read('MOSTRADOR:ORDER:'), { kind: 'malformed', reason: 'bad-console-code' });
  assert.deepEqual(read('MOSTRADOR:PARCEL:1'), { kind: 'malformed', reason: 'bad-console-code' });
  assert.deepEqual(read(`MOSTRADOR:ORDER:${'x'.repeat(65)}`), { kind: 'malformed', reason: 'bad-console-code' });
  assert.throws(() => consoleCode('order', 'has space'), RangeError);
});

test('short store codes are internal; anything else is malformed, with a reason', () => {
  assert.deepEqual(read('MS-000123'), { kind: 'internal', code: 'MS-000123' });
  assert.deepEqual(read('12345'), { kind: 'internal', code: '12345' });
  assert.deepEqual(read('A'), { kind: 'internal', code: 'A' });
  assert.deepEqual(read(''), { kind: 'malformed', reason: 'empty' });
  assert.deepEqual(read(' \r\n'), { kind: 'malformed', reason: 'empty' });
  assert.deepEqual(read(']C0'), { kind: 'malformed', reason: 'empty' });
  assert.deepEqual(read('AB\x01C'), { kind: 'malformed', reason: 'control-character' });
  assert.deepEqual(read('AB\rC'), { kind: 'malformed', reason: 'control-character' });
  assert.deepEqual(read('AB\x85C'), { kind: 'malformed', reason: 'control-character' });
  assert.deepEqual(read('A'.repeat(21)), { kind: 'malformed', reason: 'unrecognised' });
  assert.deepEqual(read('-AB'), { kind: 'malformed', reason: 'unrecognised' });
  assert.deepEqual(read('jamón'), { kind: 'malformed', reason: 'unrecognised' });
});

test('scans from bytes: AIM identifier becomes the symbology, the terminator goes, raw stays', () => {
  const raw = new TextEncoder().encode(']E04006381333931\r\n');
  const scan = scanFromBytes(raw, { device: 'usb:05e0:1200:SN1', at: 1000 });
  assert.deepEqual(scan, { raw, symbology: 'EAN-13', text: '4006381333931', device: 'usb:05e0:1200:SN1', at: 1000 });
  assert.deepEqual(interpretScan(scan, options), { kind: 'gtin', gtin14: '04006381333931', gtinKind: 'GTIN-13' });
  // Not UTF-8: read byte for byte as Latin-1.
  assert.equal(scanFromBytes(Uint8Array.of(0x4a, 0x61, 0x6d, 0xf3, 0x6e), { device: 'd', at: 0 }).text, 'Jamón');
  assert.equal(scanFromText(']X9ABC', { device: 'wedge', at: 5 }).symbology, ']X9');
  assert.equal(scanFromText('ABC', { device: 'wedge', at: 5 }).symbology, null);
  assert.deepEqual([...scanFromText('A\x1dB', { device: 'wedge', at: 5 }).raw], [0x41, 0x1d, 0x42]);
});

test('property: interpretCode never throws and always names a kind', () => {
  const kinds = new Set(['gtin', 'variable-measure', 'gs1', 'order', 'return', 'internal', 'malformed']);
  const alphabet = fc.constantFrom('0', '1', '2', '4', '9', '(', ')', ']', 'C', 'E', GS, '\r', ' ', 'M', ':');
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: alphabet, maxLength: 40 }), fc.stringMatching(/^\d{1,20}$/)), (s) => {
      assert.ok(kinds.has(read(s).kind));
    }),
    { numRuns: 3000 },
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      const scan = scanFromBytes(bytes, { device: 'fuzz', at: 0 });
      assert.ok(kinds.has(interpretScan(scan, options).kind));
    }),
  );
});

test('property: a valid GTIN that is not restricted circulation always reads as that GTIN', () => {
  const body = fc.constantFrom(7, 11, 12, 13).chain((n) => fc.stringMatching(new RegExp(`^[135-9]\\d{${n - 1}}$`)));
  fc.assert(
    fc.property(body, (b) => {
      const gtin = makeGtin(b);
      const r = read(gtin);
      assert.equal(r.kind, 'gtin');
      assert.equal(r.kind === 'gtin' && r.gtin14, gtin.padStart(14, '0'));
    }),
  );
});

test('property: a GTIN-shaped number with a wrong check digit is always malformed', () => {
  const body = fc.constantFrom(7, 11, 12, 13).chain((n) => fc.stringMatching(new RegExp(`^\\d{${n}}$`)));
  fc.assert(
    fc.property(body, fc.integer({ min: 1, max: 9 }), (b, shift) => {
      const good = makeGtin(b);
      assert.deepEqual(read(`${b}${(Number(good.slice(-1)) + shift) % 10}`), { kind: 'malformed', reason: 'bad-check-digit' });
    }),
  );
});

test('property: every label a default layout prints reads back as variable measure', () => {
  fc.assert(
    fc.property(fc.constantFrom(...defaultVariableMeasureLayouts), fc.nat(), fc.nat(), (l, itemSeed, valueSeed) => {
      const item = String(itemSeed % 10 ** l.itemDigits).padStart(l.itemDigits, '0');
      const value = valueSeed % 10 ** l.valueDigits;
      const label = makeVariableMeasure(l, item, value);
      // Prefix 02 labels are printed as UPC-A: 12 digits.
      const printed = l.prefix === '02' ? label.slice(1) : label;
      assert.deepEqual(read(printed), { kind: 'variable-measure', itemCode: `${l.prefix}${item}`, ean13: label, embedded: { kind: l.kind, value } });
    }),
  );
});

test('the AIM identifier decides: plain data behind a non-GS1 symbology, an empty GS1 symbol or an EAN without its digits is not read as GS1', () => {
  // A QR Code or Data Matrix without FNC1 carries text, even text shaped like an element string (GS1's reference reads it so).
  assert.deepEqual(read(']Q10109501101530003'), { kind: 'internal', code: '0109501101530003' });
  assert.deepEqual(read(`]d1MS-1${GS}X`), { kind: 'malformed', reason: 'unrecognised' });
  const qr = scanFromText(']Q10109501101530003\r', { device: 't', at: 0 });
  assert.deepEqual(interpretScan(qr, options), { kind: 'internal', code: '0109501101530003' });
  // The same digits from a GS1 DataMatrix are a GTIN element string.
  assert.equal(read(']d20109501101530003').kind, 'gs1');
  assert.deepEqual(read(']e0'), { kind: 'malformed', reason: 'bad-gs1', detail: 'empty' });
  assert.deepEqual(read(']E0036000291452'), { kind: 'malformed', reason: 'bad-symbol-data' });
  assert.deepEqual(read(']E4123ABC78'), { kind: 'malformed', reason: 'bad-symbol-data' });
  assert.ok(isMisread('bad-symbol-data'));
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { gtinCheckDigit, makeGtin, parseGtin } from '../../../drivers/barcode/gtin';

test('printed GTINs of every length are accepted and normalised to GTIN-14', () => {
  // Examples printed on real packs and in the GS1 General Specifications.
  assert.deepEqual(parseGtin('96385074'), { ok: true, gtin14: '00000096385074', kind: 'GTIN-8' });
  assert.deepEqual(parseGtin('036000291452'), { ok: true, gtin14: '00036000291452', kind: 'GTIN-12' });
  assert.deepEqual(parseGtin('4006381333931'), { ok: true, gtin14: '04006381333931', kind: 'GTIN-13' });
  assert.deepEqual(parseGtin('09501101530003'), { ok: true, gtin14: '09501101530003', kind: 'GTIN-14' });
});

test('a UPC-A and the same number read as EAN-13 key to one GTIN-14', () => {
  const upc = parseGtin('036000291452');
  const ean = parseGtin('0036000291452');
  assert.ok(upc.ok && ean.ok);
  assert.equal(upc.gtin14, ean.gtin14);
});

test('refusals say why: letters, a length GS1 has no GTIN for, a wrong check digit', () => {
  assert.deepEqual(parseGtin('40063813339A1'), { ok: false, reason: 'not-digits' });
  assert.deepEqual(parseGtin(''), { ok: false, reason: 'not-digits' });
  assert.deepEqual(parseGtin('4006381333931 '), { ok: false, reason: 'not-digits' });
  assert.deepEqual(parseGtin('１２３４５６７８'), { ok: false, reason: 'not-digits' }); // full-width digits are not barcode data
  assert.deepEqual(parseGtin('1234567890'), { ok: false, reason: 'bad-length' });
  assert.deepEqual(parseGtin('4006381333932'), { ok: false, reason: 'bad-check-digit' });
});

test('makeGtin appends the check digit the demo catalog needs, and refuses other body lengths', () => {
  assert.equal(makeGtin('950110153000'), '9501101530003');
  assert.equal(makeGtin('9638507'), '96385074');
  assert.equal(gtinCheckDigit('03600029145'), 2);
  assert.throws(() => makeGtin('12345'), RangeError);
  assert.throws(() => makeGtin('12345678901x'), RangeError);
});

const body = fc.constantFrom(7, 11, 12, 13).chain((n) => fc.stringMatching(new RegExp(`^\\d{${n}}$`)));

test('property: every made GTIN parses, and left zero-padding to 14 round-trips', () => {
  fc.assert(
    fc.property(body, (b) => {
      const gtin = makeGtin(b);
      const parsed = parseGtin(gtin);
      assert.ok(parsed.ok);
      assert.equal(parsed.gtin14, gtin.padStart(14, '0'));
      assert.equal(parsed.gtin14.length, 14);
      const again = parseGtin(parsed.gtin14);
      assert.ok(again.ok);
      assert.equal(again.gtin14, parsed.gtin14);
    }),
  );
});

test('property: any single wrong check digit is rejected', () => {
  fc.assert(
    fc.property(body, fc.integer({ min: 1, max: 9 }), (b, shift) => {
      const good = makeGtin(b);
      const wrong = `${b}${(Number(good.slice(-1)) + shift) % 10}`;
      assert.deepEqual(parseGtin(wrong), { ok: false, reason: 'bad-check-digit' });
    }),
  );
});

test('property: a single substituted digit anywhere is caught by mod 10', () => {
  fc.assert(
    fc.property(body, fc.nat(), fc.integer({ min: 1, max: 9 }), (b, at, shift) => {
      const good = makeGtin(b);
      const i = at % good.length;
      const digits = [...good];
      digits[i] = String((Number(digits[i]) + shift) % 10);
      assert.equal(parseGtin(digits.join('')).ok, false);
    }),
  );
});

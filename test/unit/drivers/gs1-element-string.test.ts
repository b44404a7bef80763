import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { makeGtin } from '../../../drivers/barcode/gtin';
import { applicationIdentifierTitle, formatElementString, parseElementString, resolveGs1Year } from '../../../drivers/barcode/gs1-element-string';
import type { Gs1Result } from '../../../drivers/barcode/gs1-element-string';
import { interpretCode } from '../../../drivers/barcode/scan';

const GS = '\x1d';
const at2026 = { referenceYear: 2026 };
const pairs = (r: Gs1Result) => (r.ok ? r.elements.map((e) => [e.ai, e.value]) : r);

test('the GS1 General Specifications example parses in bracketed and FNC1 form alike', () => {
  const expected = [
    ['01', '09501101530003'],
    ['17', '140704'],
    ['10', 'AB-123'],
  ];
  assert.deepEqual(pairs(parseElementString('(01)09501101530003(17)140704(10)AB-123', at2026)), expected);
  assert.deepEqual(pairs(parseElementString('0109501101530003' + '17140704' + '10AB-123', at2026)), expected);
  // FNC1 in first position is implied, never data: a GS there is not an AI (GS1's reference agrees).
  assert.deepEqual(parseElementString(`${GS}010950110153000317140704${GS}10AB-123`, at2026), { ok: false, reason: 'unknown-ai', position: 0 });
});

test('a variable-length field ends at GS; fixed-length fields need none', () => {
  const r = parseElementString(`0109501101530003` + `10LOT42${GS}` + `21SN-7${GS}` + `3103001250` + `15260300`, at2026);
  assert.deepEqual(pairs(r), [
    ['01', '09501101530003'],
    ['10', 'LOT42'],
    ['21', 'SN-7'],
    ['3103', '001250'],
    ['15', '260300'],
  ]);
});

test('dates: YYMMDD with DD=00 meaning the whole month, resolved to its last day', () => {
  const r = parseElementString('(17)140704(15)240200(11)250200', at2026);
  assert.ok(r.ok);
  assert.deepEqual(r.elements[0]!.date, { year: 2014, month: 7, day: 4, dayGiven: true, iso: '2014-07-04' });
  assert.deepEqual(r.elements[1]!.date, { year: 2024, month: 2, day: 29, dayGiven: false, iso: '2024-02-29' }); // leap year
  assert.equal(r.elements[2]!.date?.iso, '2025-02-28');
  assert.equal(parseElementString('(17)141304', at2026).ok, false);
  assert.deepEqual(parseElementString('(17)250229', at2026), { ok: false, reason: 'bad-date', ai: '17', position: 0, linter: 'yymmd0' });
  assert.equal(parseElementString('(17)240229', at2026).ok, true);
  assert.deepEqual(parseElementString('(11)240431', at2026), { ok: false, reason: 'bad-date', ai: '11', position: 0, linter: 'yymmd0' });
});

test('two-digit years slide with the calendar (GS1 7.12: up to 50 years ahead, 49 behind)', () => {
  assert.equal(resolveGs1Year(14, 2026), 2014);
  assert.equal(resolveGs1Year(76, 2026), 2076); // 50 ahead: still this century
  assert.equal(resolveGs1Year(77, 2026), 1977); // 51 ahead: the previous century
  assert.equal(resolveGs1Year(99, 2026), 1999);
  assert.equal(resolveGs1Year(25, 2075), 2125); // 50 behind: the next century
  assert.equal(resolveGs1Year(26, 2075), 2026);
});

test('measures carry their implied decimals; 393n carries an ISO 4217 currency', () => {
  // 392n and 393n exclude each other (Syntax Dictionary "ex="), so the two prices come from two labels.
  const r = parseElementString('(01)09501101530003(3103)001250(3202)000450(3922)1299', at2026);
  const r2 = parseElementString('(01)09501101530003(3932)978000001999', at2026);
  assert.ok(r.ok && r2.ok);
  const byAi = Object.fromEntries([...r.elements, ...r2.elements].map((e) => [e.ai, e]));
  assert.deepEqual(byAi['3103']!.amount, { digits: '001250', decimals: 3, value: 1.25 });
  assert.equal(byAi['3103']!.title, 'NET WEIGHT (kg)');
  assert.deepEqual(byAi['3202']!.amount, { digits: '000450', decimals: 2, value: 4.5 });
  assert.deepEqual(byAi['3922']!.amount, { digits: '1299', decimals: 2, value: 12.99 });
  assert.equal(byAi['3932']!.currency, '978');
  assert.deepEqual(byAi['3932']!.amount, { digits: '000001999', decimals: 2, value: 19.99 });
});

test('check digits of 00, 01 and 02 are validated', () => {
  assert.deepEqual(parseElementString('(01)09501101530004', at2026), { ok: false, reason: 'bad-check-digit', ai: '01', position: 0, linter: 'csum' });
  assert.deepEqual(parseElementString(`0209501101530004`, at2026), { ok: false, reason: 'bad-check-digit', ai: '02', position: 0, linter: 'csum' });
  // SSCCs from GS1 worked examples.
  assert.deepEqual(pairs(parseElementString('(00)106141411234567897', at2026)), [['00', '106141411234567897']]);
  assert.equal(parseElementString('00376104250021234569', at2026).ok, true);
  assert.deepEqual(parseElementString('00376104250021234568', at2026), { ok: false, reason: 'bad-check-digit', ai: '00', position: 0, linter: 'csum' });
});

test('typed errors: unknown AI, short fixed field, long variable field, letters in numeric, charset, duplicates', () => {
  assert.deepEqual(parseElementString('', at2026), { ok: false, reason: 'empty', position: 0 });
  assert.deepEqual(parseElementString(GS, at2026), { ok: false, reason: 'unknown-ai', position: 0 });
  assert.deepEqual(parseElementString('23ABC', at2026), { ok: false, reason: 'unknown-ai', position: 0 }); // 23x: only 235 is assigned
  assert.deepEqual(parseElementString('01095011015300', at2026), { ok: false, reason: 'too-short', ai: '01', position: 0 });
  assert.deepEqual(parseElementString(`10${'A'.repeat(21)}`, at2026), { ok: false, reason: 'too-long', ai: '10', position: 0 });
  assert.deepEqual(parseElementString(`10${GS}21X`, at2026), { ok: false, reason: 'too-short', ai: '10', position: 0 });
  assert.deepEqual(parseElementString('(30)12A', at2026), { ok: false, reason: 'not-numeric', ai: '30', position: 0 });
  assert.deepEqual(parseElementString('(10)AB 12', at2026), { ok: false, reason: 'bad-character', ai: '10', position: 0 });
  assert.deepEqual(parseElementString('(10)Ñ', at2026), { ok: false, reason: 'bad-character', ai: '10', position: 0 });
  assert.deepEqual(parseElementString(`10A${GS}10B`, at2026), { ok: false, reason: 'duplicate-ai', ai: '10', position: 4 });
  // 3102 and 3103 are one quantity twice: the dictionary's ex=310n.
  assert.deepEqual(parseElementString('(3102)001250(3103)001250', at2026), { ok: false, reason: 'conflicting-ai', ai: '3102', position: 0 });
  assert.deepEqual(parseElementString('(01)09501101530003(02)09501101530003', at2026), { ok: false, reason: 'conflicting-ai', ai: '02', position: 18 });
  assert.deepEqual(parseElementString('(01)09501101530003', at2026).ok, true);
  assert.equal(parseElementString(`10A${GS}10A`, at2026).ok, true); // the same element twice says nothing new
  assert.deepEqual(parseElementString('(9)12', at2026), { ok: false, reason: 'bad-bracket', position: 0 });
  assert.deepEqual(parseElementString('(23)12', at2026), { ok: false, reason: 'unknown-ai', position: 0 });
  assert.deepEqual(parseElementString('(01', at2026), { ok: false, reason: 'bad-bracket', position: 0 });
});

test('typed or untagged input: spaces around bracketed values and a leading GS are layout, not data', () => {
  const read = (text: string) => {
    const r = interpretCode(text, { variableMeasureLayouts: [], referenceYear: 2026 });
    return r.kind === 'gs1' ? r.elements.map((e) => [e.ai, e.value]) : r;
  };
  const expected = [
    ['01', '09501101530003'],
    ['10', 'AB-123'],
  ];
  assert.deepEqual(read('(01) 09501101530003 (10) AB-123'), expected);
  // A wedge without AIM identifiers may send the leading FNC1 as GS: then it is the only sign of GS1 data.
  assert.deepEqual(read(`${GS}0109501101530003${GS}10AB-123`), expected);
  // The element-string parser itself reads GS1's syntax as GS1's reference does: a space is data, and outside every character set.
  assert.equal(parseElementString('(01) 09501101530003 (10) AB-123', at2026).ok, false);
  assert.deepEqual(read(`]C1${GS}0109501101530003`), { kind: 'malformed', reason: 'bad-gs1', detail: 'unknown-ai' });
});

test('titles and the human-readable form for screens', () => {
  assert.equal(applicationIdentifierTitle('10'), 'BATCH/LOT');
  assert.equal(applicationIdentifierTitle('3925'), 'PRICE');
  assert.equal(applicationIdentifierTitle('99'), 'INTERNAL');
  assert.equal(applicationIdentifierTitle('23'), undefined);
  assert.equal(applicationIdentifierTitle('constructor'), undefined);
  const r = parseElementString(`0109501101530003${GS}17140704` + `10AB-123`, at2026);
  assert.ok(r.ok);
  assert.equal(formatElementString(r.elements), '(01)09501101530003(17)140704(10)AB-123');
});

test('property: parseElementString never throws, whatever the bytes', () => {
  const alphabet = fc.constantFrom('0', '1', '2', '3', '7', '9', '(', ')', GS, 'A', '-', ' ', 'é', '\n');
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: alphabet, maxLength: 60 }), fc.string({ unit: 'binary' })), (s) => {
      const r = parseElementString(s, at2026);
      assert.equal(typeof r.ok, 'boolean');
      if (!r.ok) assert.equal(typeof r.reason, 'string');
    }),
    { numRuns: 2000 },
  );
});

test('property: GTIN + lot + expiry written either way parses back to the same elements', () => {
  const lot = fc.stringMatching(/^[A-Za-z0-9\-./]{1,20}$/);
  const body = fc.stringMatching(/^\d{13}$/);
  const day = fc.record({ yy: fc.integer({ min: 0, max: 99 }), mm: fc.integer({ min: 1, max: 12 }), dd: fc.integer({ min: 0, max: 28 }) });
  fc.assert(
    fc.property(body, lot, day, (b, l, d) => {
      const gtin = makeGtin(b);
      const yymmdd = [d.yy, d.mm, d.dd].map((n) => String(n).padStart(2, '0')).join('');
      const raw = parseElementString(`01${gtin}17${yymmdd}10${l}`, at2026);
      const human = parseElementString(`(01)${gtin}(17)${yymmdd}(10)${l}`, at2026);
      assert.ok(raw.ok && human.ok);
      assert.deepEqual(raw.elements, human.elements);
      assert.deepEqual(pairs(raw), [
        ['01', gtin],
        ['17', yymmdd],
        ['10', l],
      ]);
    }),
  );
});

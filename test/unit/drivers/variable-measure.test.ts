import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  defaultVariableMeasureLayouts,
  layoutProblem,
  makeVariableMeasure,
  parseVariableMeasure,
  priceCheckDigit,
  variableMeasureLayoutSchema,
  variableMeasureLayoutsSchema,
} from '../../../drivers/barcode/variable-measure';
import type { VariableMeasureLayout } from '../../../drivers/barcode/variable-measure';

const layouts = defaultVariableMeasureLayouts;
const weight21: VariableMeasureLayout = { prefix: '21', kind: 'weight', itemDigits: 5, valueDigits: 5, decimals: 3 };

test('price check digit matches the worked examples of the GS1 General Specifications', () => {
  assert.equal(priceCheckDigit('2875'), 9); // 4-digit field: 2-, 2-, 3, 5-
  assert.equal(priceCheckDigit('14685'), 6); // 5-digit field: 5+, 2-, 5-, 5+, 2-
  assert.throws(() => priceCheckDigit('123'), RangeError);
});

test('a weight label (21, 5 item + 5 value digits) yields the item key and grams', () => {
  // 21 00100 01250 check: 1.250 kg of item 00100
  const label = parseVariableMeasure('2100100012502', layouts);
  assert.ok(label.ok);
  assert.equal(label.itemCode, '2100100');
  assert.equal(label.kind, 'weight');
  assert.equal(label.value, 1250);
});

test('a price label (22) yields cents; the item key is independent of the price', () => {
  const a = parseVariableMeasure(makeVariableMeasure(layouts[2]!, '00100', 349), layouts);
  const b = parseVariableMeasure(makeVariableMeasure(layouts[2]!, '00100', 12000), layouts);
  assert.ok(a.ok && b.ok);
  assert.equal(a.kind, 'price');
  assert.equal(a.value, 349);
  assert.equal(b.value, 12000);
  assert.equal(a.itemCode, '2200100');
  assert.equal(a.itemCode, b.itemCode);
});

test('a 5-digit price with its price check digit (24: item 4, check, value 5) is read and checked', () => {
  // 24 0123 6 14685 8: item 0123, €146.85, price check 6 from the GS1 example.
  const label = parseVariableMeasure('2401236146858', layouts);
  assert.ok(label.ok);
  assert.equal(label.itemCode, '240123');
  assert.equal(label.value, 14685);
  // The same label with the price check digit changed (and the EAN-13 check digit fixed up) is refused.
  assert.deepEqual(parseVariableMeasure(makeLabelWithPriceCheck('24', '0123', 5, '14685'), layouts), { ok: false, reason: 'bad-price-check-digit' });
});

test('a UPC-A "number system 2" label with a 4-digit price check digit reads as prefix 02', () => {
  // 2 12345 9 2875 2 as UPC-A: $28.75, price check 9 from the GS1 example.
  const label = parseVariableMeasure('212345928752', layouts);
  assert.ok(label.ok);
  assert.equal(label.itemCode, '0212345');
  assert.equal(label.value, 2875);
  assert.equal(label.ean13, '0212345928752');
});

test('decimals scale the printed value to grams or cents', () => {
  const tenGrams: VariableMeasureLayout = { prefix: '25', kind: 'weight', itemDigits: 5, valueDigits: 5, decimals: 2 };
  const wholeEuros: VariableMeasureLayout = { prefix: '26', kind: 'price', itemDigits: 5, valueDigits: 5, decimals: 0 };
  const w = parseVariableMeasure(makeVariableMeasure(tenGrams, '00007', 1230), [tenGrams]);
  const p = parseVariableMeasure(makeVariableMeasure(wholeEuros, '00007', 4500), [wholeEuros]);
  assert.ok(w.ok && p.ok);
  assert.equal(w.value, 1230); // printed 00123 at 0.01 kg
  assert.equal(p.value, 4500); // printed 00045 euros
  assert.throws(() => makeVariableMeasure(tenGrams, '00007', 1235), RangeError); // 5 g is below the label's resolution
});

test('typed failures: EAN check digit, no layout for the prefix, not an EAN-13, a broken layout', () => {
  assert.deepEqual(parseVariableMeasure('2100100012503', layouts), { ok: false, reason: 'bad-check-digit' });
  assert.deepEqual(parseVariableMeasure('2000001000007', layouts), { ok: false, reason: 'no-layout' });
  assert.deepEqual(parseVariableMeasure('4006381333931', layouts), { ok: false, reason: 'no-layout' });
  assert.deepEqual(parseVariableMeasure('96385074', layouts), { ok: false, reason: 'not-ean13' });
  assert.deepEqual(parseVariableMeasure('21001000125', layouts), { ok: false, reason: 'not-ean13' });
  assert.deepEqual(parseVariableMeasure('abc', layouts), { ok: false, reason: 'not-ean13' });
  const tooLong = { ...weight21, itemDigits: 6 };
  assert.deepEqual(parseVariableMeasure('2100100012502', [tooLong]), { ok: false, reason: 'bad-layout' });
});

test('layouts from configuration are validated: digits must fill the EAN-13, prefixes must be restricted', () => {
  assert.equal(layoutProblem(weight21), null);
  for (const layout of defaultVariableMeasureLayouts) assert.equal(layoutProblem(layout), null, layout.prefix);
  assert.match(layoutProblem({ ...weight21, prefix: '84' }) ?? '', /not a variable-measure prefix/);
  assert.match(layoutProblem({ ...weight21, valueDigits: 4 }) ?? '', /fill the 12 digits/);
  assert.match(layoutProblem({ ...weight21, decimals: 4 }) ?? '', /whole grams/);
  assert.match(layoutProblem({ prefix: '23', kind: 'weight', itemDigits: 3, priceCheckDigit: true, valueDigits: 6 }) ?? '', /4- or 5-digit/);
  assert.equal(variableMeasureLayoutSchema.safeParse(weight21).success, true);
  assert.equal(variableMeasureLayoutSchema.safeParse({ ...weight21, itemDigits: 4 }).success, false);
  assert.equal(variableMeasureLayoutsSchema.safeParse([weight21, { ...weight21, kind: 'price', decimals: 2 }]).success, false);
  assert.equal(variableMeasureLayoutsSchema.safeParse(defaultVariableMeasureLayouts).success, true);
});

test('property: any value a layout can print round-trips through makeVariableMeasure and parseVariableMeasure', () => {
  const layout = fc.constantFrom(...defaultVariableMeasureLayouts);
  fc.assert(
    fc.property(layout, fc.nat(), fc.nat(), (l, itemSeed, valueSeed) => {
      const item = String(itemSeed % 10 ** l.itemDigits).padStart(l.itemDigits, '0');
      const value = valueSeed % 10 ** l.valueDigits; // every default layout prints grams or cents directly
      const ean13 = makeVariableMeasure(l, item, value);
      const parsed = parseVariableMeasure(ean13, defaultVariableMeasureLayouts);
      assert.ok(parsed.ok, ean13);
      assert.equal(parsed.itemCode, `${l.prefix}${item}`);
      assert.equal(parsed.value, value);
      assert.equal(parsed.kind, l.kind);
    }),
  );
});

test('property: with a price check digit, changing one value digit is caught', () => {
  const checked = defaultVariableMeasureLayouts.filter((l) => l.priceCheckDigit);
  fc.assert(
    fc.property(fc.constantFrom(...checked), fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 9 }), (l, itemSeed, valueSeed, at, shift) => {
      const item = String(itemSeed % 10 ** l.itemDigits).padStart(l.itemDigits, '0');
      const value = String(valueSeed % 10 ** l.valueDigits).padStart(l.valueDigits, '0');
      const digits = [...value];
      const i = at % digits.length;
      digits[i] = String((Number(digits[i]) + shift) % 10);
      // Keep the price check digit of the original value: a misprint or misread of one value digit.
      const label = makeLabelWithPriceCheck(l.prefix, item, priceCheckDigit(value), digits.join(''));
      assert.deepEqual(parseVariableMeasure(label, defaultVariableMeasureLayouts), { ok: false, reason: 'bad-price-check-digit' });
    }),
  );
});

/** An EAN-13 with a valid outer check digit but whatever price check digit the test chooses. */
function makeLabelWithPriceCheck(prefix: string, item: string, priceCheck: number, value: string): string {
  const body = `${prefix}${item}${priceCheck}${value}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

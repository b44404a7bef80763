import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isGs1Symbology, parseAimPrefix } from '../../../drivers/barcode/aim-symbology';

test('AIM identifiers name the symbology and say when the payload is a GS1 element string', () => {
  const cases: [string, string, boolean][] = [
    [']E0', 'EAN-13', false],
    [']E4', 'EAN-8', false],
    [']C1', 'GS1-128', true],
    [']C0', 'Code 128', false],
    [']d2', 'GS1 DataMatrix', true],
    [']d1', 'Data Matrix', false],
    [']Q3', 'GS1 QR Code', true],
    [']Q1', 'QR Code', false],
    [']A0', 'Code 39', false],
    [']e0', 'GS1 DataBar', true],
    [']I1', 'ITF', false],
  ];
  for (const [identifier, name, gs1] of cases) {
    const parsed = parseAimPrefix(`${identifier}0123`);
    assert.deepEqual(parsed, { identifier, symbology: { name, gs1 }, payload: '0123' }, identifier);
    assert.equal(isGs1Symbology(name), gs1, name);
  }
});

test('the identifier is case-sensitive: ]d2 is Data Matrix, ]D2 is not', () => {
  assert.equal(parseAimPrefix(']D2X').symbology, null);
  assert.equal(parseAimPrefix(']D2X').payload, 'X');
});

test('data without an identifier passes through untouched', () => {
  assert.deepEqual(parseAimPrefix('4006381333931'), { identifier: null, symbology: null, payload: '4006381333931' });
  assert.deepEqual(parseAimPrefix(']'), { identifier: null, symbology: null, payload: ']' });
  assert.deepEqual(parseAimPrefix(']1A'), { identifier: null, symbology: null, payload: ']1A' });
  assert.equal(isGs1Symbology(null), false);
  assert.equal(isGs1Symbology('EAN-13'), false);
});

test('property: stripping an identifier loses nothing but the three characters', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      const parsed = parseAimPrefix(s);
      assert.equal((parsed.identifier ?? '') + parsed.payload, s);
    }),
  );
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseElementString } from '../../../drivers/barcode/gs1-element-string';
import { checkPair, linters, unenforcedLinters } from '../../../drivers/barcode/gs1-syntax/linters';
import { syntaxDictionaryRelease, syntaxDictionaryText, iso3166, iso3166alpha2, iso4217, mediaTypes, packageTypes } from '../../../drivers/barcode/gs1-syntax/syntax-dictionary.generated';
import { aiMatchesPattern, syntaxTable } from '../../../drivers/barcode/gs1-syntax/syntax-table';
import type { AiComponent, AiEntry } from '../../../drivers/barcode/gs1-syntax/syntax-table';
import { interpretCode, isMisread } from '../../../drivers/barcode/scan';
import { gtinCheckDigit } from '../../../drivers/barcode/gtin';

const GS = '\x1d';
const at2026 = { referenceYear: 2026 };
const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`fast-check seed ${seed} (set FC_SEED to replay)`);

test('the embedded dictionary is the vendored file, with its release and licence', () => {
  const vendored = readFileSync(new URL('../../../drivers/barcode/gs1-syntax/gs1-syntax-dictionary.txt', import.meta.url), 'utf8');
  assert.equal(syntaxDictionaryText, vendored);
  assert.match(vendored, new RegExp(`^# Release: ${syntaxDictionaryRelease}$`, 'm'));
  assert.match(vendored, /Licensed under the Apache License, Version 2\.0/);
  assert.ok(iso3166.includes('724') && iso4217.includes('978') && iso3166alpha2.includes('ES'));
  assert.ok(mediaTypes.length > 0 && packageTypes.includes('BX'));
});

test('every AI of the dictionary is in the table, and AIs are prefix-free', () => {
  const lines = syntaxDictionaryText.split('\n').filter((l) => /^\d/.test(l));
  const expected = lines.flatMap((l) => {
    const [from, to] = l.split(/\s/)[0]!.split('-');
    if (to === undefined) return [from!];
    return Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) => String(Number(from) + i).padStart(from!.length, '0'));
  });
  assert.deepEqual([...syntaxTable.keys()].sort(), expected.sort());
  assert.ok(syntaxTable.size > 500, `${syntaxTable.size} AIs`);
  for (const a of syntaxTable.keys()) for (const b of syntaxTable.keys()) if (a !== b) assert.ok(!b.startsWith(a), `${a} is a prefix of ${b}`);
  const named = new Set([...syntaxTable.values()].flatMap((e) => e.components.flatMap((c) => c.linters)));
  for (const name of named) assert.ok(Object.hasOwn(linters, name), name);
  assert.deepEqual(unenforcedLinters, []);
});

test('the AIs the old subset refused parse: company-internal 91–99, 235, 242, 423, 7007, 7230, 8001, 8003, 8111', () => {
  const cases: [string, string][] = [
    ['(01)09501101530003(10)LOT1(99)ANY-INTERNAL', '99'],
    ['(01)09501101530003(91)X(92)Y', '91'],
    ['(01)09501101530003(235)TPX-1', '235'],
    ['(01)09501101530003(242)123456', '242'],
    ['(01)09501101530003(423)724250', '423'],
    ['(01)09501101530003(7007)260101260131', '7007'],
    ['(01)09501101530003(7230)EMABC-123', '7230'],
    ['(01)09501101530003(8001)12345678901210', '8001'],
    ['(8003)095011015300030ABC', '8003'],
    ['(255)9501101530003(8111)0250', '8111'],
  ];
  for (const [text, ai] of cases) {
    const r = parseElementString(text, at2026);
    assert.ok(r.ok, `${text}: ${JSON.stringify(r)}`);
    assert.ok(r.elements.some((e) => e.ai === ai));
  }
  // The same through a scanner: GS1 DataMatrix, GS after the variable-length ones.
  const read = interpretCode(`]d201095011015300031726123110LOT42${GS}99SHELF-7${GS}800112345678901210${GS}7007260101`, { variableMeasureLayouts: [], referenceYear: 2026 });
  assert.equal(read.kind, 'gs1');
  assert.deepEqual(read.kind === 'gs1' && read.elements.map((e) => e.ai), ['01', '17', '10', '99', '8001', '7007']);
});

test('component checks: country and currency codes, day 00, character sets 39 and 64, FNC1 after fixed non-predefined AIs', () => {
  assert.equal(parseElementString('(01)09501101530003(422)724', at2026).ok, true);
  assert.deepEqual(parseElementString('(01)09501101530003(422)725', at2026), { ok: false, reason: 'bad-country', ai: '422', position: 18, linter: 'iso3166' });
  assert.deepEqual(parseElementString('(01)09501101530003(423)724726', at2026).ok, false); // 726 is no country
  assert.deepEqual(parseElementString('(3931)111100', at2026), { ok: false, reason: 'bad-currency', ai: '3931', position: 0, linter: 'iso4217' });
  assert.equal(parseElementString('(17)260200', at2026).ok, true); // DD=00: the month
  assert.equal(parseElementString('(7006)260200', at2026).ok, false); // yymmdd: no day 00
  assert.deepEqual(parseElementString('(8010)0950ABC#-/', at2026).ok, true); // CSET 39
  assert.deepEqual(parseElementString('(8010)0950abc', at2026), { ok: false, reason: 'bad-character', ai: '8010', position: 0 });
  assert.equal(parseElementString('(00)106141411234567897(8030)AbC-_x==', at2026).ok, false); // padding only on a multiple of 3
  assert.equal(parseElementString('(00)106141411234567897(8030)AbC-_x', at2026).ok, true); // CSET 64
  assert.deepEqual(parseElementString('(4321)2', at2026), { ok: false, reason: 'bad-content', ai: '4321', position: 0, linter: 'yesno' });
  // 8001 has fixed components but no pre-defined length: its data runs to GS.
  assert.equal(parseElementString(`01095011015300038001123456789012101726123`, at2026).ok, false);
  assert.equal(parseElementString(`0109501101530003800112345678901210${GS}17261231`, at2026).ok, true);
  // GMN check pair (GS1 General Specifications 7.9.6 example).
  assert.equal(checkPair('1987654Ad4X4bL5ttr2310c'), '2K');
  assert.equal(parseElementString('(8013)1987654Ad4X4bL5ttr2310c2K', at2026).ok, true);
  assert.equal(parseElementString('(8013)1987654Ad4X4bL5ttr2310c2L', at2026).ok, false);
});

test('exclusions come from the dictionary: 01 with 02, 392n with 393n, and not an AI with itself', () => {
  assert.deepEqual(parseElementString('(01)09501101530003(02)09501101530003', at2026), { ok: false, reason: 'conflicting-ai', ai: '02', position: 18 });
  assert.equal(parseElementString('(01)09501101530003(3922)1299(3932)9781299', at2026).ok, false);
  assert.ok(aiMatchesPattern('3103', '310n') && aiMatchesPattern('3925', '39nn') && !aiMatchesPattern('310', '310n'));
});

// ---- property tests ------------------------------------------------------

const cset82 = `!"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz`;
const charsFor: Record<AiComponent['charset'], string> = {
  N: '0123456789',
  X: cset82,
  Y: '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  Z: '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz',
};
const two = (n: number) => String(n).padStart(2, '0');
const day = fc.record({ y: fc.integer({ min: 0, max: 99 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) });

/** A valid value for one component, shaped by its linters; null for a linter with no generator here. */
function componentValue(c: AiComponent): fc.Arbitrary<string> {
  const l = new Set(c.linters);
  const pick = (list: readonly string[]) => fc.constantFrom(...list.filter((v) => v.length >= c.min && v.length <= c.max));
  if (l.has('yymmd0') || l.has('yymmdd')) return day.map(({ y, m, d }) => `${two(y)}${two(m)}${two(d)}`);
  if (l.has('yyyymmdd') || l.has('yyyymmd0')) return day.map(({ y, m, d }) => `20${two(y)}${two(m)}${two(d)}`);
  if (l.has('hhmi')) return fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${two(h)}${two(m)}`);
  if (l.has('hh')) return fc.integer({ min: 0, max: 23 }).map(two);
  if (l.has('mi') || l.has('ss')) return fc.integer({ min: 0, max: 59 }).map(two);
  if (l.has('iso3166999')) return pick([...iso3166, '999']);
  if (l.has('iso3166')) return pick(iso3166);
  if (l.has('iso3166alpha2')) return pick(iso3166alpha2);
  if (l.has('iso4217')) return pick(iso4217);
  if (l.has('mediatype')) return pick(mediaTypes);
  if (l.has('packagetype')) return pick(packageTypes);
  if (l.has('yesno')) return fc.constantFrom('0', '1');
  if (l.has('winding')) return fc.constantFrom('0', '1', '9');
  if (l.has('iso5218')) return fc.constantFrom('0', '1', '2', '9');
  if (l.has('zero')) return fc.constant('0'.repeat(c.max));
  if (l.has('hyphen')) return fc.constant('-');
  if (l.has('importeridx')) return fc.constantFrom('A', '-', '_', '7', 'z');
  if (l.has('iban')) return fc.constantFrom('GB82WEST12345698765432', 'ES9121000418450200051332', 'DE89370400440532013000');
  if (l.has('latitude')) return fc.integer({ min: 0, max: 1800000000 }).map((n) => String(n).padStart(10, '0'));
  if (l.has('longitude')) return fc.integer({ min: 0, max: 3600000000 }).map((n) => String(n).padStart(10, '0'));
  if (l.has('posinseqslash')) return fc.integer({ min: 1, max: 9 }).chain((e) => fc.integer({ min: 1, max: e }).map((p) => `${p}/${e}`));
  if (l.has('pieceoftotal')) return fc.integer({ min: 1, max: 99 }).chain((t) => fc.integer({ min: 1, max: t }).map((p) => `${two(p)}${two(t)}`));

  const needs = (l.has('gcppos1') ? 4 : 0) + (l.has('gcppos2') ? 5 : 0) + (l.has('csumalpha') ? 2 : 0) + (l.has('hasnondigit') ? 1 : 0) + (l.has('csum') ? 1 : 0);
  const length = c.min === c.max ? fc.constant(c.max) : fc.integer({ min: Math.min(c.max, Math.max(c.min, needs)), max: c.max });
  const chars = l.has('pcenc') ? charsFor[c.charset].replace('%', '') : charsFor[c.charset];
  return length.chain((n) =>
    fc.array(fc.constantFrom(...chars), { minLength: n, maxLength: n }).map((a) => {
      const v: string[] = [...a];
      const gcpAt = l.has('gcppos2') ? 1 : l.has('gcppos1') ? 0 : -1;
      if (gcpAt >= 0) for (let i = gcpAt; i < gcpAt + 4 && i < v.length; i++) if (!/\d/.test(v[i]!)) v[i] = String(i % 10);
      if (l.has('nonzero') && !v.some((ch) => ch !== '0')) v[v.length - 1] = '1';
      if (l.has('nozeroprefix') && v[0] === '0') v[0] = '1';
      const body = l.has('csumalpha') ? v.length - 2 : l.has('csum') ? v.length - 1 : v.length;
      if (l.has('hasnondigit') && v.slice(0, body).every((ch) => /\d/.test(ch))) v[body - 1] = 'A';
      let s = v.join('');
      if (l.has('csum')) s = s.slice(0, -1) + String(gtinCheckDigit(s.slice(0, -1)));
      if (l.has('csumalpha')) s = s.slice(0, -2) + checkPair(s.slice(0, -2))!;
      return s;
    }),
  );
}

function entryValue(entry: AiEntry): fc.Arbitrary<string> {
  const mandatory = entry.components.filter((c) => !c.optional);
  const optional = entry.components.filter((c) => c.optional);
  return fc.integer({ min: 0, max: optional.length }).chain((k) => fc.tuple(...[...mandatory, ...optional.slice(0, k)].map(componentValue)).map((parts) => parts.join('')));
}

// The coupon AIs (8110, 8112) are structures of their own that this generator does not build; test/fixtures/gs1-reference-corpus.json covers them.
const generatedAis = [...syntaxTable.values()].filter((e) => !e.components.some((c) => c.linters.some((n) => n.startsWith('coupon'))));
const element = fc.constantFrom(...generatedAis).chain((entry) => entryValue(entry).map((value) => ({ entry, value })));
const compatible = (a: AiEntry, b: AiEntry) =>
  a.ai !== b.ai &&
  !(a.decimals !== undefined && b.decimals !== undefined && a.ai.slice(0, 3) === b.ai.slice(0, 3)) &&
  !a.excludes.some((p) => aiMatchesPattern(b.ai, p)) &&
  !b.excludes.some((p) => aiMatchesPattern(a.ai, p));

test(`property: any element string generated from the table round-trips through the parser (${generatedAis.length} of ${syntaxTable.size} AIs)`, () => {
  fc.assert(
    fc.property(fc.array(element, { minLength: 1, maxLength: 5 }), (elements) => {
      fc.pre(elements.every((x, i) => elements.slice(0, i).every((y) => compatible(x.entry, y.entry))));
      const text = elements.map((x, i) => `${x.entry.ai}${x.value}${x.entry.predefinedLength || i === elements.length - 1 ? '' : GS}`).join('');
      const r = parseElementString(text, at2026);
      assert.ok(r.ok, `${JSON.stringify(text)} → ${JSON.stringify(r)}`);
      assert.deepEqual(
        r.elements.map((e) => [e.ai, e.value]),
        elements.map((x) => [x.entry.ai, x.value]),
      );
    }),
    { seed, numRuns: 3000 },
  );
});

const checked = generatedAis.filter((e) => e.components.some((c) => c.linters.includes('csum') || c.linters.includes('csumalpha')));

test(`property: any single-character corruption of a check-digit field is a misread (${checked.length} AIs with check digits)`, () => {
  const corrupted = fc.constantFrom(...checked).chain((entry) =>
    fc.tuple(fc.constant(entry), entryValue(entry), fc.nat(), fc.integer({ min: 1, max: 9 })),
  );
  fc.assert(
    fc.property(corrupted, ([entry, value, where, shift]) => {
      // The span of the first component that carries the check digit or pair.
      let start = 0;
      const index = entry.components.findIndex((c) => c.linters.includes('csum') || c.linters.includes('csumalpha'));
      for (const c of entry.components.slice(0, index)) start += c.max;
      const component = entry.components[index]!;
      const end = component.min === component.max ? start + component.max : value.length;
      const at = start + (where % (end - start));
      const original = value[at]!;
      const replacement = /\d/.test(original) ? String((Number(original) + shift) % 10) : String(shift);
      const bad = value.slice(0, at) + replacement + value.slice(at + 1);
      const read = interpretCode(`]C1${entry.ai}${bad}`, { variableMeasureLayouts: [], referenceYear: 2026 });
      assert.equal(read.kind, 'malformed', `${entry.ai} ${value} → ${bad}`);
      assert.ok(read.kind === 'malformed' && isMisread(read.reason));
      assert.ok(read.kind === 'malformed' && (read.detail === 'bad-check-digit' || read.detail === 'bad-character'), `${entry.ai} ${bad}: ${read.kind === 'malformed' ? read.detail : ''}`);
    }),
    { seed, numRuns: 3000 },
  );
});

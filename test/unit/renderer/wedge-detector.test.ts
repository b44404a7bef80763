import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createWedgeDetector } from '../../../renderer/src/scanner/wedge-detector';
import type { WedgeDetector, WedgeVerdict } from '../../../renderer/src/scanner/wedge-detector';

/** Feeds each character `step` ms apart starting at `start`, then optionally Enter; returns every verdict. */
function type(detector: WedgeDetector, text: string, step: number, start = 1000, enter = true): WedgeVerdict[] {
  const keys = [...text, ...(enter ? ['Enter'] : [])];
  return keys.map((key, i) => detector.push({ key, at: start + i * step }));
}

test('a fast burst ended by Enter is a scan; its first key looked like typing until the burst followed', () => {
  const verdicts = type(createWedgeDetector(), '4006381333931', 8);
  assert.deepEqual(verdicts[0], { type: 'typing' });
  assert.ok(verdicts.slice(1, -1).every((v) => v.type === 'pending'));
  assert.deepEqual(verdicts.at(-1), { type: 'scan', text: '4006381333931' });
});

test('slow typing is typing, Enter included', () => {
  const verdicts = type(createWedgeDetector(), 'MS-000123', 120);
  assert.ok(verdicts.every((v) => v.type === 'typing'), JSON.stringify(verdicts));
});

test('GS from Ctrl+] survives inside the scanned text', () => {
  const text = '0109501101530003' + '10AB\x1d21XYZ';
  assert.deepEqual(type(createWedgeDetector(), text, 5).at(-1), { type: 'scan', text });
});

test('the average decides: 29 ms apart is a scanner, 31 ms is a very fast typist', () => {
  assert.deepEqual(type(createWedgeDetector(), '12345', 29).at(-1), { type: 'scan', text: '12345' });
  assert.deepEqual(type(createWedgeDetector(), '12345', 31).at(-1), { type: 'typing' });
});

test('two keys are never a scan with the default minimum of 3; the renderer can ask for more', () => {
  assert.deepEqual(type(createWedgeDetector(), 'ab', 5).at(-1), { type: 'typing' });
  assert.deepEqual(type(createWedgeDetector(), 'abc', 5).at(-1), { type: 'scan', text: 'abc' });
  assert.deepEqual(type(createWedgeDetector({ minLength: 6 }), 'abcde', 5).at(-1), { type: 'typing' });
});

test('a pause inside a burst splits it: only the keys after the pause can be the scan', () => {
  const d = createWedgeDetector();
  type(d, 'hola', 150, 0, false); // a person typing
  assert.deepEqual(type(d, '96385074', 6, 2000).at(-1), { type: 'scan', text: '96385074' });
  const e = createWedgeDetector();
  const verdicts = [...type(e, '1234', 6, 0, false), ...type(e, '5678', 6, 100)];
  assert.deepEqual(verdicts.at(-1), { type: 'scan', text: '5678' });
});

test('an Enter pressed by hand after a fast burst is not a scan', () => {
  const d = createWedgeDetector();
  type(d, '12345', 5, 0, false);
  assert.deepEqual(d.push({ key: 'Enter', at: 500 }), { type: 'typing' });
});

test('Enter on its own, or a key name that is not a character, changes nothing', () => {
  const d = createWedgeDetector();
  assert.deepEqual(d.push({ key: 'Enter', at: 0 }), { type: 'typing' });
  d.push({ key: 'A', at: 100 });
  d.push({ key: 'B', at: 105 });
  assert.deepEqual(d.push({ key: 'Shift', at: 107 }), { type: 'pending' });
  d.push({ key: 'C', at: 110 });
  assert.deepEqual(d.push({ key: 'Enter', at: 115 }), { type: 'scan', text: 'ABC' });
});

test('without an Enter suffix the pause ends the scan, through flush or the next key', () => {
  const d = createWedgeDetector({ enterSuffix: false });
  type(d, '4006381333931', 8, 0, false);
  const lastAt = 12 * 8;
  assert.deepEqual(d.flush(lastAt + 40), { type: 'pending' });
  assert.deepEqual(d.flush(lastAt + 41), { type: 'scan', text: '4006381333931' });
  assert.deepEqual(d.flush(lastAt + 100), { type: 'typing' });

  const e = createWedgeDetector({ enterSuffix: false });
  type(e, 'ABC123', 8, 0, false);
  assert.deepEqual(e.push({ key: 'x', at: 500 }), { type: 'scan', text: 'ABC123' });
  assert.deepEqual(e.flush(1000), { type: 'typing' }); // the lone 'x' was a person
});

test('with an Enter suffix a burst that just stops is typing, and reset forgets a burst', () => {
  const d = createWedgeDetector();
  type(d, 'ABC123', 8, 0, false);
  assert.deepEqual(d.flush(1000), { type: 'typing' });
  type(d, 'ABC', 8, 2000, false);
  d.reset();
  assert.deepEqual(d.push({ key: 'Enter', at: 2030 }), { type: 'typing' });
});

test('a clock that steps back does not make slow keys fast', () => {
  const d = createWedgeDetector();
  d.push({ key: 'a', at: 1000 });
  d.push({ key: 'b', at: 900 }); // counts as 0 ms, not -100
  d.push({ key: 'c', at: 940 });
  d.push({ key: 'd', at: 980 });
  assert.deepEqual(d.push({ key: 'Enter', at: 1020 }), { type: 'typing' }); // (0 + 40 + 40 + 40) / 4 is not under 30
});

test('options are checked when the detector is made', () => {
  assert.throws(() => createWedgeDetector({ minLength: 1 }), RangeError);
  assert.throws(() => createWedgeDetector({ endGapMs: 0 }), RangeError);
  assert.throws(() => createWedgeDetector({ maxAvgIntervalMs: Number.NaN }), RangeError);
});

test('property: any text the scanner sends fast comes back whole as one scan', () => {
  const char = fc.oneof(fc.constantFrom('\x1d', '-', ' ', 'ñ'), fc.string({ minLength: 1, maxLength: 1 }));
  fc.assert(
    fc.property(fc.array(char, { minLength: 3, maxLength: 60 }), fc.integer({ min: 0, max: 29 }), (chars, step) => {
      const verdicts = type(createWedgeDetector(), chars.join(''), step);
      assert.deepEqual(verdicts.at(-1), { type: 'scan', text: chars.join('') });
      assert.equal(verdicts.filter((v) => v.type === 'scan').length, 1);
    }),
  );
});

test('property: keys at least 41 ms apart are never a scan, with or without Enter', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 30 }), fc.array(fc.integer({ min: 41, max: 2000 }), { minLength: 31, maxLength: 31 }), fc.boolean(), (text, gaps, enterSuffix) => {
      const d = createWedgeDetector({ enterSuffix });
      let at = 0;
      const keys = [...[...text].filter((c) => c !== '\n'), 'Enter'];
      keys.forEach((key, i) => {
        at += gaps[i % gaps.length]!;
        assert.notEqual(d.push({ key, at }).type, 'scan');
      });
      assert.notEqual(d.flush(at + 10_000).type, 'scan');
    }),
  );
});

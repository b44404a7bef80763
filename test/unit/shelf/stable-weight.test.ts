import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { WeightReading } from '../../../drivers/shelf/shelf-reading';
import { createStableWeightFilter, type StabilityOptions, type StableWeight } from '../../../drivers/shelf/stable-weight';

const windowOnly: StabilityOptions = { trustMotionFlag: true, minSamples: 5, windowMs: 1000, maxStdDevGrams: 2 };
const w = (grams: number, at: number, stable: boolean | null = null, sensorId = 's1'): WeightReading => ({ kind: 'weight', sensorId, grams, stable, at });

test('a sensor with a motion flag is believed: S counts at once, M never does', () => {
  const f = createStableWeightFilter(windowOnly);
  assert.equal(f.push(w(500, 0, false)), null);
  assert.deepEqual(f.push(w(1500, 10, true)), { sensorId: 's1', grams: 1500, at: 10, by: 'flag' });
  assert.equal(f.push(w(1500, 20, false)), null, 'a flagged M is not stable even at the same weight');
});

test('without a flag, a weight counts only once the window holds enough quiet samples', () => {
  const f = createStableWeightFilter(windowOnly);
  for (let i = 0; i < 4; i++) assert.equal(f.push(w(1000 + (i % 2), i * 100)), null);
  assert.equal(f.push(w(1000, 400))?.by, 'window');
});

test('samples older than the window do not count towards it', () => {
  const f = createStableWeightFilter(windowOnly);
  for (let i = 0; i < 4; i++) f.push(w(1000, i * 100));
  assert.equal(f.push(w(1000, 5000)), null, 'four samples from seconds ago plus one now are not five recent ones');
});

test('sensors have windows of their own', () => {
  const f = createStableWeightFilter(windowOnly);
  for (let i = 0; i < 4; i++) {
    f.push(w(1000, i, null, 'a'));
    f.push(w(9000 * i, i, null, 'b'));
  }
  assert.ok(f.push(w(1000, 4, null, 'a')));
  assert.equal(f.push(w(0, 4, null, 'b')), null);
});

const options = fc.record({
  minSamples: fc.integer({ min: 2, max: 12 }),
  maxStdDevGrams: fc.integer({ min: 1, max: 50 }),
});

test('property: noise within the threshold around any weight is stable, and the stable weight is within that noise', () => {
  fc.assert(
    fc.property(options, fc.integer({ min: -5000, max: 50_000 }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 12, maxLength: 40 }), (o, base, noise) => {
      const f = createStableWeightFilter({ trustMotionFlag: true, windowMs: 10_000, ...o });
      const results: (StableWeight | null)[] = noise.map((n, i) => f.push(w(base + n * o.maxStdDevGrams, i * 50)));
      const last = results.at(-1);
      assert.ok(last, 'stable');
      assert.ok(Math.abs(last.grams - base) <= o.maxStdDevGrams);
    }),
  );
});

test('property: after a step change, the weight is unstable until the window has refilled at the new level', () => {
  fc.assert(
    fc.property(options, fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: -1, max: 1 }).filter((s) => s !== 0), (o, base, sign) => {
      const f = createStableWeightFilter({ trustMotionFlag: true, windowMs: 10_000, ...o });
      // Any step bigger than this moves a window holding even one old sample past the threshold.
      const step = sign * (Math.ceil((o.maxStdDevGrams * o.minSamples) / Math.sqrt(o.minSamples - 1)) + 1);
      let at = 0;
      for (let i = 0; i < o.minSamples; i++) assert.equal(f.push(w(base, (at += 50))) !== null, i === o.minSamples - 1);
      for (let i = 0; i < o.minSamples - 1; i++) assert.equal(f.push(w(base + step, (at += 50))), null, `sample ${i + 1} after the step`);
      const settled = f.push(w(base + step, at + 50));
      assert.equal(settled?.grams, base + step);
    }),
  );
});

test('a non-finite weight never counts', () => {
  const f = createStableWeightFilter(windowOnly);
  assert.equal(f.push(w(Number.NaN, 0, true)), null);
});

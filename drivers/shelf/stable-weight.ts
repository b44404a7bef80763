// Decides when a shelf's weight may be counted. A hand on the shelf, a product
// sliding into place or a bumped bracket all give weights that are not stock.
// Pure: readings (with their times) in, a stable weight or nothing out.
import type { WeightReading } from './shelf-reading';

export interface StabilityOptions {
  /** Believe the sensor's own motion flag when it has one (ASCII S/M, Modbus status bit, MQTT `stable`). */
  trustMotionFlag: boolean;
  /** Without a flag: this many samples, all within windowMs of the newest… */
  minSamples: number;
  windowMs: number;
  /** …whose standard deviation is at most this many grams. */
  maxStdDevGrams: number;
}

export const defaultStability: StabilityOptions = { trustMotionFlag: true, minSamples: 5, windowMs: 3000, maxStdDevGrams: 2 };

export interface StableWeight {
  sensorId: string;
  grams: number;
  at: number;
  /** What made it stable. */
  by: 'flag' | 'window';
}

interface Sample {
  grams: number;
  at: number;
}

/** Variance of the samples (population), in grams². */
export function variance(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
}

/** One filter per console; it keeps a window for each sensor. */
export function createStableWeightFilter(options: StabilityOptions = defaultStability) {
  const windows = new Map<string, Sample[]>();

  function windowFor(reading: WeightReading): Sample[] {
    const kept = (windows.get(reading.sensorId) ?? []).filter((s) => reading.at - s.at <= options.windowMs && s.at <= reading.at);
    kept.push({ grams: reading.grams, at: reading.at });
    while (kept.length > options.minSamples) kept.shift();
    windows.set(reading.sensorId, kept);
    return kept;
  }

  return {
    /** The weight to count, or null while it is not (yet) stable. */
    push(reading: WeightReading): StableWeight | null {
      if (!Number.isFinite(reading.grams)) return null;
      const window = windowFor(reading);
      if (options.trustMotionFlag && reading.stable !== null) {
        return reading.stable ? { sensorId: reading.sensorId, grams: reading.grams, at: reading.at, by: 'flag' } : null;
      }
      if (window.length < options.minSamples) return null;
      const grams = window.map((s) => s.grams);
      if (variance(grams) > options.maxStdDevGrams ** 2) return null;
      const mean = grams.reduce((s, v) => s + v, 0) / grams.length;
      return { sensorId: reading.sensorId, grams: mean, at: reading.at, by: 'window' };
    },
    /** Forgets a sensor's window (after a zero or tare, or when it goes offline). */
    reset(sensorId: string): void {
      windows.delete(sensorId);
    },
  };
}
export type StableWeightFilter = ReturnType<typeof createStableWeightFilter>;

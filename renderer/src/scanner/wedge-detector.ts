// A keyboard-wedge scanner is a keyboard that types faster than any person.
// This tells its bursts apart from typing by timing alone. It is DOM-free and
// has no timers: callers pass each key with its timestamp, and call flush()
// when they want a quiet burst resolved, so every verdict is reproducible.

/** A key as the detector sees it (wedge-keys.ts turns a keydown into one). */
export interface TimedKey {
  /** One character ('\x1d' for GS, which wedges send as Ctrl+]), or 'Enter'. */
  key: string;
  /** Milliseconds on any monotonic clock. */
  at: number;
}

/**
 * - scan: this key (or the pause before it, without an Enter suffix) completed a scan.
 * - pending: this key continues a fast burst that may still be a scan.
 * - typing: this key looks like a person, on its own: the first key after a
 *   pause, or an Enter that ends no scan. A first key may still open a scan;
 *   the detector keeps it, and the scan's text will include it.
 */
export type WedgeVerdict = { type: 'scan'; text: string } | { type: 'typing' } | { type: 'pending' };

export interface WedgeDetectorOptions {
  /** A burst is a scan when its keys average under this interval. */
  maxAvgIntervalMs?: number;
  /** Fewest characters (Enter not counted) in a scan; at least 2, since one key has no interval. */
  minLength?: number;
  /** A longer pause between keys ends a burst. */
  endGapMs?: number;
  /** Scanners configured without an Enter suffix: a burst is ended by the pause alone. */
  enterSuffix?: boolean;
}

export interface WedgeDetector {
  push(event: TimedKey): WedgeVerdict;
  /** Resolves a burst that has been quiet for longer than endGapMs at `now`. */
  flush(now: number): WedgeVerdict;
  /** Forgets the burst in progress (focus moved, the page was hidden). */
  reset(): void;
}

export function createWedgeDetector(options: WedgeDetectorOptions = {}): WedgeDetector {
  const { maxAvgIntervalMs = 30, minLength = 3, endGapMs = 40, enterSuffix = true } = options;
  if (!(maxAvgIntervalMs > 0) || !(endGapMs > 0)) throw new RangeError('maxAvgIntervalMs and endGapMs must be positive');
  if (!Number.isInteger(minLength) || minLength < 2) throw new RangeError('minLength must be an integer of at least 2');

  let chars: string[] = [];
  let lastAt = 0;
  // Sum of intervals, each clamped at zero so a clock that steps back cannot make a person look fast.
  let elapsed = 0;

  const reset = () => {
    chars = [];
    elapsed = 0;
  };
  const isFast = (total: number, intervals: number) => intervals > 0 && total / intervals < maxAvgIntervalMs;

  /** The burst ended by a pause: a scan only when no Enter suffix is expected. */
  const closeByGap = (): WedgeVerdict => {
    const scan = !enterSuffix && chars.length >= minLength && isFast(elapsed, chars.length - 1);
    const text = chars.join('');
    reset();
    return scan ? { type: 'scan', text } : { type: 'typing' };
  };

  return {
    push({ key, at }) {
      const interval = Math.max(0, at - lastAt);
      if (key === 'Enter') {
        if (chars.length === 0) return { type: 'typing' };
        // The Enter is a keystroke of the scanner too: its interval counts in the average.
        const scan = interval <= endGapMs && chars.length >= minLength && isFast(elapsed + interval, chars.length);
        const text = chars.join('');
        reset();
        return scan ? { type: 'scan', text } : { type: 'typing' };
      }
      if ([...key].length !== 1) return { type: chars.length >= 2 ? 'pending' : 'typing' };

      let verdict: WedgeVerdict = { type: 'typing' };
      if (chars.length > 0 && interval > endGapMs) {
        const closed = closeByGap();
        if (closed.type === 'scan') verdict = closed;
      }
      if (chars.length > 0) {
        elapsed += interval;
        verdict = { type: 'pending' };
      }
      chars.push(key);
      lastAt = at;
      return verdict;
    },
    flush(now) {
      if (chars.length === 0) return { type: 'typing' };
      if (now - lastAt <= endGapMs) return { type: 'pending' };
      return closeByGap();
    },
    reset,
  };
}

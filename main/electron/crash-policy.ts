// When a crashed process is brought back, and when to stop trying. Pure, so the
// host's reaction to a crash loop is tested without a crash.

export interface CrashPolicyOptions {
  /** Crashes allowed within `windowMs` before giving up. */
  maxCrashes: number;
  windowMs: number;
  /** Wait before the n-th restart in the window (the last entry repeats). */
  backoffMs: readonly number[];
}

export type CrashDecision = { action: 'restart'; delayMs: number; attempt: number } | { action: 'give-up'; reason: string };

/** Reasons a restart cannot cure: the same binary will fail the same way. */
const hopeless = new Set(['launch-failed', 'integrity-failure']);

export const rendererCrashPolicy: CrashPolicyOptions = { maxCrashes: 3, windowMs: 60_000, backoffMs: [0, 2_000, 10_000] };
export const coreCrashPolicy: CrashPolicyOptions = { maxCrashes: 4, windowMs: 5 * 60_000, backoffMs: [250, 2_000, 10_000, 30_000] };

export interface CrashPolicy {
  /** Records a crash at `now` and says what to do about it. */
  onCrash(reason: string, now: number): CrashDecision;
  /** Crashes counted in the current window. */
  recent(now: number): number;
  reset(): void;
}

export function createCrashPolicy({ maxCrashes, windowMs, backoffMs }: CrashPolicyOptions): CrashPolicy {
  let crashes: number[] = [];
  const prune = (now: number) => {
    crashes = crashes.filter((at) => now - at < windowMs);
  };
  return {
    onCrash(reason, now) {
      if (reason === 'clean-exit') return { action: 'give-up', reason: 'the process exited on purpose' };
      if (hopeless.has(reason)) return { action: 'give-up', reason: `a restart cannot help (${reason})` };
      prune(now);
      crashes.push(now);
      if (crashes.length > maxCrashes) {
        return { action: 'give-up', reason: `${crashes.length} crashes within ${Math.round(windowMs / 1000)} s` };
      }
      const attempt = crashes.length;
      const delayMs = backoffMs[Math.min(attempt - 1, backoffMs.length - 1)] ?? 0;
      return { action: 'restart', delayMs, attempt };
    },
    recent(now) {
      prune(now);
      return crashes.length;
    },
    reset() {
      crashes = [];
    },
  };
}

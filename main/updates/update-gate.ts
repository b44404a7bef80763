import { createHash } from 'node:crypto';

// When a downloaded update may install. Pure, so the rules are tested without Electron.

export interface StoreActivity {
  /** Orders being picked or handed over right now. */
  ordersInProgress: number;
  /** Print jobs queued or printing. */
  printJobsActive: number;
  /** Last time staff touched the console (ms since epoch). */
  lastInteractionAt: number;
}

export type InstallDecision = { install: true; reason: 'idle' } | { install: false; reason: 'pickup-in-progress' | 'printing' | 'staff-active' };

/** Never in the middle of a pickup or a print job; otherwise at the first idle moment. */
export function decideInstall(activity: StoreActivity, now: number, idleAfterMs = 10 * 60_000): InstallDecision {
  if (activity.ordersInProgress > 0) return { install: false, reason: 'pickup-in-progress' };
  if (activity.printJobsActive > 0) return { install: false, reason: 'printing' };
  if (now - activity.lastInteractionAt < idleAfterMs) return { install: false, reason: 'staff-active' };
  return { install: true, reason: 'idle' };
}

/**
 * Staged rollout: a store is in the first `percent` of a version's rollout by a
 * stable hash of store and version, so raising the percentage only adds stores.
 */
export function inRollout(store: string, version: string, percent: number): boolean {
  if (percent >= 100) return true;
  if (percent <= 0) return false;
  const bucket = createHash('sha256').update(`${version}\u0000${store}`).digest().readUInt32BE(0) % 100;
  return bucket < percent;
}

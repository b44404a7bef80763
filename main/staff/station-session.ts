import type { SessionInfo, StaffInfo } from '../api/types';

/** IT's policy may change it (idleSignOutMinutes); a station left signed in is signed out after this long. */
export const defaultIdleSignOutMs = 15 * 60_000;

/** A station has at most one signed-in staff member; it lives in memory only. */
export function createStationSession(store: string, station: string, { idleMs = defaultIdleSignOutMs, now = Date.now } = {}) {
  let staff: StaffInfo | null = null;
  let lastActivityAt = 0;
  return {
    info: (): SessionInfo => ({ store, station, staff }),
    staff: () => staff,
    signIn(member: StaffInfo) {
      staff = member;
      lastActivityAt = now();
    },
    signOut() {
      staff = null;
    },
    /** A sign-in kept across a restart of the host (main/stations/station-seats.ts), with its idle clock where it was. */
    restore(member: StaffInfo, lastActiveAt: number) {
      staff = member;
      lastActivityAt = lastActiveAt;
    },
    lastActivityAt: () => lastActivityAt,
    /** Someone used the console: the idle time starts again. */
    touch() {
      lastActivityAt = now();
    },
    /** Signs out a member idle for too long; true when it did. */
    expireIfIdle(): boolean {
      if (staff === null || now() - lastActivityAt < idleMs) return false;
      staff = null;
      return true;
    },
    idleMs,
  };
}
export type StationSession = ReturnType<typeof createStationSession>;

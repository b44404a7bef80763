import type { SessionInfo, StaffInfo } from '../../api/types';

/** A station has at most one signed-in staff member; it lives in memory only. */
export function createStationSession(store: string, station: string) {
  let staff: StaffInfo | null = null;
  return {
    info: (): SessionInfo => ({ store, station, staff }),
    staff: () => staff,
    signIn(member: StaffInfo) {
      staff = member;
    },
    signOut() {
      staff = null;
    },
  };
}
export type StationSession = ReturnType<typeof createStationSession>;

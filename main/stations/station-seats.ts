import { AsyncLocalStorage } from 'node:async_hooks';
import { createStationSession, type StationSession } from '../staff/station-session';

/**
 * The host's seats: its own station's session, and one per paired station,
 * each with its own signed-in member. The session the rooms are given resolves
 * to the seat of the call in progress (AsyncLocalStorage), so sign-in, the
 * access check and the audit all see the station the call came from, and the
 * rooms need not know that there are several.
 */
export function createStationSeats(own: StationSession, store: string, idleMs: number | undefined) {
  const calling = new AsyncLocalStorage<{ station: string; session: StationSession }>();
  const seats = new Map<string, StationSession>();
  const active = () => calling.getStore()?.session ?? own;
  const session: StationSession = {
    info: () => active().info(),
    staff: () => active().staff(),
    signIn: (member) => active().signIn(member),
    signOut: () => active().signOut(),
    touch: () => active().touch(),
    expireIfIdle: () => active().expireIfIdle(),
    idleMs: own.idleMs,
  };
  return {
    session,
    /** The paired station whose call is running, or null for the host's own. */
    station: (): string | null => calling.getStore()?.station ?? null,
    runAs<T>(station: string, run: () => T): T {
      let seat = seats.get(station);
      if (!seat) {
        seat = createStationSession(store, station, idleMs ? { idleMs } : {});
        seats.set(station, seat);
      }
      return calling.run({ station, session: seat }, run);
    },
    /** Every seat, the host's own first, for the idle sign-out. */
    all: (): StationSession[] => [own, ...seats.values()],
  };
}
export type StationSeats = ReturnType<typeof createStationSeats>;

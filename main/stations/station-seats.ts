import { AsyncLocalStorage } from 'node:async_hooks';
import type { StaffInfo } from '../api/types';
import type { Db } from '../kernel/db/open-ledger';
import { createStationSession, type StationSession } from '../staff/station-session';

/** How stale a kept "last activity" may get before it is written again: idle sign-out is in minutes, a command per write is too many. */
const touchWriteEveryMs = 15_000;

interface KeptSeat {
  station: string;
  staffId: string;
  lastActivityAt: number;
}

/**
 * The host's seats: its own station's session, and one per paired station,
 * each with its own signed-in member. The session the rooms are given resolves
 * to the seat of the call in progress (AsyncLocalStorage), so sign-in, the
 * access check and the audit all see the station the call came from, and the
 * rooms need not know that there are several.
 *
 * A paired station's sign-in is kept in the ledger (station_sessions), so a
 * restart of the host signs nobody out at the counter: the seat comes back
 * with its member (if still active) and its idle clock, and the idle sign-out
 * still applies. The host's own seat restarts with its screens, so it is not kept.
 */
export function createStationSeats(
  own: StationSession,
  store: string,
  idleMs: number | undefined,
  { db, activeMember, now = Date.now }: { db: Db; activeMember: (staffId: string) => StaffInfo | null; now?: () => number },
) {
  const calling = new AsyncLocalStorage<{ station: string; session: StationSession }>();
  const seats = new Map<string, StationSession>();
  const keep = db.prepare(
    'INSERT INTO station_sessions (station, staff_id, signed_in_at, last_activity_at) VALUES (?, ?, ?, ?) ON CONFLICT (station) DO UPDATE SET staff_id = excluded.staff_id, signed_in_at = excluded.signed_in_at, last_activity_at = excluded.last_activity_at',
  );
  const keepActivity = db.prepare('UPDATE station_sessions SET last_activity_at = ? WHERE station = ?');
  const forget = db.prepare('DELETE FROM station_sessions WHERE station = ?');
  const kept = db.prepare('SELECT station, staff_id AS staffId, last_activity_at AS lastActivityAt FROM station_sessions');

  /** A paired station's seat whose sign-in, sign-out and activity are written through to the ledger. */
  function keptSeat(station: string): StationSession {
    const inner = createStationSession(store, station, idleMs ? { idleMs, now } : { now });
    let writtenActivityAt = 0;
    return {
      ...inner,
      signIn(member) {
        inner.signIn(member);
        writtenActivityAt = inner.lastActivityAt();
        keep.run(station, member.id, writtenActivityAt, writtenActivityAt);
      },
      signOut() {
        inner.signOut();
        forget.run(station);
      },
      touch() {
        inner.touch();
        if (inner.staff() !== null && inner.lastActivityAt() - writtenActivityAt >= touchWriteEveryMs) {
          writtenActivityAt = inner.lastActivityAt();
          keepActivity.run(writtenActivityAt, station);
        }
      },
      expireIfIdle() {
        const expired = inner.expireIfIdle();
        if (expired) forget.run(station);
        return expired;
      },
    };
  }

  // Seats signed in before the host restarted: back with their member, unless the member was deactivated meanwhile.
  for (const row of kept.all() as KeptSeat[]) {
    const member = activeMember(row.staffId);
    if (member === null) {
      forget.run(row.station);
      continue;
    }
    const seat = keptSeat(row.station);
    seat.restore(member, row.lastActivityAt);
    seats.set(row.station, seat);
  }

  const active = () => calling.getStore()?.session ?? own;
  const session: StationSession = {
    info: () => active().info(),
    staff: () => active().staff(),
    signIn: (member) => active().signIn(member),
    signOut: () => active().signOut(),
    touch: () => active().touch(),
    expireIfIdle: () => active().expireIfIdle(),
    restore: (member, at) => active().restore(member, at),
    lastActivityAt: () => active().lastActivityAt(),
    idleMs: own.idleMs,
  };
  return {
    session,
    /** The paired station whose call is running, or null for the host's own. */
    station: (): string | null => calling.getStore()?.station ?? null,
    runAs<T>(station: string, run: () => T): T {
      let seat = seats.get(station);
      if (!seat) {
        seat = keptSeat(station);
        seats.set(station, seat);
      }
      return calling.run({ station, session: seat }, run);
    },
    /** Every seat, the host's own first, for the idle sign-out. */
    all: (): StationSession[] => [own, ...seats.values()],
  };
}
export type StationSeats = ReturnType<typeof createStationSeats>;

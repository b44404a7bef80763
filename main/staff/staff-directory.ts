import type { Role, StaffInfo } from '../api/types';
import type { Db } from '../kernel/db/open-ledger';
import { StoreError } from '../kernel/errors';
import { hashPin, needsUpgrade, verifyPin } from './pin-hash';

/** Wrong PINs for one member, within `failureWindowMs`, that lock them. */
export const maxPinFailures = 5;
export const failureWindowMs = 15 * 60_000;
export const pinLockMs = 15 * 60_000;
/** Per station: from the third wrong PIN within a minute, each next try waits twice as long. */
export const throttleWindowMs = 60_000;
export const throttleFreeTries = 2;
export const throttleBaseMs = 1_000;

/** Signing in and approving are counted apart: guesses in an approval dialog never lock a manager's own sign-in. */
export type PinPurpose = 'sign-in' | 'approval';

const rank: Record<Role, number> = { associate: 1, pickup: 2, manager: 3, admin: 4 };

/** A pickup clerk may do an associate's work; managers and admins may do anything below them. */
export function roleSatisfies(have: Role, need: Role): boolean {
  if (need === 'pickup') return have === 'pickup' || rank[have] >= rank.manager;
  return rank[have] >= rank[need];
}

interface StaffRow {
  id: string;
  name: string;
  role: Role;
  pin_hash: string;
  active: number;
}

export interface StaffDirectoryOptions {
  now?: () => number;
  /** The store's PIN pepper from the secret store; null only where no secret store exists (tests). */
  pepper?: Buffer | null;
}

export function createStaffDirectory(db: Db, { now = Date.now, pepper = null }: StaffDirectoryOptions = {}) {
  const byId = db.prepare('SELECT id, name, role, pin_hash, active FROM staff WHERE id = ?');
  const list = db.prepare('SELECT id, name, role FROM staff WHERE active = 1 ORDER BY name');
  const insert = db.prepare(
    'INSERT INTO staff (id, name, role, pin_hash) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash, failed_attempts = 0, locked_until = NULL, active = 1',
  );
  const upgradeHash = db.prepare('UPDATE staff SET pin_hash = ? WHERE id = ? AND pin_hash = ?');
  const lockOf = db.prepare('SELECT locked_until FROM pin_locks WHERE staff_id = ? AND purpose = ?').pluck();
  const lock = db.prepare(
    'INSERT INTO pin_locks (staff_id, purpose, locked_until) VALUES (?, ?, ?) ON CONFLICT (staff_id, purpose) DO UPDATE SET locked_until = max(locked_until, excluded.locked_until)',
  );
  const unlock = db.prepare('DELETE FROM pin_locks WHERE staff_id = ?');
  const memberWrong = db.prepare(
    "SELECT count(*) FROM pin_attempts WHERE staff_id = ? AND purpose = ? AND at > ? AND outcome IN ('pending', 'failed')",
  ).pluck();
  const memberFailed = db.prepare("SELECT count(*) FROM pin_attempts WHERE staff_id = ? AND purpose = ? AND at > ? AND outcome = 'failed'").pluck();
  const stationWrong = db.prepare(
    "SELECT count(*) AS n, max(at) AS last FROM pin_attempts WHERE station = ? AND purpose = ? AND at > ? AND outcome IN ('pending', 'failed')",
  );
  const begin = db.prepare("INSERT INTO pin_attempts (staff_id, station, purpose, at, outcome) VALUES (?, ?, ?, ?, 'pending')");
  const settle = db.prepare('UPDATE pin_attempts SET outcome = ? WHERE id = ?');
  const forgive = db.prepare("UPDATE pin_attempts SET outcome = 'forgiven' WHERE staff_id = ? AND outcome = 'failed'");
  const forgivePurpose = db.prepare("UPDATE pin_attempts SET outcome = 'forgiven' WHERE staff_id = ? AND purpose = ? AND outcome = 'failed'");

  const lockedError = (row: StaffRow, until: number) =>
    new StoreError('PIN_LOCKED', `${row.name}'s PIN is locked after repeated failures.`, {
      staffId: row.id,
      lockedUntil: new Date(until).toISOString(),
    });

  /**
   * Counts the attempt before the slow hash runs, in one transaction: a guess
   * already in flight is a wrong PIN until it proves otherwise, so a burst of
   * parallel guesses meets the limits at once instead of after the hashing.
   */
  const reserve = db.transaction((row: StaffRow, station: string, purpose: PinPurpose): number => {
    const at = now();
    const until = lockOf.get(row.id, purpose) as number | undefined;
    if (until !== undefined && until > at) throw lockedError(row, until);
    if ((memberWrong.get(row.id, purpose, at - failureWindowMs) as number) >= maxPinFailures) {
      throw new StoreError('PIN_THROTTLED', `Too many PIN checks for ${row.name} at once; try again shortly.`, {
        staffId: row.id,
        retryAfterMs: throttleBaseMs,
      });
    }
    const recent = stationWrong.get(station, purpose, at - throttleWindowMs) as { n: number; last: number | null };
    if (recent.n >= throttleFreeTries && recent.last !== null) {
      const wait = throttleBaseMs * 2 ** (recent.n - throttleFreeTries);
      if (at < recent.last + wait) {
        throw new StoreError('PIN_THROTTLED', 'Too many wrong PINs at this station; wait a moment.', {
          retryAfterMs: recent.last + wait - at,
        });
      }
    }
    return Number(begin.run(row.id, station, purpose, at).lastInsertRowid);
  });

  const fail = db.transaction((row: StaffRow, attempt: number, purpose: PinPurpose) => {
    settle.run('failed', attempt);
    const at = now();
    const failures = memberFailed.get(row.id, purpose, at - failureWindowMs) as number;
    if (failures >= maxPinFailures) lock.run(row.id, purpose, at + pinLockMs);
    return failures;
  });

  const succeed = db.transaction((row: StaffRow, attempt: number, purpose: PinPurpose) => {
    settle.run('ok', attempt);
    // A wrong guess that finished while this one hashed may have locked the member: the lock stands.
    const until = lockOf.get(row.id, purpose) as number | undefined;
    if (until !== undefined && until > now()) return until;
    forgivePurpose.run(row.id, purpose);
    return null;
  });

  return {
    list: () => list.all() as StaffInfo[],

    async upsert(member: StaffInfo, pin: string): Promise<void> {
      const hash = await hashPin(pin, pepper);
      db.transaction(() => {
        insert.run(member.id, member.name, member.role, hash);
        unlock.run(member.id);
        forgive.run(member.id);
      })();
    },

    /** A manager lifts a member's locks (sign-in and approval) and forgives their wrong PINs. */
    unlock(id: string): StaffInfo {
      const row = byId.get(id) as StaffRow | undefined;
      if (!row) throw new StoreError('UNKNOWN_STAFF', `No staff member "${id}".`, { staffId: id });
      db.transaction(() => {
        unlock.run(id);
        forgive.run(id);
      })();
      return { id: row.id, name: row.name, role: row.role };
    },

    /** Checks a PIN within the limits above; five wrong ones in 15 minutes lock the member for 15 minutes. */
    async authenticate(id: string, pin: string, { station, purpose }: { station: string; purpose: PinPurpose }): Promise<StaffInfo> {
      const row = byId.get(id) as StaffRow | undefined;
      if (!row || row.active !== 1) throw new StoreError('UNKNOWN_STAFF', `No active staff member "${id}".`, { staffId: id });
      const attempt = reserve(row, station, purpose);
      let right: boolean;
      try {
        right = await verifyPin(pin, row.pin_hash, pepper);
      } catch (error) {
        fail(row, attempt, purpose);
        throw error;
      }
      if (!right) {
        const failures = fail(row, attempt, purpose);
        const until = lockOf.get(row.id, purpose) as number | undefined;
        if (until !== undefined && until > now()) throw lockedError(row, until);
        throw new StoreError('PIN_INVALID', 'Wrong PIN.', { staffId: id, attemptsLeft: Math.max(0, maxPinFailures - failures) });
      }
      const lockedUntil = succeed(row, attempt, purpose);
      if (lockedUntil !== null) throw lockedError(row, lockedUntil);
      if (needsUpgrade(row.pin_hash, pepper)) {
        // Compare-and-set: a PIN changed meanwhile is not overwritten with the old one.
        upgradeHash.run(await hashPin(pin, pepper), id, row.pin_hash);
      }
      return { id: row.id, name: row.name, role: row.role };
    },
  };
}
export type StaffDirectory = ReturnType<typeof createStaffDirectory>;

import { createHash, timingSafeEqual } from 'node:crypto';
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

/** Wrong one-time codes for one member before the code is void (like PINs: five). */
export const maxSetupCodeTries = 5;
/** How long a one-time code the store makes (an admin's PIN reset) is good for. */
export const setupCodeLifetimeMs = 24 * 60 * 60_000;

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Two hex digests compared in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** A member in the staff screen: also the inactive, with their lock and whether they still need a one-time code. */
export interface RosterMember extends StaffInfo {
  active: boolean;
  locked: boolean;
  awaitingCode: boolean;
}

/** A member as HQ sends them (main/sync/protocol.ts's staff.upsert). */
export interface HqStaffRecord {
  id: string;
  name: string;
  role: Role;
  version: number;
  setupCode?: { sha256: string; expiresAt: string } | undefined;
}

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
  const list = db.prepare("SELECT id, name, role, pin_hash = '' AS awaiting FROM staff WHERE active = 1 ORDER BY name");
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

  const roster = db.prepare(
    `SELECT s.id, s.name, s.role, s.active, s.pin_hash = '' AS no_pin,
            EXISTS (SELECT 1 FROM pin_locks l WHERE l.staff_id = s.id AND l.locked_until > ?) AS locked
       FROM staff s ORDER BY s.active DESC, s.name`,
  );
  const insertNew = db.prepare("INSERT INTO staff (id, name, role, pin_hash) VALUES (?, ?, ?, '')");
  const setName = db.prepare('UPDATE staff SET name = ? WHERE id = ?');
  const setRole = db.prepare('UPDATE staff SET role = ? WHERE id = ?');
  const setActive = db.prepare('UPDATE staff SET active = ? WHERE id = ?');
  const setHash = db.prepare('UPDATE staff SET pin_hash = ? WHERE id = ?');
  const activeAdmins = db.prepare("SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1").pluck();
  const anyStaff = db.prepare('SELECT count(*) FROM staff').pluck();
  const codeOf = db.prepare('SELECT code_sha256, expires_at, wrong_tries, used_at FROM staff_setup_codes WHERE staff_id = ?');
  const putCode = db.prepare(
    `INSERT INTO staff_setup_codes (staff_id, code_sha256, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (staff_id) DO UPDATE SET code_sha256 = excluded.code_sha256, expires_at = excluded.expires_at, wrong_tries = 0, used_at = NULL`,
  );
  const codeWrong = db.prepare('UPDATE staff_setup_codes SET wrong_tries = wrong_tries + 1 WHERE staff_id = ?');
  const codeUsed = db.prepare('UPDATE staff_setup_codes SET used_at = ? WHERE staff_id = ? AND used_at IS NULL');
  const hqVersionOf = db.prepare('SELECT version FROM staff_hq_versions WHERE staff_id = ?').pluck();
  const putHqVersion = db.prepare(
    'INSERT INTO staff_hq_versions (staff_id, version) VALUES (?, ?) ON CONFLICT (staff_id) DO UPDATE SET version = excluded.version',
  );

  const existing = (id: string): StaffRow => {
    const row = byId.get(id) as StaffRow | undefined;
    if (!row) throw new StoreError('UNKNOWN_STAFF', `No staff member "${id}".`, { staffId: id });
    return row;
  };
  const info = (row: StaffRow): StaffInfo => ({ id: row.id, name: row.name, role: row.role });
  /** The store never runs without an active admin: the last one cannot be demoted or deactivated. */
  const keepAnAdmin = (row: StaffRow) => {
    if (row.role === 'admin' && row.active === 1 && (activeAdmins.get() as number) <= 1) {
      throw new StoreError('LAST_ADMIN', `${row.name} is the store's only active admin.`, { staffId: row.id });
    }
  };

  return {
    list: (): StaffInfo[] =>
      (list.all() as (StaffInfo & { awaiting: number })[]).map(({ awaiting, ...member }) => (awaiting === 1 ? { ...member, awaitingCode: true } : member)),

    /** Every member, active or not, for the staff screen. */
    roster: (): RosterMember[] =>
      (roster.all(now()) as (StaffRow & { no_pin: number; locked: number })[]).map((row) => ({
        id: row.id,
        name: row.name,
        role: row.role,
        active: row.active === 1,
        locked: row.locked === 1,
        awaitingCode: row.no_pin === 1,
      })),

    /** Whether the store has no staff at all, active or not (the first-admin code's condition). */
    isEmpty: () => (anyStaff.get() as number) === 0,

    /** An admin adds a member with a PIN they tell them (hashed before the write, so it is async). */
    async add(member: StaffInfo, pin: string): Promise<StaffInfo> {
      if (byId.get(member.id)) throw new StoreError('STAFF_EXISTS', `There is already a staff member "${member.id}".`, { staffId: member.id });
      const hash = await hashPin(pin, pepper);
      db.transaction(() => {
        if (byId.get(member.id)) throw new StoreError('STAFF_EXISTS', `There is already a staff member "${member.id}".`, { staffId: member.id });
        insertNew.run(member.id, member.name, member.role);
        setHash.run(hash, member.id);
      })();
      return member;
    },

    rename(id: string, name: string): StaffInfo {
      existing(id);
      setName.run(name, id);
      return info(existing(id));
    },

    setRole(id: string, role: Role): StaffInfo {
      const row = existing(id);
      if (role !== 'admin') keepAnAdmin(row);
      setRole.run(role, id);
      return info(existing(id));
    },

    /** A member who left: they no longer sign in or approve; their history stays. */
    deactivate(id: string): StaffInfo {
      const row = existing(id);
      keepAnAdmin(row);
      setActive.run(0, id);
      return info(row);
    },

    reactivate(id: string): StaffInfo {
      setActive.run(1, existing(id).id);
      return info(existing(id));
    },

    /** An admin sets a new PIN for a member who forgot theirs; it also lifts their locks. */
    async resetPin(id: string, pin: string): Promise<StaffInfo> {
      const row = existing(id);
      const hash = await hashPin(pin, pepper);
      db.transaction(() => {
        setHash.run(hash, id);
        unlock.run(id);
        forgive.run(id);
      })();
      return info(row);
    },

    /**
     * Applies HQ's record of a member, idempotently: a version not above the
     * last applied one changes nothing. A new member gets no PIN; they set it
     * with the one-time code whose hash HQ sent. Runs inside the inbox's transaction.
     */
    applyFromHq(record: HqStaffRecord): string {
      const applied = hqVersionOf.get(record.id) as number | undefined;
      if (applied !== undefined && record.version <= applied) return `stale: staff ${record.id} v${record.version}`;
      const row = byId.get(record.id) as StaffRow | undefined;
      if (!row) insertNew.run(record.id, record.name, record.role);
      else {
        setName.run(record.name, record.id);
        setRole.run(record.role, record.id);
        setActive.run(1, record.id);
      }
      if (record.setupCode) putCode.run(record.id, record.setupCode.sha256.toLowerCase(), new Date(record.setupCode.expiresAt).toISOString());
      putHqVersion.run(record.id, record.version);
      return `staff ${record.id} v${record.version} ${row ? 'updated' : 'added'}`;
    },

    deactivateFromHq(id: string, version: number): string {
      const applied = hqVersionOf.get(id) as number | undefined;
      if (applied !== undefined && version <= applied) return `stale: staff ${id} v${version} deactivation`;
      // HQ's word stands even for the last admin: the store's first-admin code or HQ brings another.
      setActive.run(0, id);
      putHqVersion.run(id, version);
      return `staff ${id} deactivated`;
    },

    /**
     * First sign-in of a member with no PIN: the one-time code (compared in
     * constant time, five wrong tries void it, it expires and works once) and
     * the PIN they choose, which is set in the same step.
     */
    async setPinWithCode(id: string, code: string, pin: string): Promise<StaffInfo> {
      const row = byId.get(id) as StaffRow | undefined;
      if (!row || row.active !== 1) throw new StoreError('UNKNOWN_STAFF', `No active staff member "${id}".`, { staffId: id });
      const stored = codeOf.get(id) as { code_sha256: string; expires_at: string; wrong_tries: number; used_at: string | null } | undefined;
      const refuse = (reason: string, extra: Record<string, unknown> = {}) =>
        new StoreError('SETUP_CODE_INVALID', `The one-time code for ${row.name} ${reason}.`, { staffId: id, reason, ...extra });
      if (!stored) throw refuse('does not exist', { reason: 'none' });
      if (stored.used_at !== null) throw refuse('was already used', { reason: 'used' });
      if (Date.parse(stored.expires_at) <= now()) throw refuse('has expired', { reason: 'expired' });
      if (stored.wrong_tries >= maxSetupCodeTries) throw refuse('is void after too many wrong tries', { reason: 'too-many-tries' });
      if (!sameDigest(sha256Hex(code.trim()), stored.code_sha256)) {
        codeWrong.run(id);
        throw refuse('is wrong', { reason: 'wrong', attemptsLeft: Math.max(0, maxSetupCodeTries - stored.wrong_tries - 1) });
      }
      const hash = await hashPin(pin, pepper);
      db.transaction(() => {
        // Compare-and-set: two sign-ins racing with one code, only one sets the PIN.
        if (codeUsed.run(new Date(now()).toISOString(), id).changes !== 1) throw refuse('was already used', { reason: 'used' });
        setHash.run(hash, id);
        unlock.run(id);
        forgive.run(id);
      })();
      return info(row);
    },

    /** An admin gives a member a new one-time code (its hash kept; the code shown once). */
    issueSetupCode(id: string, code: string): { expiresAt: string } {
      existing(id);
      const expiresAt = new Date(now() + setupCodeLifetimeMs).toISOString();
      putCode.run(id, sha256Hex(code), expiresAt);
      return { expiresAt };
    },

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
      if (row.pin_hash === '') throw new StoreError('SETUP_CODE_REQUIRED', `${row.name} has no PIN yet: they set one with their one-time code.`, { staffId: id });
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

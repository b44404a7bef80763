import type { Role, StaffInfo } from '../../api/types';
import type { Db } from '../db/open-ledger';
import { StoreError } from '../errors';
import { hashPin, verifyPin } from './pin-hash';

export const maxPinFailures = 5;
export const pinLockMs = 5 * 60_000;

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
  failed_attempts: number;
  locked_until: number | null;
  active: number;
}

export function createStaffDirectory(db: Db, now: () => number = Date.now) {
  const byId = db.prepare('SELECT * FROM staff WHERE id = ?');
  const list = db.prepare('SELECT id, name, role FROM staff WHERE active = 1 ORDER BY name');
  const insert = db.prepare(
    'INSERT INTO staff (id, name, role, pin_hash) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash, failed_attempts = 0, locked_until = NULL, active = 1',
  );
  const recordFailure = db.prepare('UPDATE staff SET failed_attempts = ?, locked_until = ? WHERE id = ?');
  const recordSuccess = db.prepare('UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?');

  return {
    list: () => list.all() as StaffInfo[],

    async upsert(member: StaffInfo, pin: string): Promise<void> {
      insert.run(member.id, member.name, member.role, await hashPin(pin));
    },

    /** Checks a PIN; repeated failures lock the member out for a while. */
    async authenticate(id: string, pin: string): Promise<StaffInfo> {
      const row = byId.get(id) as StaffRow | undefined;
      if (!row || row.active !== 1) throw new StoreError('UNKNOWN_STAFF', `No active staff member "${id}".`, { staffId: id });
      if (row.locked_until !== null && row.locked_until > now()) {
        throw new StoreError('PIN_LOCKED', `${row.name}'s PIN is locked after repeated failures.`, {
          staffId: id,
          lockedUntil: new Date(row.locked_until).toISOString(),
        });
      }
      if (!(await verifyPin(pin, row.pin_hash))) {
        // Re-read: another attempt may have failed while scrypt ran.
        const failures = ((byId.get(id) as StaffRow).failed_attempts ?? 0) + 1;
        const lock = failures >= maxPinFailures ? now() + pinLockMs : null;
        recordFailure.run(lock === null ? failures : 0, lock, id);
        if (lock !== null) {
          throw new StoreError('PIN_LOCKED', `${row.name}'s PIN is locked after ${maxPinFailures} failures.`, {
            staffId: id,
            lockedUntil: new Date(lock).toISOString(),
          });
        }
        throw new StoreError('PIN_INVALID', 'Wrong PIN.', { staffId: id, attemptsLeft: maxPinFailures - failures });
      }
      recordSuccess.run(id);
      return { id: row.id, name: row.name, role: row.role };
    },
  };
}
export type StaffDirectory = ReturnType<typeof createStaffDirectory>;

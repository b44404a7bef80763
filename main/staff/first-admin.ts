import type { StaffInfo } from '../api/types';
import type { Db } from '../kernel/db/open-ledger';
import { StoreError } from '../kernel/errors';
import { sameDigest, sha256Hex, type StaffDirectory } from './staff-directory';

/** Wrong first-admin codes within the window before the station must wait (like PINs: five in 15 minutes). */
const maxWrongCodes = 5;
const wrongCodeWindowMs = 15 * 60_000;

/**
 * A store configured by environment variables or IT's policy file has no
 * wizard to create its first admin. IT puts a one-time admin code in the
 * policy file or MOSTRADOR_ADMIN_CODE instead: while the store has no staff,
 * signing in with it creates the admin. The code works once (its use is
 * recorded in the ledger, keyed by its hash) and is compared in constant time.
 */
export function createFirstAdmin(db: Db, staff: StaffDirectory, adminCode: string | null, now: () => number = Date.now) {
  const codeHash = adminCode ? sha256Hex(adminCode.trim()) : null;
  const usedAt = db.prepare('SELECT used_at FROM first_admin_code_uses WHERE code_sha256 = ?').pluck();
  const recordUse = db.prepare('INSERT INTO first_admin_code_uses (code_sha256, staff_id, used_at) VALUES (?, ?, ?)');
  const forgetUse = db.prepare('DELETE FROM first_admin_code_uses WHERE code_sha256 = ? AND staff_id = ?');
  const wrongAt: number[] = [];

  const closedReason = (): 'no-code' | 'has-staff' | 'used' | null => {
    if (codeHash === null) return 'no-code';
    if (usedAt.get(codeHash) !== undefined) return 'used';
    if (!staff.isEmpty()) return 'has-staff';
    return null;
  };

  return {
    /** Whether the sign-in screen offers "first admin": a code is configured, unused, and nobody is on the staff. */
    offered: () => closedReason() === null,

    async create({ code, id, name, pin }: { code: string; id: string; name: string; pin: string }): Promise<StaffInfo> {
      const closed = closedReason();
      if (closed !== null) {
        throw new StoreError('FIRST_ADMIN_CLOSED', 'The first-admin code cannot be used here: the store already has staff, has no code, or it was used.', { reason: closed });
      }
      const at = now();
      while (wrongAt.length > 0 && wrongAt[0]! <= at - wrongCodeWindowMs) wrongAt.shift();
      if (wrongAt.length >= maxWrongCodes) {
        throw new StoreError('PIN_THROTTLED', 'Too many wrong admin codes; wait before trying again.', { retryAfterMs: wrongAt[0]! + wrongCodeWindowMs - at });
      }
      if (!sameDigest(sha256Hex(code.trim()), codeHash!)) {
        wrongAt.push(at);
        throw new StoreError('ADMIN_CODE_INVALID', 'That is not the store’s admin code.', { attemptsLeft: maxWrongCodes - wrongAt.length });
      }
      // The use is recorded first: two people racing with the code, only one becomes the admin.
      try {
        recordUse.run(codeHash, id, new Date(at).toISOString());
      } catch {
        throw new StoreError('FIRST_ADMIN_CLOSED', 'The first-admin code was just used.', { reason: 'used' });
      }
      try {
        return await staff.add({ id, name, role: 'admin' }, pin);
      } catch (error) {
        forgetUse.run(codeHash, id);
        throw error;
      }
    },
  };
}
export type FirstAdmin = ReturnType<typeof createFirstAdmin>;

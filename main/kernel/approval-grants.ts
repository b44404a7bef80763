import { createHash, randomBytes } from 'node:crypto';
import type { StaffInfo } from '../api/types';
import { StoreError } from './errors';

/** How long a manager's approval waits for its command. */
export const grantLifetimeMs = 2 * 60_000;

/** Same value, same text: object keys sorted, so the hash does not depend on the order a screen built them in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const inputHash = (input: unknown) => createHash('sha256').update(canonicalJson(input)).digest('hex');

interface Grant {
  procedure: string;
  inputHash: string;
  requester: string;
  approver: StaffInfo;
  expiresAt: number;
}

/**
 * One-use approvals. A manager's PIN buys a grant for exactly one call (its
 * procedure and the hash of its validated input) by the member who asked,
 * valid for 2 minutes. Presenting it uses it up, whether it matched or not.
 * Kept in memory: a restart voids every grant, which only means asking again.
 */
export function createApprovalGrants(now: () => number = Date.now) {
  const grants = new Map<string, Grant>();
  const sweep = () => {
    const at = now();
    for (const [id, grant] of grants) if (grant.expiresAt <= at) grants.delete(id);
  };
  return {
    issue(grant: Omit<Grant, 'expiresAt'>): { grantId: string; expiresAt: string } {
      sweep();
      const grantId = randomBytes(24).toString('base64url');
      const expiresAt = now() + grantLifetimeMs;
      grants.set(grantId, { ...grant, expiresAt });
      return { grantId, expiresAt: new Date(expiresAt).toISOString() };
    },
    consume(grantId: string, call: { procedure: string; inputHash: string; requester: string }): StaffInfo {
      const grant = grants.get(grantId);
      grants.delete(grantId);
      if (!grant) throw new StoreError('APPROVAL_INVALID', 'This approval was already used or never existed.');
      if (grant.expiresAt <= now()) throw new StoreError('APPROVAL_INVALID', 'This approval has expired.');
      if (grant.procedure !== call.procedure || grant.inputHash !== call.inputHash || grant.requester !== call.requester) {
        throw new StoreError('APPROVAL_INVALID', 'This approval was given for another call.', { procedure: grant.procedure });
      }
      return grant.approver;
    },
  };
}
export type ApprovalGrants = ReturnType<typeof createApprovalGrants>;

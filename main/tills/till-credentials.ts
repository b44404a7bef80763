import { createHash, randomBytes } from 'node:crypto';
import type { TillInfo } from '../api/types';
import type { Db } from '../kernel/db/open-ledger';
import { StoreError } from '../kernel/errors';


interface TillRow {
  till: string;
  issued_at: string;
  issued_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
  last_receipt_at: string | null;
}

const toInfo = (row: TillRow): TillInfo => ({
  till: row.till,
  issuedAt: row.issued_at,
  issuedBy: row.issued_by,
  revokedAt: row.revoked_at,
  revokedBy: row.revoked_by,
  lastReceiptAt: row.last_receipt_at,
});

/**
 * 256 random bits: a token this strong needs no slow hash, and SHA-256 lets the
 * endpoint find the till by its token's hash in one indexed read.
 */
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** The tills room's bearer tokens, one live token per till, kept only as hashes. */
export function createTillCredentials(db: Db, now: () => Date = () => new Date()) {
  const upsert = db.prepare(
    `INSERT INTO till_credentials (till, token_hash, issued_at, issued_by, revoked_at, revoked_by, last_receipt_at)
     VALUES (@till, @hash, @at, @by, NULL, NULL, NULL)
     ON CONFLICT (till) DO UPDATE SET token_hash = excluded.token_hash, issued_at = excluded.issued_at,
       issued_by = excluded.issued_by, revoked_at = NULL, revoked_by = NULL`,
  );
  const revoke = db.prepare('UPDATE till_credentials SET revoked_at = ?, revoked_by = ? WHERE till = ? AND revoked_at IS NULL');
  const byHash = db.prepare('SELECT till FROM till_credentials WHERE token_hash = ? AND revoked_at IS NULL').pluck();
  const one = db.prepare('SELECT * FROM till_credentials WHERE till = ?');
  const all = db.prepare('SELECT * FROM till_credentials ORDER BY till');
  const seen = db.prepare('UPDATE till_credentials SET last_receipt_at = ? WHERE till = ?');

  return {
    /** A new token for the till (its previous one stops working). The caller shows it once. */
    issue(till: string, by: string): { till: string; token: string } {
      const token = `mtill_${randomBytes(32).toString('base64url')}`;
      upsert.run({ till, hash: hashToken(token), at: now().toISOString(), by });
      return { till, token };
    },
    revoke(till: string, by: string): TillInfo {
      const row = one.get(till) as TillRow | undefined;
      if (!row) throw new StoreError('VALIDATION', `There is no till "${till}".`, { till });
      revoke.run(now().toISOString(), by, till);
      return toInfo(one.get(till) as TillRow);
    },
    list: (): TillInfo[] => (all.all() as TillRow[]).map(toInfo),
    /** The till a live token was issued to, or null. */
    authenticate(token: string): string | null {
      return (byHash.get(hashToken(token)) as string | undefined) ?? null;
    },
    markSeen(till: string): void {
      seen.run(now().toISOString(), till);
    },
  };
}
export type TillCredentials = ReturnType<typeof createTillCredentials>;

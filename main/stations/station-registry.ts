import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db } from '../kernel/db/open-ledger';
import { StoreError } from '../kernel/errors';
import { stationIdSchema } from '../api/input-schemas';
import type { PairedStationInfo } from '../api/types';

/** How long a pairing code shown on a new station may be approved on the host. */
export const pairingCodeTtlMs = 5 * 60_000;

export interface PairingRequest {
  code: string;
  station: string;
  expiresAt: number;
}
export interface IssuedCredential {
  station: string;
  secret: string;
}

/**
 * The host's list of paired stations and the pairing codes waiting for a
 * manager. A credential is 32 random bytes: only its SHA-256 is kept (a
 * secret that long needs no slow hash), and it is checked in constant time.
 */
export function createStationRegistry(db: Db, hostStation: string, { now = Date.now }: { now?: () => number } = {}) {
  const pending = new Map<string, PairingRequest & { settle(result: IssuedCredential | Error): void }>();
  const insert = db.prepare('INSERT INTO paired_stations (id, secret_hash, paired_at, approved_by) VALUES (?, ?, ?, ?)');
  const byId = db.prepare('SELECT id, secret_hash AS secretHash, revoked_at AS revokedAt FROM paired_stations WHERE id = ?');
  const all = db.prepare('SELECT id, paired_at AS pairedAt, approved_by AS approvedBy, revoked_at AS revokedAt FROM paired_stations ORDER BY id');
  const revokeRow = db.prepare('UPDATE paired_stations SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL');
  const hash = (secret: string) => createHash('sha256').update(secret).digest('hex');
  const dropExpired = () => {
    for (const [code, request] of pending) {
      if (request.expiresAt <= now()) {
        pending.delete(code);
        request.settle(new Error('The pairing code expired before a manager approved it.'));
      }
    }
  };

  return {
    /**
     * A new station asks to pair: it gets a code to show, and `approved`
     * settles when a manager approves that code on the host (or it expires).
     */
    request(station: string): { request: PairingRequest; approved: Promise<IssuedCredential> } {
      dropExpired();
      if (!stationIdSchema.safeParse(station).success) throw new StoreError('VALIDATION', 'A station name is letters, digits, _ and - only (1 to 64).');
      if (station === hostStation || (byId.get(station) as { revokedAt: string | null } | undefined)) {
        throw new StoreError('PAIRING_REFUSED', `A station named ${station} is already part of this store: choose another name.`, { station });
      }
      let code: string;
      do code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      while (pending.has(code));
      let settle!: (result: IssuedCredential | Error) => void;
      const approved = new Promise<IssuedCredential>((resolve, reject) => {
        settle = (result) => (result instanceof Error ? reject(result) : resolve(result));
      });
      approved.catch(() => {});
      const request = { code, station, expiresAt: now() + pairingCodeTtlMs };
      pending.set(code, { ...request, settle });
      return { request, approved };
    },
    /** A manager approves the code the new station shows: the station gets its credential. Runs in the command's transaction. */
    approve(code: string, approvedBy: string): string {
      dropExpired();
      const request = pending.get(code);
      if (!request) throw new StoreError('PAIRING_CODE_INVALID', 'No station is waiting with that pairing code, or it expired. Read the code on the new station again.');
      const secret = randomBytes(32).toString('base64url');
      insert.run(request.station, hash(secret), new Date(now()).toISOString(), approvedBy);
      pending.delete(code);
      // The secret leaves only once the command's transaction is over, and only if its row committed.
      queueMicrotask(() => {
        if (byId.get(request.station)) request.settle({ station: request.station, secret });
        else request.settle(new Error('The pairing was not saved on the host.'));
      });
      return request.station;
    },
    /** The station a credential names, or null: unknown, revoked, or a wrong secret. */
    authenticate(station: string, secret: string): string | null {
      const row = byId.get(station) as { id: string; secretHash: string; revokedAt: string | null } | undefined;
      if (!row || row.revokedAt !== null) return null;
      const given = Buffer.from(hash(secret), 'hex');
      const stored = Buffer.from(row.secretHash, 'hex');
      return given.length === stored.length && timingSafeEqual(given, stored) ? row.id : null;
    },
    revoke(station: string, by: string): void {
      if (revokeRow.run(new Date(now()).toISOString(), by, station).changes === 0) {
        throw new StoreError('UNKNOWN_STATION', `No paired station ${station} is active.`, { station });
      }
    },
    list(): PairedStationInfo[] {
      return (all.all() as PairedStationInfo[]).map((row) => ({ ...row, connected: false }));
    },
    pendingCount(): number {
      dropExpired();
      return pending.size;
    },
  };
}
export type StationRegistry = ReturnType<typeof createStationRegistry>;

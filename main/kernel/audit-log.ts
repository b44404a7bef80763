import type { Db } from './db/open-ledger';

export interface AuditEntry {
  at: string;
  station: string;
  staff: string | null;
  approvedBy: string | null;
  command: string;
  input: unknown;
  ok: boolean;
  errorCode?: string;
  errorMessage?: string;
}

// PINs never reach the audit log, whatever the command calls the field; nor does a customer's handover code.
const secretKeys = new Set(['pin', 'password', 'secret', 'token', 'verificationcode']);
const redact = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value ?? null, (key, v: unknown) => (secretKeys.has(key.toLowerCase()) ? '[redacted]' : v)));

export function createAuditLog(db: Db) {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, station, staff, approved_by, command, input, ok, error_code, error_message)
     VALUES (@at, @station, @staff, @approvedBy, @command, @input, @ok, @errorCode, @errorMessage)`,
  );
  const recent = db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
  return {
    record(entry: AuditEntry): void {
      insert.run({
        ...entry,
        input: JSON.stringify(redact(entry.input)),
        ok: entry.ok ? 1 : 0,
        errorCode: entry.errorCode ?? null,
        errorMessage: entry.errorMessage ?? null,
      });
    },
    recent: (limit = 50) => recent.all(limit) as Record<string, unknown>[],
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;

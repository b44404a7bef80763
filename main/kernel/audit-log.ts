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

/** One row of the audit log as the viewer lists it (the input stays for the entry itself). */
export interface AuditRow {
  id: number;
  at: string;
  station: string;
  staff: string | null;
  approvedBy: string | null;
  command: string;
  document: string | null;
  ok: boolean;
  errorCode: string | null;
}

/** Every filter is optional; `before` is the keyset cursor (the last id of the previous page). */
export interface AuditFilter {
  before?: number | undefined;
  limit: number;
  staff?: string | undefined;
  approvedBy?: string | undefined;
  command?: string | undefined;
  document?: string | undefined;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string | undefined;
  to?: string | undefined;
}

// PINs never reach the audit log, whatever the command calls the field; nor does a customer's handover code.
const secretKeys = new Set(['pin', 'password', 'secret', 'token', 'verificationcode']);
const redact = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value ?? null, (key, v: unknown) => (secretKeys.has(key.toLowerCase()) ? '[redacted]' : v)));

/** The document a command worked on, so the viewer can find every step of one order, count, receipt, transfer or ASN. */
const documentKeys = ['orderId', 'countId', 'receiptId', 'transferId', 'asnId'] as const;
export function documentOf(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  for (const key of documentKeys) {
    const value = (input as Record<string, unknown>)[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

type RawRow = { id: number; at: string; station: string; staff: string | null; approved_by: string | null; command: string; document: string | null; ok: number; error_code: string | null };
const rowOf = (r: RawRow): AuditRow => ({
  id: r.id,
  at: r.at,
  station: r.station,
  staff: r.staff,
  approvedBy: r.approved_by,
  command: r.command,
  document: r.document,
  ok: r.ok === 1,
  errorCode: r.error_code,
});

export function createAuditLog(db: Db) {
  const insert = db.prepare(
    `INSERT INTO audit_log (at, station, staff, approved_by, command, input, ok, error_code, error_message, document)
     VALUES (@at, @station, @staff, @approvedBy, @command, @input, @ok, @errorCode, @errorMessage, @document)`,
  );
  const recent = db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
  const one = db.prepare('SELECT * FROM audit_log WHERE id = ?');
  // A date bound becomes an id bound through audit_by_time: the page query then walks ids only.
  const firstIdAtOrAfter = db.prepare('SELECT id FROM audit_log WHERE at >= ? ORDER BY at, id LIMIT 1').pluck();
  const pages = new Map<string, ReturnType<Db['prepare']>>();

  /** One statement per combination of filters, each an index range walked by id (migration 24). */
  function pageStatement(filter: AuditFilter) {
    const where = ['id < @before', 'id >= @fromId'];
    if (filter.staff !== undefined) where.push('staff = @staff');
    if (filter.approvedBy !== undefined) where.push('approved_by = @approvedBy');
    if (filter.command !== undefined) where.push('command = @command');
    if (filter.document !== undefined) where.push('document = @document');
    const sql = `SELECT id, at, station, staff, approved_by, command, document, ok, error_code FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT @limit`;
    let statement = pages.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      pages.set(sql, statement);
    }
    return statement;
  }

  return {
    record(entry: AuditEntry): void {
      insert.run({
        ...entry,
        input: JSON.stringify(redact(entry.input)),
        ok: entry.ok ? 1 : 0,
        errorCode: entry.errorCode ?? null,
        errorMessage: entry.errorMessage ?? null,
        document: documentOf(entry.input),
      });
    },
    recent: (limit = 50) => recent.all(limit) as Record<string, unknown>[],

    /** A page of the log, newest first, after the cursor `before`. */
    page(filter: AuditFilter): AuditRow[] {
      let before = filter.before ?? Number.MAX_SAFE_INTEGER;
      let fromId = 0;
      if (filter.from !== undefined) fromId = (firstIdAtOrAfter.get(filter.from) as number | undefined) ?? Number.MAX_SAFE_INTEGER;
      if (filter.to !== undefined) {
        const firstAfter = firstIdAtOrAfter.get(filter.to) as number | undefined;
        if (firstAfter !== undefined) before = Math.min(before, firstAfter);
      }
      const rows = pageStatement(filter).all({
        before,
        fromId,
        limit: filter.limit,
        staff: filter.staff ?? null,
        approvedBy: filter.approvedBy ?? null,
        command: filter.command ?? null,
        document: filter.document ?? null,
      }) as RawRow[];
      return rows.map(rowOf);
    },

    /** One entry whole, with the (redacted) input it was called with; null if there is none. */
    entry(id: number): (AuditRow & { input: string; errorMessage: string | null }) | null {
      const row = one.get(id) as (RawRow & { input: string; error_message: string | null }) | undefined;
      return row ? { ...rowOf(row), input: row.input, errorMessage: row.error_message } : null;
    },
  };
}
export type AuditLog = ReturnType<typeof createAuditLog>;

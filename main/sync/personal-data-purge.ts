import type { Db } from '../kernel/db/open-ledger';

type Statement = { all(...params: unknown[]): unknown[]; run(...params: unknown[]): unknown };

export const erasedMark = '[erased]';

/** Each personal string as it may appear in a payload: raw, and escaped inside a JSON string. */
function forms(needles: readonly string[]): string[] {
  const all = new Set<string>();
  for (const needle of needles) {
    if (needle.length < 3) continue; // too short to erase by search without erasing everything else
    all.add(needle);
    all.add(JSON.stringify(needle).slice(1, -1));
  }
  return [...all];
}

function redact(text: string, needles: readonly string[]): string {
  let out = text;
  for (const needle of needles) out = out.split(needle).join(erasedMark);
  return out;
}

/**
 * The sync room's part of a customer's erasure (issue 17): the copies of their personal data in
 * HQ's messages as the store keeps them: inbox payloads (applied or parked), dead letters, and
 * the outbox (sent or waiting); and, as the ledger's last sweep, the audit log's inputs (kernel
 * tables both, which no other room's service reaches). Each keeps its row, with the personal strings replaced, so
 * numbering and accounting stay whole. Rows are found by the strings themselves; the caller
 * collects them from the rooms that knew the customer (orders, customers).
 *
 * SQLite keeps deleted and overwritten bytes in free space and in the WAL: `secure_delete` zeroes
 * them as they are freed, and `compactAfterErasure` rewrites the file and truncates the WAL.
 */
export function createPersonalDataPurge(db: Db) {
  const inboxRows = db.prepare('SELECT id, payload FROM inbox WHERE instr(payload, ?) > 0');
  const setInbox = db.prepare('UPDATE inbox SET payload = ? WHERE id = ?');
  const deadRows = db.prepare('SELECT id, CAST(payload AS TEXT) AS payload FROM dead_letters WHERE instr(CAST(payload AS TEXT), ?) > 0');
  const setDead = db.prepare('UPDATE dead_letters SET payload = ? WHERE id = ?');
  const outboxRows = db.prepare('SELECT seq AS id, payload FROM outbox WHERE instr(payload, ?) > 0');
  // A command's audited input may carry what staff typed (a follow-up's note naming the customer).
  const auditRows = db.prepare('SELECT id, input AS payload FROM audit_log WHERE instr(input, ?) > 0');
  const setAudit = db.prepare('UPDATE audit_log SET input = ? WHERE id = ?');
  const setOutbox = db.prepare('UPDATE outbox SET payload = ? WHERE seq = ?');

  function sweep(select: Statement, update: Statement, needles: string[], asBlob: boolean): number {
    const touched = new Map<number | string, string>();
    for (const needle of needles) {
      for (const row of select.all(needle) as { id: number | string; payload: string }[]) touched.set(row.id, touched.get(row.id) ?? row.payload);
    }
    for (const [id, payload] of touched) {
      const clean = redact(payload, needles);
      update.run(asBlob ? Buffer.from(clean) : clean, id);
    }
    return touched.size;
  }

  return {
    /** Replaces every personal string in the inbox, dead letters and outbox; runs inside the caller's transaction. */
    purge(personal: readonly string[]): { inbox: number; deadLetters: number; outbox: number; audit: number } {
      const needles = forms(personal);
      if (needles.length === 0) return { inbox: 0, deadLetters: 0, outbox: 0, audit: 0 };
      // Freed and overwritten cells are zeroed on disk, not left in free space for a forensic reader.
      db.pragma('secure_delete = ON');
      return {
        inbox: sweep(inboxRows, setInbox, needles, false),
        deadLetters: sweep(deadRows, setDead, needles, true),
        outbox: sweep(outboxRows, setOutbox, needles, false),
        // The audit rows stay (who did what, when); only the personal strings in their input go.
        audit: sweep(auditRows, setAudit, needles, false),
      };
    },
    /**
     * After the erasure committed, outside any transaction: VACUUM rewrites the file without free
     * pages (cells freed before `secure_delete` was on may still hold old copies), then the WAL's
     * page images go back into the file and the WAL is truncated to nothing.
     */
    compactAfterErasure(): { busy: boolean } {
      db.exec('VACUUM');
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      return { busy: (result?.busy ?? 0) !== 0 };
    },
  };
}
export type PersonalDataPurge = ReturnType<typeof createPersonalDataPurge>;

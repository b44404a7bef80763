import type { Db } from '../../main/kernel/db/open-ledger';

/**
 * Seeds `count` audit log entries in one statement, a second apart ending now: staff in turn
 * ana, pablo, marta, ivan; every 7th approved by marta; commands in turn orders.pick,
 * stock.adjust, counts.scan; every entry names order W-<n mod 1000>.
 */
export function seedAuditEntries(db: Db, count: number, endAt = Date.now()): { firstAt: string; lastAt: string } {
  const startMs = endAt - (count - 1) * 1000;
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @count)
     INSERT INTO audit_log (at, station, staff, approved_by, command, input, ok, document)
     SELECT strftime('%Y-%m-%dT%H:%M:%fZ', (@startMs + i * 1000) / 1000.0, 'unixepoch'),
            'seed',
            CASE i % 4 WHEN 0 THEN 'ana' WHEN 1 THEN 'pablo' WHEN 2 THEN 'marta' ELSE 'ivan' END,
            CASE WHEN i % 7 = 0 THEN 'marta' END,
            CASE i % 3 WHEN 0 THEN 'orders.pick' WHEN 1 THEN 'stock.adjust' ELSE 'counts.scan' END,
            json_object('orderId', 'W-' || (i % 1000)),
            1,
            'W-' || (i % 1000)
     FROM n`,
  ).run({ count, startMs });
  return { firstAt: new Date(startMs).toISOString(), lastAt: new Date(endAt).toISOString() };
}

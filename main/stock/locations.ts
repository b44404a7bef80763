import type { LocationInfo } from '../api/types';
import type { Db } from '../kernel/db/open-ledger';

interface LocationRow {
  code: string;
  name: string;
  kind: 'internal' | 'external';
  sellable: number;
  allow_negative: number;
}

const toInfo = (row: LocationRow): LocationInfo => ({
  code: row.code,
  name: row.name,
  kind: row.kind,
  sellable: row.sellable === 1,
  allowNegative: row.allow_negative === 1,
});

/** Locations change only by migration, so they are read once per open ledger. */
export function loadLocations(db: Db): Map<string, LocationInfo> {
  const rows = db.prepare('SELECT code, name, kind, sellable, allow_negative FROM locations ORDER BY sort').all() as LocationRow[];
  return new Map(rows.map((row) => [row.code, toInfo(row)]));
}

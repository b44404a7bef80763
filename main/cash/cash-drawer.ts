import type { Db } from '../kernel/db/open-ledger';
import { StoreError } from '../kernel/errors';
import type { CashDaySummary, CashMovementInfo } from '../api/types';

/**
 * Why money crossed the counter. An exchange's difference is collected or paid out; a
 * return refunded in cash (the returns room) is paid out.
 */
export type CashMovementKind = 'exchange-collected' | 'exchange-refunded' | 'return-refunded';

export interface CashMovementRequest {
  station: string;
  staff: string;
  kind: CashMovementKind;
  /** Positive: into the drawer; negative: out of it. */
  amountCents: number;
  /** The document it settles: an exchange's or a return's id. */
  ref: string;
  approvedBy?: string | null;
}

/** The store's local calendar day, as staff close it: YYYY-MM-DD. */
export function localDay(at: Date): string {
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/**
 * The cash room: every euro that went into or out of a station's drawer at the
 * counter, and the end-of-day summary a manager confirms per station. Other
 * rooms record through `recordCashMovement`, inside their own command's
 * transaction, so a refund is never paid without its row.
 */
export function createCashDrawer(db: Db, now: () => Date = () => new Date()) {
  const insert = db.prepare(
    'INSERT INTO cash_movements (day, at, station, staff, kind, amount_cents, ref, approved_by) VALUES (@day, @at, @station, @staff, @kind, @amountCents, @ref, @approvedBy)',
  );
  const ofDay = db.prepare(
    `SELECT id, at, station, staff, kind, amount_cents AS amountCents, ref, approved_by AS approvedBy
       FROM cash_movements WHERE day = ? ORDER BY station, id`,
  );
  const confirmationsOf = db.prepare(
    'SELECT station, net_cents AS netCents, movements, confirmed_at AS confirmedAt, confirmed_by AS confirmedBy FROM cash_day_confirmations WHERE day = ?',
  );
  const insertConfirmation = db.prepare(
    `INSERT INTO cash_day_confirmations (day, station, net_cents, movements, confirmed_at, confirmed_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (day, station) DO UPDATE SET net_cents = excluded.net_cents, movements = excluded.movements,
       confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by`,
  );

  function endOfDay(day: string = localDay(now())): CashDaySummary {
    const movements = ofDay.all(day) as CashMovementInfo[];
    const confirmations = new Map((confirmationsOf.all(day) as { station: string; netCents: number; movements: number; confirmedAt: string; confirmedBy: string }[]).map((c) => [c.station, c]));
    const stationIds = [...new Set([...movements.map((m) => m.station), ...confirmations.keys()])].sort();
    return {
      day,
      stations: stationIds.map((station) => {
        const own = movements.filter((m) => m.station === station);
        const inCents = own.filter((m) => m.amountCents > 0).reduce((sum, m) => sum + m.amountCents, 0);
        const outCents = own.filter((m) => m.amountCents < 0).reduce((sum, m) => sum - m.amountCents, 0);
        const confirmed = confirmations.get(station) ?? null;
        return {
          station,
          inCents,
          outCents,
          netCents: inCents - outCents,
          movements: own,
          confirmed: confirmed ? { at: confirmed.confirmedAt, by: confirmed.confirmedBy, netCents: confirmed.netCents } : null,
          // Money that moved after the manager's confirmation: the day is open again for that station.
          changedSinceConfirmed: confirmed !== null && (confirmed.movements !== own.length || confirmed.netCents !== inCents - outCents),
        };
      }),
    };
  }

  return {
    recordCashMovement(request: CashMovementRequest): { id: number; day: string } {
      if (!Number.isInteger(request.amountCents) || request.amountCents === 0) {
        throw new StoreError('VALIDATION', `A cash movement needs a whole, non-zero amount of cents (${request.amountCents}).`);
      }
      const at = now();
      const day = localDay(at);
      const { lastInsertRowid } = insert.run({ ...request, approvedBy: request.approvedBy ?? null, day, at: at.toISOString() });
      return { id: Number(lastInsertRowid), day };
    },

    endOfDay,

    /** A manager confirms what one station's drawer should hold for the day; a later movement reopens it. */
    confirmDay(day: string, station: string, confirmedBy: string): CashDaySummary {
      const summary = endOfDay(day);
      const row = summary.stations.find((s) => s.station === station);
      if (!row) throw new StoreError('VALIDATION', `No cash moved at ${station} on ${day}: nothing to confirm.`, { day, station });
      insertConfirmation.run(day, station, row.netCents, row.movements.length, now().toISOString(), confirmedBy);
      return endOfDay(day);
    },
  };
}
export type CashDrawer = ReturnType<typeof createCashDrawer>;

import type { KpiReport } from '../api/types';
import type { Db } from '../kernel/db/open-ledger';
import type { StoreDays } from '../kernel/store-days';
import { createOutboxWriter } from '../kernel/outbox-writer';

/** What HQ hears once per store day (docs/protocol.md, `kpi.digest`). */
export const kpiDigestEventType = 'kpi.digest';

/** The digest of one store day: the report's headline figures, small enough for one event. */
export function digestOf(report: KpiReport, from: string, to: string) {
  const { ordersPerDay, returnsByReason, outOfStockHours, ...rest } = report;
  return {
    day: report.from,
    timeZone: report.timeZone,
    from,
    to,
    ordersReceived: ordersPerDay.reduce((sum, d) => sum + d.orders, 0),
    readyByPromised: rest.readyByPromised,
    timeToReady: rest.timeToReady,
    pickTime: rest.pickTime,
    shortPick: rest.shortPick,
    noShow: rest.noShow,
    // The protocol's bound (docs/protocol.md): the largest reasons first, as the report sorts them.
    returnsByReason: returnsByReason.slice(0, 100),
    inventoryAccuracy: rest.inventoryAccuracy,
    shrink: rest.shrink,
    outOfStockHours: outOfStockHours.filter((s) => s.hours > 0).map(({ sensorId, sku, hours }) => ({ sensorId, sku, hours })),
    labelsPrintedLate: rest.labelsPrintedLate,
  };
}

/**
 * The daily KPI digest for HQ: once the store day is over, its report goes into the outbox with
 * a row in kpi_digests, in one transaction, so each store day is sent once however often this runs
 * and whatever restarts in between. A store that was off when a day ended sends it when it starts
 * (the last day that ended). The first check a store ever makes sends nothing: the day that ended
 * before it is recorded unsent, since the store did not trade through all of it.
 */
export function createKpiDigests(db: Db, { days, report, now = () => new Date() }: { days: StoreDays; report: (range: { from: string; to: string }) => KpiReport; now?: () => Date }) {
  const outbox = createOutboxWriter(db);
  const anyChecked = db.prepare('SELECT EXISTS (SELECT 1 FROM kpi_digests)').pluck();
  const claim = db.prepare('INSERT INTO kpi_digests (day, at, sent) VALUES (?, ?, ?) ON CONFLICT (day) DO NOTHING');
  const sendOnce = db.transaction((day: string, at: string): boolean => {
    if (anyChecked.get() === 0) {
      claim.run(day, at, 0);
      return false;
    }
    if (claim.run(day, at, 1).changes === 0) return false;
    const from = days.startOf(day).toISOString();
    const to = days.startOf(days.nextDay(day)).toISOString();
    outbox.append(kpiDigestEventType, digestOf(report({ from: day, to: day }), from, to), at);
    return true;
  });
  return {
    /** Sends the digest of the store day that ended last, unless it was sent (or predates the store); the day sent, or null. */
    sendDue(): string | null {
      const at = now();
      const today = days.dayOf(at);
      const yesterday = days.dayOf(days.startOf(today).getTime() - 1);
      return sendOnce(yesterday, at.toISOString()) ? yesterday : null;
    },
  };
}
export type KpiDigests = ReturnType<typeof createKpiDigests>;

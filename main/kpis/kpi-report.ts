import type { KpiRatio, KpiReport } from '../api/types';
import type { StoreDays } from '../kernel/store-days';
import type { KpiSources } from './kpi-ports';

/** The channel of every return the store records today: pickup orders (tills return nothing yet). */
const pickupChannel = 'pickup';

export const ratio = (numerator: number, denominator: number): KpiRatio => ({ numerator, denominator, share: denominator > 0 ? numerator / denominator : null });

/** Nearest-rank percentile (the smallest value with at least p % of values at or below it). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function durations(values: number[]): KpiReport['timeToReady'] {
  const sorted = values.sort((a, b) => a - b);
  return { orders: sorted.length, p50Ms: percentile(sorted, 50), p90Ms: percentile(sorted, 90) };
}

/** Where each store day of [from, to] begins, and where the last ends. */
export function dayBoundaries(days: StoreDays, from: string, to: string): { days: string[]; starts: string[]; end: string } {
  const list: string[] = [];
  for (let day = from; day <= to; day = days.nextDay(day)) list.push(day);
  return { days: list, starts: list.map((d) => days.startOf(d).toISOString()), end: days.startOf(days.nextDay(to)).toISOString() };
}

/** The index of the last start at or before `at` (starts are sorted ISO instants). */
function dayIndex(starts: readonly string[], at: string): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The KPI report for store days `from`..`to` (both included, in the store's time zone). Every
 * figure is read from the ledger through the owning room; the definitions are the ones
 * kpiReportSchema documents and the KPI page shows beside each chart.
 */
export function computeKpiReport(sources: KpiSources, days: StoreDays, range: { from: string; to: string }, now: Date): KpiReport {
  const { days: dayList, starts, end } = dayBoundaries(days, range.from, range.to);
  const instants = { from: starts[0]!, to: end };
  const nowMs = now.getTime();

  const perDay = new Array<number>(dayList.length).fill(0);
  let promisedDue = 0;
  let readyInTime = 0;
  const toReady: number[] = [];
  const picking: number[] = [];
  let pickedOrdered = 0;
  let pickedShort = 0;
  let readied = 0;
  let notCollected = 0;
  for (const order of sources.orders.kpiRows(instants)) {
    perDay[dayIndex(starts, order.receivedAt)]!++;
    const received = Date.parse(order.receivedAt);
    const ready = order.readyAt === null ? null : Date.parse(order.readyAt);
    if (ready !== null) {
      readied++;
      toReady.push(ready - received);
      if (order.pickingAt !== null) picking.push(ready - Date.parse(order.pickingAt));
      if (order.status === 'not_collected') notCollected++;
    }
    if (order.promisedAt !== null) {
      const promised = Date.parse(order.promisedAt);
      const withdrawn = ready === null && (order.status === 'rejected' || order.status === 'cancelled');
      if (!withdrawn && (ready !== null || promised <= nowMs)) {
        promisedDue++;
        if (ready !== null && ready <= promised) readyInTime++;
      }
    }
    if (order.pickingAt !== null) {
      pickedOrdered += order.orderedUnits;
      pickedShort += order.shortUnits;
    }
  }

  const returns = sources.orders.returnsByReason(instants);
  const returnedUnits = returns.reduce((sum, r) => sum + r.units, 0);
  const stock = sources.movements.movementKpis(instants);
  const accuracy = sources.counts.accuracy(instants);
  // Time not yet lived is no time out of stock.
  const shelvesTo = new Date(Math.min(Date.parse(end), nowMs)).toISOString();
  const shelves = shelvesTo > instants.from ? sources.shelves.outOfStock({ from: instants.from, to: shelvesTo }) : [];
  const labels = sources.labels.labelsPrintedLate(instants);

  return {
    from: range.from,
    to: range.to,
    timeZone: days.timeZone,
    ordersPerDay: dayList.map((day, i) => ({ day, orders: perDay[i]! })),
    readyByPromised: ratio(readyInTime, promisedDue),
    timeToReady: durations(toReady),
    pickTime: durations(picking),
    shortPick: ratio(pickedShort, pickedOrdered),
    noShow: ratio(notCollected, readied),
    returnsByReason: returns,
    returnsByChannel: returnedUnits > 0 ? [{ channel: pickupChannel, units: returnedUnits }] : [],
    inventoryAccuracy: ratio(accuracy.withinTolerance, accuracy.counted),
    shrink: ratio(stock.unexplainedLoss, stock.unitsToCustomers),
    writtenOffByReason: stock.writtenOffByReason,
    outOfStockHours: shelves.map((s) => ({ sensorId: s.sensorId, sku: s.sku, location: s.location, hours: Math.round((s.outMs / 3_600_000) * 100) / 100 })),
    labelsPrintedLate: labels === null ? null : ratio(labels.late, labels.printed),
  };
}


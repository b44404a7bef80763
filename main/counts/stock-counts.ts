import { randomUUID } from 'node:crypto';
import type { CountDetail, CountInfo, DocumentPage, CountLine, Role, ScannedCode } from '../api/types';
import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../kernel/db/open-ledger';
import { StoreError } from '../kernel/errors';
import { createOutboxWriter } from '../kernel/outbox-writer';
import type { MovementLedger } from '../stock/movement-ledger';
import { isBlindedViewer, type BlindCountSource } from '../stock/stock-read-path';
import type { StockLevels } from '../stock/stock-levels';
import { varianceNeedsRecount, type StockTolerancesSource } from '../stock/tolerances';

type Status = CountInfo['status'];
type Origin = CountInfo['origin'];

/** What HQ hears when a count closes (docs/protocol.md, `count.closed`). */
export const countClosedEventType = 'count.closed';

/** Counts still being counted: their locations are blind to the counting roles. */
const blindStatuses: readonly Status[] = ['counting', 'recount'];
/** Counts not yet closed: a discrepancy on a product they cover opens no second one. */
const openStatuses: readonly Status[] = ['counting', 'review', 'recount'];

interface CountRow {
  count_id: string;
  location: string;
  scope: 'location' | 'skus';
  origin: Origin;
  origin_ref: string | null;
  owner: string;
  status: Status;
  created_at: string;
  submitted_at: string | null;
  closed_at: string | null;
  closed_by: string | null;
  reason_code: string | null;
  lines: number;
  counted_lines: number;
}

interface LineRow {
  count_id: string;
  sku: string;
  snapshot_qty: number | null;
  snapshot_seq: number | null;
  counted: number | null;
  counted_by: string | null;
  first_scan_at: string | null;
  zeroed: number;
  recount_needed: number;
  recounted: number | null;
  recounted_by: string | null;
}

export interface CountActor {
  staff: string;
  station: string;
}

/** A count opened by a discrepancy, without anyone asking (a shelf sensor, a short pick). */
export interface SpotCountRequest {
  sku: string;
  location: string;
  origin: 'shelf' | 'short-pick';
  /** The sensor or order it came from. */
  ref: string;
}

export type CountCreation =
  | { by: 'location'; location: string }
  | { by: 'category'; location: string; category: string }
  | { by: 'skus'; location: string; skus: string[] }
  | { by: 'not-counted'; location: string; days: number };

export interface StockCountPorts {
  catalog: Pick<CatalogStore, 'findByCode' | 'product' | 'exists' | 'skusInCategory'>;
  levels: Pick<StockLevels, 'at' | 'levelsAt'>;
  movements: Pick<MovementLedger, 'append' | 'lastSeq' | 'netSince'>;
  tolerances: StockTolerancesSource;
  locations: ReadonlyMap<string, { kind: 'internal' | 'external' }>;
}

const toInfo = (r: CountRow): CountInfo => ({
  countId: r.count_id,
  location: r.location,
  scope: r.scope,
  origin: r.origin,
  originRef: r.origin_ref,
  owner: r.owner,
  status: r.status,
  createdAt: r.created_at,
  submittedAt: r.submitted_at,
  closedAt: r.closed_at,
  closedBy: r.closed_by,
  reasonCode: r.reason_code,
  lines: r.lines,
  countedLines: r.counted_lines,
});

/**
 * Stock counts that do not stop trading. Each line takes the ledger's quantity and its last
 * movement at its first scan; what moves afterwards (a till sale, a pick) is allowed for, so
 * variance = counted − (snapshot + movements since). Every change is one transaction; approval
 * posts the adjustments and the `count.closed` outbox row together.
 */
export function createStockCounts(db: Db, { catalog, levels, movements, tolerances, locations }: StockCountPorts, now: () => Date = () => new Date()) {
  const outbox = createOutboxWriter(db);
  const countSelect = `SELECT c.*, (SELECT COUNT(*) FROM stock_count_lines l WHERE l.count_id = c.count_id) AS lines,
      (SELECT COUNT(*) FROM stock_count_lines l WHERE l.count_id = c.count_id AND l.counted IS NOT NULL) AS counted_lines
    FROM stock_counts c`;
  const countRow = db.prepare(`${countSelect} WHERE c.count_id = ?`);
  const listAll = db.prepare(`${countSelect} ORDER BY c.created_at DESC, c.count_id LIMIT 500`);
  const listByStatus = db.prepare(`${countSelect} WHERE c.status = ? ORDER BY c.created_at DESC, c.count_id LIMIT 500`);
  // A page, newest first, after the cursor: a range read of stock_counts_by_created.
  const listPage = db.prepare(
    `${countSelect} INDEXED BY stock_counts_by_created
      WHERE (@status IS NULL OR c.status = @status) AND (@at IS NULL OR (c.created_at, c.count_id) < (@at, @id))
      ORDER BY c.created_at DESC, c.count_id DESC LIMIT @limit`,
  );
  const linesOf = db.prepare('SELECT * FROM stock_count_lines WHERE count_id = ? ORDER BY sku');
  const lineOf = db.prepare('SELECT * FROM stock_count_lines WHERE count_id = ? AND sku = ?');
  const insertCount = db.prepare(
    `INSERT INTO stock_counts (count_id, location, scope, origin, origin_ref, owner, status, created_at)
     VALUES (@countId, @location, @scope, @origin, @originRef, @owner, 'counting', @at)`,
  );
  const insertLine = db.prepare('INSERT OR IGNORE INTO stock_count_lines (count_id, sku) VALUES (?, ?)');
  const firstScan = db.prepare(
    `UPDATE stock_count_lines SET snapshot_qty = @snapshot, snapshot_seq = @seq, counted = @qty, counted_by = @staff, first_scan_at = @at
      WHERE count_id = @countId AND sku = @sku`,
  );
  const addCounted = db.prepare('UPDATE stock_count_lines SET counted = counted + ? WHERE count_id = ? AND sku = ?');
  const addRecounted = db.prepare(
    'UPDATE stock_count_lines SET recounted = COALESCE(recounted, 0) + ?, recounted_by = ? WHERE count_id = ? AND sku = ?',
  );
  const zeroLine = db.prepare(
    `UPDATE stock_count_lines SET snapshot_qty = @snapshot, snapshot_seq = @seq, counted = 0, zeroed = 1, counted_by = @staff, first_scan_at = @at
      WHERE count_id = @countId AND sku = @sku`,
  );
  const askRecount = db.prepare('UPDATE stock_count_lines SET recount_needed = 1 WHERE count_id = ? AND sku = ?');
  const setSubmitted = db.prepare('UPDATE stock_counts SET status = ?, submitted_at = ? WHERE count_id = ?');
  const close = db.prepare('UPDATE stock_counts SET status = ?, closed_at = ?, closed_by = ?, reason_code = ? WHERE count_id = ?');
  const keepApproved = db.prepare('UPDATE stock_count_lines SET approved_expected = ?, approved_variance = ? WHERE count_id = ? AND sku = ?');
  const approvedLines = db.prepare(
    `SELECT l.approved_expected AS expected, l.approved_variance AS variance
       FROM stock_counts c INDEXED BY stock_counts_by_closed JOIN stock_count_lines l ON l.count_id = c.count_id
      WHERE c.status = 'approved' AND c.closed_at >= @from AND c.closed_at < @to AND l.approved_variance IS NOT NULL`,
  );
  const blindAt = db.prepare(
    `SELECT DISTINCT c.location FROM stock_counts c
      WHERE c.status IN ('counting', 'recount')
        AND (c.scope = 'location' OR EXISTS (SELECT 1 FROM stock_count_lines l WHERE l.count_id = c.count_id AND l.sku = ?))`,
  ).pluck();
  const openCovering = db.prepare(
    `SELECT c.count_id FROM stock_counts c
      WHERE c.status IN ('counting', 'review', 'recount') AND c.location = @location
        AND (c.scope = 'location' OR EXISTS (SELECT 1 FROM stock_count_lines l WHERE l.count_id = c.count_id AND l.sku = @sku))
      LIMIT 1`,
  ).pluck();
  const lastApprovedCount = db.prepare(
    `SELECT MAX(c.closed_at) FROM stock_counts c JOIN stock_count_lines l ON l.count_id = c.count_id
      WHERE c.status = 'approved' AND c.location = ? AND l.sku = ?`,
  ).pluck();

  function load(countId: string): CountRow {
    const row = countRow.get(countId) as CountRow | undefined;
    if (!row) throw new StoreError('UNKNOWN_COUNT', `There is no count "${countId}".`, { countId });
    return row;
  }

  function expectedOf(line: LineRow, location: string) {
    if (line.snapshot_qty === null || line.snapshot_seq === null) return null;
    const movesSince = movements.netSince(line.sku, location, line.snapshot_seq);
    return { snapshot: line.snapshot_qty, movesSince, expected: line.snapshot_qty + movesSince };
  }

  /** The count a line ends with: its recount where one was taken. */
  const finalCount = (line: LineRow): number | null => line.recounted ?? line.counted;

  function toLine(line: LineRow, count: CountRow, figuresShown: boolean): CountLine {
    const ledger = figuresShown ? expectedOf(line, count.location) : null;
    const counted = finalCount(line);
    const variance = ledger && counted !== null ? counted - ledger.expected : null;
    // A recounter does not see the first count either: the second count is as blind as the first.
    const hideFirstCount = !figuresShown && line.recount_needed === 1;
    return {
      sku: line.sku,
      name: catalog.product(line.sku)?.name ?? null,
      counted: hideFirstCount ? null : line.counted,
      countedBy: line.counted_by,
      firstScanAt: line.first_scan_at,
      zeroed: line.zeroed === 1,
      recountNeeded: line.recount_needed === 1,
      recounted: line.recounted,
      recountedBy: line.recounted_by,
      snapshot: ledger?.snapshot ?? null,
      movesSince: ledger?.movesSince ?? null,
      expected: ledger?.expected ?? null,
      variance,
      overTolerance: ledger && variance !== null ? varianceNeedsRecount(variance, ledger.expected, tolerances.current()) : null,
    };
  }

  function detail(countId: string, viewer: Role | null): CountDetail {
    const count = load(countId);
    const figuresShown = !(blindStatuses.includes(count.status) && isBlindedViewer(viewer));
    const { countVarianceUnits, countVariancePct } = tolerances.current();
    return {
      ...toInfo(count),
      items: (linesOf.all(countId) as LineRow[]).map((l) => toLine(l, count, figuresShown)),
      figuresShown,
      tolerances: { countVarianceUnits, countVariancePct },
    };
  }

  function knownLocation(location: string) {
    const found = locations.get(location);
    if (!found) throw new StoreError('UNKNOWN_LOCATION', `There is no location "${location}".`, { location });
    if (found.kind !== 'internal') throw new StoreError('UNKNOWN_LOCATION', `"${location}" is not a place in the store that can be counted.`, { location });
  }

  function open(location: string, scope: 'location' | 'skus', origin: Origin, originRef: string | null, owner: string, skus: readonly string[]): CountInfo {
    const countId = `CNT-${randomUUID().slice(0, 8).toUpperCase()}`;
    insertCount.run({ countId, location, scope, origin, originRef, owner, at: now().toISOString() });
    for (const sku of skus) insertLine.run(countId, sku);
    return toInfo(load(countId));
  }

  function mustBe(count: CountRow, ...statuses: Status[]) {
    if (!statuses.includes(count.status)) {
      throw new StoreError('TRANSITION_REFUSED', `Count ${count.count_id} is ${count.status}.`, { countId: count.count_id, status: count.status });
    }
  }

  return {
    /** The counts room's answer to the stock read path: where a count keeps this SKU blind. */
    blindness: {
      blindLocations: (sku: string): ReadonlySet<string> => new Set(blindAt.all(sku) as string[]),
    } satisfies BlindCountSource,

    list: (status?: Status, page: DocumentPage = {}): CountInfo[] =>
      (
        (page.limit !== undefined
          ? listPage.all({ status: status ?? null, at: page.before?.at ?? null, id: page.before?.id ?? null, limit: page.limit })
          : status
            ? listByStatus.all(status)
            : listAll.all()) as CountRow[]
      ).map(toInfo),
    detail,
    /** The SKUs whose stock reads change when this count opens or closes (for stock.changed). */
    skusOf: (countId: string): string[] => (linesOf.all(countId) as LineRow[]).map((l) => l.sku),

    create: db.transaction((request: CountCreation, owner: string): CountInfo => {
      knownLocation(request.location);
      switch (request.by) {
        case 'location':
          return open(request.location, 'location', 'manual', null, owner, [...levels.levelsAt(request.location).keys()]);
        case 'skus':
          for (const sku of request.skus) {
            if (!catalog.exists(sku)) throw new StoreError('UNKNOWN_SKU', `There is no product with SKU "${sku}".`, { sku });
          }
          return open(request.location, 'skus', 'manual', null, owner, [...new Set(request.skus)]);
        case 'category': {
          const skus = catalog.skusInCategory(request.category);
          if (skus.length === 0) throw new StoreError('VALIDATION', `No product is in category "${request.category}".`, { category: request.category });
          return open(request.location, 'skus', 'category', request.category, owner, skus);
        }
        case 'not-counted': {
          const cutoff = new Date(now().getTime() - request.days * 86_400_000).toISOString();
          const skus = [...levels.levelsAt(request.location).keys()].filter((sku) => {
            const last = lastApprovedCount.get(request.location, sku) as string | null;
            return last === null || last < cutoff;
          });
          if (skus.length === 0) {
            throw new StoreError('VALIDATION', `Every product at ${request.location} was counted in the last ${request.days} days.`, { days: request.days });
          }
          return open(request.location, 'skus', 'not-counted', `${request.days}d`, owner, skus);
        }
      }
    }),

    /**
     * A one-item count opened by a discrepancy, unless an open count already covers that product
     * there (then nothing opens: null). Runs in the caller's transaction when there is one.
     */
    openSpot: db.transaction((request: SpotCountRequest): CountInfo | null => {
      if (openCovering.get({ location: request.location, sku: request.sku })) return null;
      return open(request.location, 'skus', request.origin, request.ref, 'system', [request.sku]);
    }),

    scan: db.transaction((countId: string, scanned: ScannedCode, qty: number, actor: CountActor, viewer: Role | null): CountDetail => {
      const count = load(countId);
      mustBe(count, 'counting', 'recount');
      const match = catalog.findByCode(scanned);
      const sku = match.product.sku;
      const units = match.embedded?.kind === 'weight' ? match.embedded.value : qty;
      let line = lineOf.get(countId, sku) as LineRow | undefined;
      if (!line && count.status === 'counting' && count.scope === 'location') {
        insertLine.run(countId, sku);
        line = lineOf.get(countId, sku) as LineRow;
      }
      if (!line || (count.status === 'recount' && line.recount_needed !== 1)) {
        throw new StoreError('NOT_IN_COUNT', `${match.product.name} is not ${count.status === 'recount' ? 'to be recounted' : 'in'} count ${countId}.`, { countId, sku });
      }
      if (count.status === 'recount') {
        if (line.counted_by === actor.staff) {
          throw new StoreError('RECOUNT_BY_ANOTHER', `${match.product.name} must be recounted by someone other than its first counter.`, { countId, sku });
        }
        addRecounted.run(units, actor.staff, countId, sku);
      } else if (line.first_scan_at === null) {
        firstScan.run({ countId, sku, snapshot: levels.at(sku, count.location), seq: movements.lastSeq(), qty: units, staff: actor.staff, at: now().toISOString() });
      } else {
        addCounted.run(units, countId, sku);
      }
      return detail(countId, viewer);
    }),

    /**
     * Counting (or recounting) is done. Lines nobody scanned become explicit zeros, their snapshot
     * taken now; lines whose variance is over tolerance go back for a recount by another person.
     * A recount's result stands: the second submission goes to review whatever it shows.
     */
    submit: db.transaction((countId: string, actor: CountActor, viewer: Role | null): CountDetail => {
      const count = load(countId);
      mustBe(count, 'counting', 'recount');
      const at = now().toISOString();
      if (count.status === 'recount') {
        const missing = (linesOf.all(countId) as LineRow[]).filter((l) => l.recount_needed === 1 && l.recounted === null);
        // A recount line nobody scanned is a recount of zero.
        for (const l of missing) addRecounted.run(0, 'system', countId, l.sku);
        setSubmitted.run('review', at, countId);
        return detail(countId, viewer);
      }
      for (const line of linesOf.all(countId) as LineRow[]) {
        // Whoever submits stands behind the zero, so they are not the one to recount it.
        if (line.first_scan_at === null) zeroLine.run({ countId, sku: line.sku, snapshot: levels.at(line.sku, count.location), seq: movements.lastSeq(), staff: actor.staff, at });
      }
      let recounts = 0;
      for (const line of linesOf.all(countId) as LineRow[]) {
        const ledger = expectedOf(line, count.location)!;
        if (varianceNeedsRecount(line.counted! - ledger.expected, ledger.expected, tolerances.current())) {
          askRecount.run(countId, line.sku);
          recounts++;
        }
      }
      setSubmitted.run(recounts > 0 ? 'recount' : 'review', at, countId);
      return detail(countId, viewer);
    }),

    /** The manager's decision: one adjustment per line with a variance, dated now, and HQ's `count.closed`. */
    approve: db.transaction((countId: string, reasonCode: string, approver: CountActor, viewer: Role | null): CountDetail => {
      const count = load(countId);
      mustBe(count, 'review');
      const at = now().toISOString();
      const lines = (linesOf.all(countId) as LineRow[]).map((line) => {
        const ledger = expectedOf(line, count.location)!;
        const counted = finalCount(line)!;
        return { line, ...ledger, counted, variance: counted - ledger.expected };
      });
      for (const l of lines) {
        keepApproved.run(l.expected, l.variance, countId, l.line.sku);
        if (l.variance === 0) continue;
        const found = l.variance > 0;
        movements.append({
          sku: l.line.sku,
          qty: Math.abs(l.variance),
          from: found ? 'adjustment' : count.location,
          to: found ? count.location : 'adjustment',
          reason: reasonCode,
          ref: `count:${countId}`,
          staff: approver.staff,
          station: approver.station,
        });
      }
      close.run('approved', at, approver.staff, reasonCode, countId);
      outbox.append(
        countClosedEventType,
        {
          countId,
          location: count.location,
          origin: count.origin,
          originRef: count.origin_ref,
          owner: count.owner,
          approvedBy: approver.staff,
          reasonCode,
          at,
          lines: lines.map((l) => ({
            sku: l.line.sku,
            snapshot: l.snapshot,
            movesSince: l.movesSince,
            expected: l.expected,
            counted: l.counted,
            variance: l.variance,
            countedBy: l.line.counted_by,
            recountedBy: l.line.recounted_by,
            zeroed: l.line.zeroed === 1,
          })),
        },
        at,
      );
      return detail(countId, viewer);
    }),

    /**
     * Inventory accuracy over counts approved in [from, to): each counted SKU-location (a line of an
     * approved count) and whether its variance was within the tolerance in force (the recount rule:
     * over 2 units and 5 % is out). Lines approved before schema 23 kept no figures and are left out.
     */
    accuracy(range: { from: string; to: string }): { counted: number; withinTolerance: number } {
      const rows = approvedLines.all(range) as { expected: number; variance: number }[];
      const tolerance = tolerances.current();
      return { counted: rows.length, withinTolerance: rows.filter((r) => !varianceNeedsRecount(r.variance, r.expected, tolerance)).length };
    },

    cancel: db.transaction((countId: string, actor: CountActor): CountInfo => {
      const count = load(countId);
      mustBe(count, ...openStatuses);
      close.run('cancelled', now().toISOString(), actor.staff, null, countId);
      return toInfo(load(countId));
    }),

  };
}
export type StockCounts = ReturnType<typeof createStockCounts>;

import type { ShelfLabelFacts } from '../../drivers/label/shelf-label';
import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../kernel/db/open-ledger';
import { StoreError } from '../kernel/errors';
import type { PrinterName } from '../printing/printer-settings';
import type { PrintingPort } from '../printing/printing-port';
import type { ShelfLabelInfo } from '../api/types';

/** A label to queue: the price it shows from when, and on a reduction its 30-day reference. */
export interface LabelRequest {
  sku: string;
  priceCents: number;
  previousCents: number;
  effectiveAt: string;
  endsAt: string | null;
  promotionId: string | null;
  reference: { lowest30dCents: number | null; source: 'history' | 'hq' | 'unknown' } | null;
}

interface LabelRow {
  id: number;
  sku: string;
  reason: string;
  queued_at: string;
  price_cents: number | null;
  previous_cents: number | null;
  effective_at: string | null;
  ends_at: string | null;
  lowest_30d_cents: number | null;
  reference_source: 'history' | 'hq' | 'unknown' | null;
  promotion_id: string | null;
  print_job_id: number | null;
}

export interface ShelfLabelPorts {
  catalog: Pick<CatalogStore, 'product' | 'labelFacts'>;
  /** The printers; a label leaves the queue once its job is done. */
  printing: Pick<PrintingPort, 'printLabels' | 'job'>;
  /** The store's IANA time zone, for the dates on labels (the store config's, once provisioning sets it). */
  timeZone?: () => string;
  now?: () => Date;
}

/**
 * The shelf-label queue: labels wait here from the moment HQ announces a price
 * until their print job is done, in shelf order. One label per SKU waits: a
 * newer announcement replaces the one not yet printed. Owns label_queue.
 */
export function createShelfLabelQueue(db: Db, { catalog, printing, timeZone = () => 'Europe/Madrid', now = () => new Date() }: ShelfLabelPorts) {
  const dropWaiting = db.prepare('DELETE FROM label_queue WHERE sku = ? AND printed_at IS NULL AND print_job_id IS NULL');
  const insert = db.prepare(
    `INSERT INTO label_queue (sku, reason, queued_at, price_cents, previous_cents, effective_at, ends_at, lowest_30d_cents, reference_source, promotion_id)
     VALUES (@sku, @reason, @queuedAt, @priceCents, @previousCents, @effectiveAt, @endsAt, @lowest, @source, @promotionId)`,
  );
  const waiting = db.prepare('SELECT * FROM label_queue WHERE printed_at IS NULL ORDER BY id');
  const byJob = db.prepare('SELECT id FROM label_queue WHERE print_job_id = ? AND printed_at IS NULL').pluck();
  const setJob = db.prepare('UPDATE label_queue SET print_job_id = ? WHERE id = ?');
  const markPrinted = db.prepare('UPDATE label_queue SET printed_at = ?, printed_by = ? WHERE print_job_id = ? AND printed_at IS NULL');
  const printedLate = db.prepare('SELECT COUNT(*) FROM label_queue WHERE printed_at > effective_at AND printed_at >= ? AND printed_at < ?').pluck();
  const printedIn = db.prepare(
    'SELECT COUNT(*) AS printed, COALESCE(SUM(printed_at > effective_at), 0) AS late FROM label_queue WHERE printed_at >= ? AND printed_at < ?',
  );
  const changedIds = new Set<number>();
  const jobRequester = new Map<number, string>();

  function info(row: LabelRow, at: Date): ShelfLabelInfo {
    const product = catalog.product(row.sku);
    const facts = catalog.labelFacts(row.sku);
    const effectiveAt = row.effective_at ?? row.queued_at;
    return {
      id: row.id,
      sku: row.sku,
      name: product?.name ?? row.sku,
      shelfLocation: facts?.shelfLocation ?? null,
      priceCents: row.price_cents ?? product?.priceCents ?? 0,
      previousCents: row.previous_cents,
      netContent: facts?.netContent ?? null,
      lowest30dCents: row.lowest_30d_cents,
      referenceSource: row.reference_source,
      promotionId: row.promotion_id,
      effectiveAt,
      endsAt: row.ends_at,
      queuedAt: row.queued_at,
      late: new Date(effectiveAt).getTime() <= at.getTime(),
      printing: row.print_job_id !== null,
    };
  }

  /** Shelf order: by location, then SKU; a product with no location last. */
  const byShelf = (a: ShelfLabelInfo, b: ShelfLabelInfo) =>
    (a.shelfLocation ?? '\uffff').localeCompare(b.shelfLocation ?? '\uffff', 'en', { numeric: true }) || a.sku.localeCompare(b.sku);

  function list(): ShelfLabelInfo[] {
    const at = now();
    return (waiting.all() as LabelRow[]).map((row) => info(row, at)).sort(byShelf);
  }

  function facts(label: ShelfLabelInfo): ShelfLabelFacts {
    const reduction = label.previousCents !== null && label.priceCents < label.previousCents ? { previousCents: label.previousCents, lowest30dCents: label.lowest30dCents } : null;
    return {
      name: label.name,
      priceCents: label.priceCents,
      netContent: label.netContent,
      reduction,
      ean13: catalog.labelFacts(label.sku)?.ean13 ?? null,
      location: label.shelfLocation,
      validFrom: label.effectiveAt,
      validUntil: label.endsAt,
      timeZone: timeZone(),
    };
  }

  return {
    queue(request: LabelRequest): number {
      dropWaiting.run(request.sku);
      const id = Number(
        insert.run({
          sku: request.sku,
          reason: request.promotionId ? 'promotion' : 'price-change',
          queuedAt: now().toISOString(),
          priceCents: request.priceCents,
          previousCents: request.previousCents,
          effectiveAt: request.effectiveAt,
          endsAt: request.endsAt,
          lowest: request.reference?.lowest30dCents ?? null,
          source: request.reference?.source ?? null,
          promotionId: request.promotionId,
        }).lastInsertRowid,
      );
      changedIds.add(id);
      return id;
    },
    list,
    /**
     * Prints the chosen labels (all waiting ones when `ids` is absent) as one job, in shelf order.
     * They leave the queue once the job is done.
     */
    print: db.transaction((printer: PrinterName, ids: readonly number[] | null, staff: string): { jobId: number; labelIds: number[] } => {
      const all = list();
      const chosen = ids === null ? all : all.filter((label) => ids.includes(label.id));
      const missing = ids === null ? [] : ids.filter((id) => !chosen.some((label) => label.id === id));
      if (missing.length > 0) throw new StoreError('UNKNOWN_LABEL', `No label waiting with id ${missing.join(', ')}.`, { ids: missing });
      if (chosen.length === 0) throw new StoreError('UNKNOWN_LABEL', 'No label is waiting to print.', { ids: [] });
      const jobId = printing.printLabels(printer, chosen.map(facts), staff);
      if (jobId === null) throw new StoreError('NO_PRINTER', `No ${printer} printer is configured on this station.`, { printer });
      for (const label of chosen) setJob.run(jobId, label.id);
      jobRequester.set(jobId, staff);
      return { jobId, labelIds: chosen.map((label) => label.id) };
    }),
    /** Print jobs changed: labels whose job is now done leave the queue. Returns their ids. */
    jobsChanged(jobIds: readonly number[]): number[] {
      const left: number[] = [];
      for (const jobId of jobIds) {
        const ids = byJob.all(jobId) as number[];
        if (ids.length === 0 || printing.job(jobId)?.state !== 'done') continue;
        markPrinted.run(now().toISOString(), printing.job(jobId)?.requestedBy ?? jobRequester.get(jobId) ?? 'system', jobId);
        jobRequester.delete(jobId);
        left.push(...ids);
      }
      return left;
    },
    /** Labels printed after their price took effect, printed in [from, to). */
    printedLate: (from: string, to: string): number => printedLate.get(from, to) as number,
    /** The KPI "labels printed late": of the labels printed in [from, to), those printed after their price took effect. */
    labelsPrintedLate: (range: { from: string; to: string }): { late: number; printed: number } => printedIn.get(range.from, range.to) as { late: number; printed: number },
    /** Ids queued since the last call, for the labels.changed event. */
    takeChanged(): number[] {
      const ids = [...changedIds];
      changedIds.clear();
      return ids;
    },
  };
}
export type ShelfLabelQueue = ReturnType<typeof createShelfLabelQueue>;

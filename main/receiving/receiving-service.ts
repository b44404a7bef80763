import { randomUUID } from 'node:crypto';
import type { DocumentPage, LocationInfo, ReceiptDetail, ReceiptSummary, ExpectedDelivery, ReceivingScan, ShortDatedWarning, Gs1DataRead } from '../api/types';
import type { CatalogStore } from '../catalog/catalog-store';
import { shortDated } from '../catalog/shelf-life';
import type { Db } from '../kernel/db/open-ledger';
import { CommittedRefusal, StoreError } from '../kernel/errors';
import { createOutboxWriter } from '../kernel/outbox-writer';
import type { MovementLedger } from '../stock/movement-ledger';
import type { StockTolerancesSource } from '../stock/tolerances';
import { interpretScan } from '../../drivers/barcode/scan';

/** An ASN as HQ sends it (docs/protocol.md, "Expected deliveries"). */
export interface AsnRecord {
  asnId: string;
  supplier: string;
  expectedAt: string;
  lines: readonly { sku: string; qty: number }[];
  cartons: readonly { sscc: string; contents: readonly { sku: string; qty: number }[] }[];
}

/** Who is acting, as the dispatcher knows them. */
export interface ReceivingActor {
  staff: string;
  station: string;
  approvedBy?: string | null;
}

export interface ReceivingDeps {
  db: Db;
  catalog: Pick<CatalogStore, 'findByCode' | 'product' | 'layouts' | 'shortDatedDays'>;
  movements: Pick<MovementLedger, 'append'>;
  locations: ReadonlyMap<string, LocationInfo>;
  tolerances: StockTolerancesSource;
  now?: () => Date;
}

/** The outbox event a closed receipt sends HQ, once (docs/protocol.md, `receipt.closed`). */
export const receiptClosedEventType = 'receipt.closed';

interface ReceiptRow {
  id: string;
  asn_id: string | null;
  supplier: string;
  owner: string;
  station: string;
  state: 'open' | 'paused' | 'closed';
  opened_at: string;
  approved_by: string | null;
  closed_at: string | null;
  packing_slip: string | null;
  location: string | null;
}

/** What one scan reads as: a carton, or units of one product with the label's batch and expiry. */
type Reading =
  | { kind: 'carton'; sscc: string }
  | { kind: 'item'; sku: string; qty: number; batch: string | null; expiry: string | null; gs1: Gs1DataRead[] | undefined };

/**
 * The receiving room: HQ's expected deliveries (ASNs) and the receipts that take them in.
 *
 * A receipt's lines start at 0 and grow by scanning; nothing moves in the ledger until it
 * closes. Closing posts one movement per line and lot (supplier → back room, or where staff
 * chose), dated now, and one `receipt.closed` outbox event with the differences, all in the
 * caller's transaction: either the stock and HQ's message both exist, or neither does, and a
 * closed receipt cannot close again, so HQ hears of it exactly once.
 *
 * An item the ASN does not list is refused, but its scan is kept (a committed refusal): the
 * differences tell HQ what the supplier sent that nobody ordered.
 */
export function createReceivingService({ db, catalog, movements, locations, tolerances, now = () => new Date() }: ReceivingDeps) {
  const outbox = createOutboxWriter(db);
  const q = {
    asnExists: db.prepare('SELECT 1 FROM receiving_asns WHERE asn_id = ?').pluck(),
    insertAsn: db.prepare('INSERT INTO receiving_asns (asn_id, supplier, expected_at, arrived_at) VALUES (?, ?, ?, ?)'),
    insertAsnLine: db.prepare('INSERT INTO receiving_asn_lines (asn_id, sku, qty) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET qty = qty + excluded.qty'),
    insertCarton: db.prepare('INSERT INTO receiving_cartons (asn_id, sscc, sku, qty) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET qty = qty + excluded.qty'),
    asn: db.prepare('SELECT asn_id, supplier FROM receiving_asns WHERE asn_id = ?'),
    asnLines: db.prepare('SELECT sku, qty FROM receiving_asn_lines WHERE asn_id = ? ORDER BY sku'),
    expected: db.prepare(
      `SELECT a.asn_id AS asnId, a.supplier, a.expected_at AS expectedAt,
              (SELECT COUNT(*) FROM receiving_asn_lines l WHERE l.asn_id = a.asn_id) AS lines,
              (SELECT COALESCE(SUM(qty), 0) FROM receiving_asn_lines l WHERE l.asn_id = a.asn_id) AS units,
              (SELECT COUNT(DISTINCT sscc) FROM receiving_cartons c WHERE c.asn_id = a.asn_id) AS cartons
         FROM receiving_asns a
        WHERE NOT EXISTS (SELECT 1 FROM receipts r WHERE r.asn_id = a.asn_id)
        ORDER BY a.expected_at, a.asn_id LIMIT 500`,
    ),
    cartonOfAsn: db.prepare('SELECT sku, qty FROM receiving_cartons WHERE asn_id = ? AND sscc = ? ORDER BY sku'),
    cartonsOfAsn: db.prepare('SELECT DISTINCT sscc FROM receiving_cartons WHERE asn_id = ? ORDER BY sscc').pluck(),
    receipt: db.prepare('SELECT * FROM receipts WHERE id = ?'),
    receiptOfAsn: db.prepare('SELECT * FROM receipts WHERE asn_id = ?'),
    insertReceipt: db.prepare(
      `INSERT INTO receipts (id, asn_id, supplier, owner, station, state, opened_at, approved_by)
       VALUES (@id, @asnId, @supplier, @owner, @station, 'open', @openedAt, @approvedBy)`,
    ),
    setState: db.prepare('UPDATE receipts SET state = ? WHERE id = ?'),
    close: db.prepare("UPDATE receipts SET state = 'closed', closed_at = ?, closed_by = ?, packing_slip = ?, location = ? WHERE id = ? AND state <> 'closed'"),
    active: db.prepare(
      `SELECT r.*, (SELECT COALESCE(SUM(expected), 0) FROM receipt_lines l WHERE l.receipt_id = r.id) AS expected,
              (SELECT COALESCE(SUM(qty), 0) FROM receipt_lots t WHERE t.receipt_id = r.id) AS received
         FROM receipts r WHERE r.state IN ('open', 'paused') ORDER BY r.opened_at LIMIT 500`,
    ),
    // A page, newest first, after the cursor: a range read of receipts_by_opened.
    activePage: db.prepare(
      `SELECT r.*, (SELECT COALESCE(SUM(expected), 0) FROM receipt_lines l WHERE l.receipt_id = r.id) AS expected,
              (SELECT COALESCE(SUM(qty), 0) FROM receipt_lots t WHERE t.receipt_id = r.id) AS received
         FROM receipts r INDEXED BY receipts_by_opened
        WHERE r.state IN ('open', 'paused') AND (@at IS NULL OR (r.opened_at, r.id) < (@at, @id))
        ORDER BY r.opened_at DESC, r.id DESC LIMIT @limit`,
    ),
    insertLine: db.prepare('INSERT OR IGNORE INTO receipt_lines (receipt_id, sku, expected) VALUES (?, ?, ?)'),
    line: db.prepare('SELECT expected FROM receipt_lines WHERE receipt_id = ? AND sku = ?').pluck(),
    lines: db.prepare('SELECT sku, expected FROM receipt_lines WHERE receipt_id = ? ORDER BY sku'),
    receivedOf: db.prepare('SELECT COALESCE(SUM(qty), 0) FROM receipt_lots WHERE receipt_id = ? AND sku = ?').pluck(),
    addLot: db.prepare(
      `INSERT INTO receipt_lots (receipt_id, sku, batch, expiry, qty) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET qty = qty + excluded.qty`,
    ),
    lots: db.prepare('SELECT sku, batch, expiry, qty FROM receipt_lots WHERE receipt_id = ? ORDER BY sku, expiry, batch'),
    cartonScanned: db.prepare('SELECT 1 FROM receipt_cartons WHERE receipt_id = ? AND sscc = ?').pluck(),
    markCarton: db.prepare('INSERT INTO receipt_cartons (receipt_id, sscc) VALUES (?, ?)'),
    scannedCartons: db.prepare('SELECT sscc FROM receipt_cartons WHERE receipt_id = ?').pluck(),
    addUnexpected: db.prepare(
      'INSERT INTO receipt_unexpected (receipt_id, code, sku, qty) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET qty = qty + excluded.qty',
    ),
    unexpected: db.prepare('SELECT code, sku, qty FROM receipt_unexpected WHERE receipt_id = ? ORDER BY code'),
  };

  function row(receiptId: string): ReceiptRow {
    const found = q.receipt.get(receiptId) as ReceiptRow | undefined;
    if (!found) throw new StoreError('UNKNOWN_RECEIPT', `There is no receipt "${receiptId}".`, { receiptId });
    return found;
  }

  function nameOf(sku: string | null): string | null {
    return sku === null ? null : (catalog.product(sku)?.name ?? null);
  }

  function detail(receiptId: string): ReceiptDetail {
    const r = row(receiptId);
    const lots = q.lots.all(r.id) as { sku: string; batch: string; expiry: string; qty: number }[];
    const scanned = new Set(q.scannedCartons.all(r.id) as string[]);
    return {
      id: r.id,
      asnId: r.asn_id,
      supplier: r.supplier,
      owner: r.owner,
      state: r.state,
      openedAt: r.opened_at,
      approvedBy: r.approved_by,
      closedAt: r.closed_at,
      packingSlip: r.packing_slip,
      location: r.location,
      lines: (q.lines.all(r.id) as { sku: string; expected: number }[]).map((l) => {
        const own = lots.filter((t) => t.sku === l.sku);
        return {
          sku: l.sku,
          name: nameOf(l.sku) ?? l.sku,
          expected: l.expected,
          received: own.reduce((sum, t) => sum + t.qty, 0),
          lots: own.map((t) => ({ batch: t.batch || null, expiry: t.expiry || null, qty: t.qty })),
        };
      }),
      unexpected: (q.unexpected.all(r.id) as { code: string; sku: string | null; qty: number }[]).map((u) => ({ ...u, name: nameOf(u.sku) })),
      cartons: r.asn_id === null ? [] : (q.cartonsOfAsn.all(r.asn_id) as string[]).map((sscc) => ({ sscc, received: scanned.has(sscc) })),
    };
  }

  function refuseUnlessOpen(r: ReceiptRow, action: string): void {
    if (r.state !== 'open') {
      throw new StoreError('TRANSITION_REFUSED', `Receipt ${r.id} is ${r.state}: it cannot ${action}.`, { receiptId: r.id, state: r.state });
    }
  }

  /** Reads a scan: a carton's SSCC, or a product with its count (AI 30/37), batch and expiry. */
  function read(code: string, symbology: string | null): Reading {
    const interpreted = interpretScan({ text: code, symbology }, { variableMeasureLayouts: catalog.layouts() });
    if (interpreted.kind === 'gs1') {
      const element = (ai: string) => interpreted.elements.find((e) => e.ai === ai);
      const sscc = element('00');
      if (sscc) return { kind: 'carton', sscc: sscc.value };
      // A logistic label names the trade items it holds with CONTENT (02) and their COUNT (37).
      const content = element('02');
      const match = !interpreted.gtin14 && content ? catalog.findByCode(content.value) : catalog.findByCode({ text: code, symbology });
      const count = element('30') ?? element('37');
      const qty = count ? Number(count.value) : 1;
      if (!Number.isSafeInteger(qty) || qty <= 0) throw new StoreError('INVALID_QUANTITY', `The label's count ${count?.value} is no quantity to receive.`, { code });
      const expiry = element('17')?.date?.iso ?? element('15')?.date?.iso ?? null;
      const gs1 = interpreted.elements.map((e) => ({ ai: e.ai, title: e.title, value: e.value, ...(e.date ? { date: e.date.iso } : {}) }));
      return { kind: 'item', sku: match.product.sku, qty, batch: element('10')?.value ?? null, expiry, gs1 };
    }
    const match = catalog.findByCode({ text: code, symbology });
    return { kind: 'item', sku: match.product.sku, qty: 1, batch: null, expiry: null, gs1: match.gs1 };
  }

  /** A code no product has, scanned against an ASN, is one more thing the supplier sent that nobody ordered. */
  function readOrRecord(r: ReceiptRow, code: string, symbology: string | null): Reading {
    try {
      return read(code, symbology);
    } catch (error) {
      if (!(error instanceof StoreError) || error.code !== 'UNKNOWN_BARCODE' || r.asn_id === null) throw error;
      q.addUnexpected.run(r.id, code.trim(), null, 1);
      throw new CommittedRefusal('UNKNOWN_BARCODE', error.message, error.details);
    }
  }

  /** The most of a line this receipt may take: its expected quantity plus the over-receipt tolerance. */
  function ceiling(expected: number): number {
    return Math.floor((expected * (100 + tolerances.current().overReceiptPct)) / 100);
  }

  /** Adds units to a line, within the tolerance; throws (and adds nothing) past it. */
  function addToLine(r: ReceiptRow, sku: string, qty: number, batch: string | null, expiry: string | null): void {
    if (r.asn_id !== null) {
      const expected = q.line.get(r.id, sku) as number | undefined;
      if (expected === undefined) throw new Error(`line ${sku} checked before it was added`);
      const received = q.receivedOf.get(r.id, sku) as number;
      const most = ceiling(expected);
      if (received + qty > most) {
        throw new StoreError('OVER_RECEIPT', `${nameOf(sku) ?? sku}: ${received + qty} would be more than the ${most} this delivery may hold (${expected} expected).`, {
          sku,
          expected,
          received,
          adding: qty,
          most,
        });
      }
    } else {
      q.insertLine.run(r.id, sku, 0);
    }
    q.addLot.run(r.id, sku, batch ?? '', expiry ?? '', qty);
  }

  // What HQ's ASNs still bring of a SKU: each line not yet received on a receipt that is still open.
  const incomingOf = db
    .prepare(
      `SELECT COALESCE(SUM(MAX(l.qty - COALESCE((SELECT SUM(lo.qty) FROM receipt_lots lo JOIN receipts r ON r.id = lo.receipt_id
                                                 WHERE r.asn_id = l.asn_id AND lo.sku = l.sku), 0), 0)), 0)
         FROM receiving_asn_lines l
        WHERE l.sku = ? AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.asn_id = l.asn_id AND r.state = 'closed')`,
    )
    .pluck();

  return {
    /** Units of a SKU that HQ's expected deliveries still bring: the product view's "incoming". */
    incoming: (sku: string): number => incomingOf.get(sku) as number,

    /** HQ's ASN, kept once: one already known is ignored (an ASN is not updated in place). */
    acceptAsn(asn: AsnRecord): string {
      if (q.asnExists.get(asn.asnId) !== undefined) return `already known: expected delivery ${asn.asnId}`;
      q.insertAsn.run(asn.asnId, asn.supplier, asn.expectedAt, now().toISOString());
      for (const line of asn.lines) q.insertAsnLine.run(asn.asnId, line.sku, line.qty);
      for (const carton of asn.cartons) for (const item of carton.contents) q.insertCarton.run(asn.asnId, carton.sscc, item.sku, item.qty);
      return `expected delivery ${asn.asnId}: ${asn.lines.length} lines, ${asn.cartons.length} cartons`;
    },

    list(page: DocumentPage = {}): { receipts: ReceiptSummary[]; expected: ExpectedDelivery[] } {
      const rows = page.limit === undefined ? q.active.all() : q.activePage.all({ at: page.before?.at ?? null, id: page.before?.id ?? null, limit: page.limit });
      const receipts = (rows as (ReceiptRow & { expected: number; received: number })[]).map((r) => ({
        id: r.id,
        asnId: r.asn_id,
        supplier: r.supplier,
        owner: r.owner,
        state: r.state,
        openedAt: r.opened_at,
        expected: r.expected,
        received: r.received,
      }));
      return { receipts, expected: q.expected.all() as ExpectedDelivery[] };
    },

    detail,

    /**
     * Opens a receipt for an ASN (its lines at 0), or answers the one already open for it; without
     * an ASN, a receipt that takes any product (the access table asked for a manager's approval).
     */
    open(request: { asnId?: string | undefined; supplier?: string | undefined }, actor: ReceivingActor): ReceiptDetail {
      if (request.asnId !== undefined) {
        const asn = q.asn.get(request.asnId) as { asn_id: string; supplier: string } | undefined;
        if (!asn) throw new StoreError('UNKNOWN_ASN', `HQ sent no expected delivery "${request.asnId}".`, { asnId: request.asnId });
        const existing = q.receiptOfAsn.get(asn.asn_id) as ReceiptRow | undefined;
        if (existing?.state === 'closed') {
          throw new StoreError('ASN_ALREADY_RECEIVED', `Delivery ${asn.asn_id} was received on ${existing.closed_at} (receipt ${existing.id}).`, { asnId: asn.asn_id, receiptId: existing.id });
        }
        if (existing) return detail(existing.id);
        const id = `R-${randomUUID().slice(0, 8)}`;
        q.insertReceipt.run({ id, asnId: asn.asn_id, supplier: asn.supplier, owner: actor.staff, station: actor.station, openedAt: now().toISOString(), approvedBy: actor.approvedBy ?? null });
        for (const line of q.asnLines.all(asn.asn_id) as { sku: string; qty: number }[]) q.insertLine.run(id, line.sku, line.qty);
        return detail(id);
      }
      const id = `R-${randomUUID().slice(0, 8)}`;
      q.insertReceipt.run({ id, asnId: null, supplier: request.supplier ?? '', owner: actor.staff, station: actor.station, openedAt: now().toISOString(), approvedBy: actor.approvedBy ?? null });
      return detail(id);
    },

    /** One scan at the dock. */
    scan(receiptId: string, code: string, symbology: string | null): ReceivingScan {
      const r = row(receiptId);
      refuseUnlessOpen(r, 'take scans');
      const reading = readOrRecord(r, code, symbology);
      if (reading.kind === 'carton') {
        if (r.asn_id === null) throw new StoreError('UNEXPECTED_ITEM', `Carton ${reading.sscc} belongs to no expected delivery; receive its items one by one.`, { sscc: reading.sscc });
        const contents = q.cartonOfAsn.all(r.asn_id, reading.sscc) as { sku: string; qty: number }[];
        if (contents.length === 0) {
          q.addUnexpected.run(r.id, `(00)${reading.sscc}`, null, 1);
          throw new CommittedRefusal('UNEXPECTED_ITEM', `Carton ${reading.sscc} is not in delivery ${r.asn_id}: set it aside.`, { sscc: reading.sscc, receiptId });
        }
        if (q.cartonScanned.get(r.id, reading.sscc) !== undefined) {
          throw new StoreError('CARTON_ALREADY_RECEIVED', `Carton ${reading.sscc} was already received on this receipt.`, { sscc: reading.sscc });
        }
        for (const item of contents) addToLine(r, item.sku, item.qty, null, null);
        q.markCarton.run(r.id, reading.sscc);
        return {
          receipt: detail(r.id),
          added: contents.map((item) => ({ sku: item.sku, name: nameOf(item.sku) ?? item.sku, qty: item.qty, batch: null, expiry: null })),
          sscc: reading.sscc,
        };
      }
      if (r.asn_id !== null && q.line.get(r.id, reading.sku) === undefined) {
        // Kept though refused: the differences tell HQ what arrived that nobody ordered.
        q.addUnexpected.run(r.id, reading.sku, reading.sku, reading.qty);
        throw new CommittedRefusal('UNEXPECTED_ITEM', `${nameOf(reading.sku) ?? reading.sku} is not in delivery ${r.asn_id}: set it aside.`, { sku: reading.sku, receiptId });
      }
      addToLine(r, reading.sku, reading.qty, reading.batch, reading.expiry);
      const product = catalog.product(reading.sku);
      const warning: ShortDatedWarning | null = shortDated(reading.gs1, now(), catalog.shortDatedDays(product?.category ?? ''));
      return {
        receipt: detail(r.id),
        added: [{ sku: reading.sku, name: product?.name ?? reading.sku, qty: reading.qty, batch: reading.batch, expiry: reading.expiry }],
        sscc: null,
        ...(warning ? { shortDated: warning } : {}),
      };
    },

    pause(receiptId: string): ReceiptDetail {
      refuseUnlessOpen(row(receiptId), 'pause');
      q.setState.run('paused', receiptId);
      return detail(receiptId);
    },

    resume(receiptId: string): ReceiptDetail {
      const r = row(receiptId);
      if (r.state !== 'paused') throw new StoreError('TRANSITION_REFUSED', `Receipt ${r.id} is ${r.state}, not paused.`, { receiptId, state: r.state });
      q.setState.run('open', receiptId);
      return detail(receiptId);
    },

    /** Posts the receipt's stock and tells HQ its differences, in the caller's transaction. */
    close: db.transaction((receiptId: string, packingSlip: string, location: string | undefined, actor: ReceivingActor): { receipt: ReceiptDetail; skus: string[] } => {
      const r = row(receiptId);
      refuseUnlessOpen(r, 'close');
      const to = location ?? 'back_room';
      const where = locations.get(to);
      if (!where || where.kind !== 'internal') {
        throw new StoreError('UNKNOWN_LOCATION', `Stock can be received into the store's own locations only, not "${to}".`, { location: to });
      }
      const closedAt = now().toISOString();
      const lots = q.lots.all(r.id) as { sku: string; batch: string; expiry: string; qty: number }[];
      for (const lot of lots) {
        movements.append({
          sku: lot.sku,
          qty: lot.qty,
          from: 'supplier',
          to,
          reason: 'receipt',
          ref: r.id,
          staff: actor.staff,
          station: actor.station,
          batch: lot.batch || null,
          expiry: lot.expiry || null,
        });
      }
      if (q.close.run(closedAt, actor.staff, packingSlip, to, r.id).changes !== 1) throw new Error(`receipt ${r.id} closed twice`);
      const closed = detail(r.id);
      outbox.append(
        receiptClosedEventType,
        {
          receiptId: r.id,
          asnId: r.asn_id,
          supplier: r.supplier,
          packingSlip,
          location: to,
          closedAt,
          staff: actor.staff,
          station: actor.station,
          lines: closed.lines.map(({ sku, expected, received }) => ({ sku, expected, received })),
          unexpected: closed.unexpected.map(({ code, sku, qty }) => ({ code, sku, qty })),
        },
        closedAt,
      );
      return { receipt: closed, skus: [...new Set(lots.map((l) => l.sku))] };
    }),
  };
}
export type ReceivingService = ReturnType<typeof createReceivingService>;

import { randomUUID } from 'node:crypto';
import type { CatalogStore } from '../catalog/catalog-store';
import { shortDated } from '../catalog/shelf-life';
import type { Db } from '../kernel/db/open-ledger';
import { CommittedRefusal, StoreError } from '../kernel/errors';
import type { MovementLedger } from '../stock/movement-ledger';
import type { StockLevels } from '../stock/stock-levels';
import { createOutboxWriter } from '../kernel/outbox-writer';
import type { z } from 'zod';
import type { pickupOrder } from '../sync/protocol';
import type { ExchangeQuote, ExchangeSettlement, OrderDetail, OrderHistoryEvent, OrderInfo, OrderLineInfo, OrderStage, ScannedCode, SettlementMethod } from '../api/types';
import { foldForSearch, foldFunction } from './order-search';
import { historyNote } from './order-history';
import { hashHandoverCode, handoverCodeKey, handoverCodeMatches } from './handover-code';
import { canTransition, holdingStatuses, openStatuses, type OrderStatus } from './order-states';

type HqOrder = z.infer<typeof pickupOrder>;

export interface Actor {
  staff: string;
  station: string;
  /** The manager who approved this one command with their PIN, named on the order's history. */
  approvedBy?: string | null;
}

export type OrderLine = OrderLineInfo;
export type OrderSummary = OrderInfo;

export interface ReturnLineRequest {
  lineId: string;
  qty: number;
  reason: string;
  condition: 'resellable' | 'damaged';
}

/**
 * Wrong handover codes an order takes before a manager must approve each further
 * try: enough for a customer who mistypes, far too few to guess 4 digits.
 */
export const handoverCodeAttempts = 5;

/** What the queue shows: the work to do or finished orders, one status or all, and text in the order number, name or phone. */
export interface QueueFilter {
  stage?: OrderStage;
  status?: OrderStatus;
  search?: string;
}

/**
 * The most orders one queue read returns. The console shows them all, in a
 * virtualised list; the bound keeps one reply to a few megabytes.
 */
export const queueLimit = 10_000;

/** Where accepted stock comes from, in order: the floor first, then the back room. */
const holdSources = ['sales_floor', 'back_room'] as const;

/** A short pick is a discrepancy: the counts room opens a one-item spot count of it (main/counts). */
export interface SpotCounts {
  openSpot(request: { sku: string; location: string; origin: 'short-pick'; ref: string }): unknown;
}

/** Where a picker looked for what they could not find: the shelf, where the spot count goes. */
const shortPickCountLocation = holdSources[0];

/**
 * Where an exchange's cash goes: the cash room's drawer (main/cash, `recordCashMovement`), in the
 * exchange's own transaction. A port, wired in compose-store.ts: the orders room does not import it.
 */
export interface CashPort {
  recordCashMovement(request: {
    station: string;
    staff: string;
    kind: 'exchange-collected' | 'exchange-refunded';
    /** Positive: into the drawer; negative: out of it. */
    amountCents: number;
    ref: string;
    approvedBy: string | null;
  }): unknown;
}

/**
 * An exchange whose difference is over this (either way) needs a manager, until HQ sends
 * this store's own threshold (`store.settings`, docs/protocol.md).
 */
export const defaultExchangeApprovalCents = 2000;

/**
 * How long the counter has to have an exchange's replacements ready: the customer is usually
 * still in the store, so the replacement order is due within the hour.
 */
export const exchangeReadyWithinMs = 60 * 60_000;

/** What the pickup counter needs of other rooms: products and codes, stock at a location, the movement ledger, spot counts and the cash drawer. */
export interface OrderPorts {
  catalog: Pick<CatalogStore, 'findByCode' | 'product' | 'packQty' | 'shortDatedDays'>;
  levels: Pick<StockLevels, 'at'>;
  movements: Pick<MovementLedger, 'append'>;
  counts: SpotCounts;
  cash: CashPort;
  /** The store's pepper from the secret store: handover codes are hashed with a key derived from it (handover-code.ts); null: salt only. */
  pepper?: Buffer | null;
}

/** The refusal of a status change the lifecycle does not allow. */
function transitionRefused(order: { orderId: string; status: OrderStatus }, to: OrderStatus): StoreError {
  return new StoreError('TRANSITION_REFUSED', `Order ${order.orderId} is ${order.status}; it cannot become ${to}.`, {
    orderId: order.orderId,
    from: order.status,
    to,
  });
}

/**
 * Pickup orders from arrival to handover, and returns of them. Every change is
 * a ledger transaction: the stock movements, the order's new state, its history
 * row and the status event for HQ commit together.
 */
export function createPickupOrders(db: Db, { catalog, levels, movements, counts, cash, pepper = null }: OrderPorts, now: () => Date = () => new Date()) {
  const handoverKey = handoverCodeKey(pepper);
  const outbox = createOutboxWriter(db);
  const orderRow = db.prepare('SELECT * FROM pickup_orders WHERE order_id = ?');
  const linesOf = db.prepare('SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_id');
  const addLot = db.prepare(
    `INSERT INTO order_line_lots (order_id, line_id, batch, expiry, qty) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET qty = qty + excluded.qty`,
  );
  const lotsOf = db.prepare('SELECT batch, expiry, qty FROM order_line_lots WHERE order_id = ? AND line_id = ? ORDER BY expiry, batch');
  const setStatus = db.prepare('UPDATE pickup_orders SET status = ?, updated_at = ? WHERE order_id = ?');
  const insertHistory = db.prepare(
    'INSERT INTO order_history (order_id, at, staff, station, from_status, to_status, note, event_json, approved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const historyOf = db.prepare(
    'SELECT at, staff, station, from_status AS fromStatus, to_status AS toStatus, note, event_json AS eventJson, approved_by AS approvedBy FROM order_history WHERE order_id = ? ORDER BY id',
  );
  /** One history row: the event as data for the console, its English note as HQ receives it. */
  function record(orderId: string, at: string, actor: Actor, from: OrderStatus | null, to: OrderStatus, event: OrderHistoryEvent | null, note = event ? historyNote(event) || null : null) {
    insertHistory.run(orderId, at, actor.staff, actor.station, from, to, note, event ? JSON.stringify(event) : null, actor.approvedBy ?? null);
  }
  const readHistory = (orderId: string): OrderDetail['history'] =>
    (historyOf.all(orderId) as (Omit<OrderDetail['history'][number], 'event'> & { eventJson: string | null })[]).map(({ eventJson, ...row }) => ({
      ...row,
      event: eventJson ? (JSON.parse(eventJson) as OrderHistoryEvent) : null,
    }));
  const upsertLine = db.prepare(
    `INSERT INTO order_lines (order_id, line_id, sku, qty, age_restricted, unit_price_cents, vat_rate_bp) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (order_id, line_id) DO UPDATE SET sku = excluded.sku, qty = excluded.qty, age_restricted = excluded.age_restricted,
       unit_price_cents = excluded.unit_price_cents, vat_rate_bp = excluded.vat_rate_bp`,
  );
  const deleteLine = db.prepare('DELETE FROM order_lines WHERE order_id = ? AND line_id = ?');
  const updateLine = db.prepare(
    'UPDATE order_lines SET held = @held, picked = @picked, short_qty = @shortQty, short_reason = @shortReason, refused = @refused WHERE order_id = @orderId AND line_id = @lineId',
  );
  const versionOf = db.prepare('SELECT version FROM pickup_orders WHERE order_id = ?').pluck();
  const upsertFromHq = db.prepare(
    `INSERT INTO pickup_orders (order_id, version, status, order_json, received_at, updated_at)
     VALUES (@orderId, @version, @status, @json, @at, @at)
     ON CONFLICT (order_id) DO UPDATE SET version = excluded.version, order_json = excluded.order_json,
       status = CASE WHEN @keepStatus THEN pickup_orders.status ELSE excluded.status END, updated_at = excluded.updated_at`,
  );
  const setVersion = db.prepare('UPDATE pickup_orders SET version = ? WHERE order_id = ?');
  const picking = db.prepare("SELECT count(*) FROM pickup_orders WHERE status = 'picking'").pluck();
  const returnedQty = db.prepare(
    'SELECT COALESCE(SUM(l.qty), 0) FROM order_return_lines l JOIN order_returns r USING (return_id) WHERE r.order_id = ? AND l.line_id = ?',
  ).pluck();
  const insertReturn = db.prepare('INSERT INTO order_returns (return_id, order_id, at, staff, station, refund_method) VALUES (?, ?, ?, ?, ?, ?)');
  const insertReturnLine = db.prepare('INSERT INTO order_return_lines (return_id, line_id, sku, qty, reason, condition) VALUES (?, ?, ?, ?, ?, ?)');
  const setCustomer = db.prepare(
    'UPDATE pickup_orders SET promised_at = ?, customer_name = ?, customer_phone = ?, verification_hash = ?, verification_code = NULL WHERE order_id = ?',
  );
  const codeOf = db.prepare('SELECT verification_hash AS hash, wrong_codes AS wrongCodes FROM pickup_orders WHERE order_id = ?');
  const countWrongCode = db.prepare('UPDATE pickup_orders SET wrong_codes = wrong_codes + 1 WHERE order_id = ? RETURNING wrong_codes').pluck();
  // The search compares folded text (order-search.ts); the fields are joined by a
  // character the fold keeps, so a match never runs from one field into the next.
  db.function(foldFunction, { deterministic: true }, (text: unknown) => foldForSearch(typeof text === 'string' ? text : ''));
  const openList = openStatuses.map((s) => `'${s}'`).join(', ');
  // Each order with its lines as one JSON array of tuples, so the whole queue is
  // one statement rather than a lines query per order. Promised times may carry
  // any offset: they sort as instants (the console keeps a patched list in this order).
  const queueSelect = (ofIds: boolean) =>
    db.prepare(
      `SELECT o.order_id AS orderId, o.version, o.status, o.customer_name AS customerName, o.customer_phone AS customerPhone,
              o.promised_at AS promisedAt, o.received_at AS receivedAt, o.updated_at AS updatedAt,
              (SELECT json_group_array(json_array(l.line_id, l.sku, l.qty, l.held, l.picked, l.short_qty, l.short_reason, l.refused, l.age_restricted, l.unit_price_cents, l.vat_rate_bp) ORDER BY l.line_id)
                 FROM order_lines l WHERE l.order_id = o.order_id) AS lines
         FROM pickup_orders o
        WHERE (@status IS NULL OR o.status = @status)
          AND (@stage IS NULL OR (o.status IN (${openList})) = (@stage = 'open'))
          AND (@search IS NULL OR instr(${foldFunction}(o.order_id || char(1) || coalesce(o.customer_name, '') || char(1) || coalesce(o.customer_phone, '')), @search) > 0)
          ${ofIds ? 'AND o.order_id IN (SELECT value FROM json_each(@ids))' : ''}
        ORDER BY o.promised_at IS NULL, unixepoch(o.promised_at, 'subsec'), o.order_id
        LIMIT ${queueLimit}`,
    );
  // Apart, so the ids' read goes by the primary key instead of scanning the queue.
  const [wholeQueue, queueOfIds] = [queueSelect(false), queueSelect(true)];

  // Plain codes written by a build before schema 6 are hashed once, here, where the table's owner starts.
  db.transaction(() => {
    const plain = db.prepare('SELECT order_id, verification_code FROM pickup_orders WHERE verification_code IS NOT NULL').all() as { order_id: string; verification_code: string }[];
    const upgrade = db.prepare('UPDATE pickup_orders SET verification_hash = ?, verification_code = NULL WHERE order_id = ?');
    for (const row of plain) upgrade.run(hashHandoverCode(row.verification_code, handoverKey), row.order_id);
  })();

  const toLine = (r: Record<string, unknown>): OrderLine => ({
    lineId: r.line_id as string,
    sku: r.sku as string,
    qty: r.qty as number,
    held: r.held as number,
    picked: r.picked as number,
    shortQty: r.short_qty as number,
    shortReason: (r.short_reason as string | null) ?? null,
    refused: r.refused as number,
    ageRestricted: r.age_restricted === 1,
    unitPriceCents: (r.unit_price_cents as number | null) ?? null,
    vatRateBp: (r.vat_rate_bp as number | null) ?? null,
  });

  function load(orderId: string): OrderSummary {
    const row = orderRow.get(orderId) as Record<string, unknown> | undefined;
    if (!row) throw new StoreError('UNKNOWN_ORDER', `There is no order ${orderId} at this store.`, { orderId });
    return {
      orderId,
      version: row.version as number,
      status: row.status as OrderStatus,
      customerName: (row.customer_name as string | null) ?? null,
      customerPhone: (row.customer_phone as string | null) ?? null,
      promisedAt: (row.promised_at as string | null) ?? null,
      receivedAt: row.received_at as string,
      updatedAt: row.updated_at as string,
      lines: (linesOf.all(orderId) as Record<string, unknown>[]).map(toLine),
    };
  }

  type LineTuple = [string, string, number, number, number, number, string | null, number, number, number | null, number | null];
  function queueRows(filter: QueueFilter, ids: readonly string[] | null): OrderSummary[] {
    const folded = filter.search === undefined ? '' : foldForSearch(filter.search);
    const params = { status: filter.status ?? null, stage: filter.stage ?? null, search: folded === '' ? null : folded };
    const rows = (ids ? queueOfIds.all({ ...params, ids: JSON.stringify(ids) }) : wholeQueue.all(params)) as (Omit<OrderSummary, 'lines'> & { lines: string })[];
    return rows.map((row) => ({
      ...row,
      lines: (JSON.parse(row.lines) as LineTuple[]).map(([lineId, sku, qty, held, picked, shortQty, shortReason, refused, ageRestricted, unitPriceCents, vatRateBp]) => ({
        lineId,
        sku,
        qty,
        held,
        picked,
        shortQty,
        shortReason,
        refused,
        ageRestricted: ageRestricted === 1,
        unitPriceCents,
        vatRateBp,
      })),
    }));
  }

  function saveLine(orderId: string, line: OrderLine) {
    updateLine.run({ orderId, ...line });
  }

  function move(sku: string, qty: number, from: string, to: string, reason: string, orderId: string, actor: Actor, lot?: { batch: string | null; expiry: string | null }) {
    if (qty > 0) movements.append({ sku, qty, from, to, reason, ref: orderId, staff: actor.staff, station: actor.station, ...lot });
  }

  /**
   * The handover from the hold, one movement per picked batch/expiry (a recall finds who took
   * which batch), the rest without: packs picked from labels that carry neither.
   */
  function handOverFromHold(orderId: string, line: OrderLine, qty: number, actor: Actor) {
    let left = qty;
    for (const lot of lotsOf.all(orderId, line.lineId) as { batch: string; expiry: string; qty: number }[]) {
      const take = Math.min(lot.qty, left);
      move(line.sku, take, 'pickup_hold', 'customer', 'pickup-handover', orderId, actor, { batch: lot.batch || null, expiry: lot.expiry || null });
      left -= take;
    }
    move(line.sku, left, 'pickup_hold', 'customer', 'pickup-handover', orderId, actor);
  }

  function hold(orderId: string, line: OrderLine, qty: number, actor: Actor) {
    let missing = qty;
    for (const source of holdSources) {
      const available = Math.max(0, levels.at(line.sku, source));
      const take = Math.min(available, missing);
      move(line.sku, take, source, 'pickup_hold', 'order-hold', orderId, actor);
      missing -= take;
    }
    if (missing > 0) {
      throw new StoreError('INSUFFICIENT_STOCK', `Not enough ${line.sku} to hold ${qty} for order ${orderId}.`, { sku: line.sku, orderId, missing });
    }
    line.held += qty;
  }

  function release(orderId: string, line: OrderLine, qty: number, actor: Actor, reason = 'order-release') {
    move(line.sku, qty, 'pickup_hold', 'sales_floor', reason, orderId, actor);
    line.held -= qty;
  }

  function transition(
    order: OrderSummary,
    to: OrderStatus,
    actor: Actor,
    event: OrderHistoryEvent | null = null,
    extra: Record<string, unknown> = {},
    note: string | null = event ? historyNote(event) || null : null,
  ) {
    if (!canTransition(order.status, to)) throw transitionRefused(order, to);
    const at = now().toISOString();
    setStatus.run(to, at, order.orderId);
    record(order.orderId, at, actor, order.status, to, event, note);
    const lines = (linesOf.all(order.orderId) as Record<string, unknown>[]).map(toLine);
    outbox.append('order.status', { orderId: order.orderId, version: order.version, status: to, at, staff: actor.staff, note, lines, ...extra }, at);
    order.status = to;
  }

  /** Accepting: every line's quantity moves to the pickup hold. */
  function holdAll(order: OrderSummary, actor: Actor) {
    for (const line of order.lines) {
      hold(order.orderId, line, line.qty, actor);
      saveLine(order.orderId, line);
    }
  }

  function releaseAll(order: OrderSummary, actor: Actor, reason: string) {
    for (const line of order.lines) {
      if (line.held > 0) {
        release(order.orderId, line, line.held, actor, reason);
        saveLine(order.orderId, line);
      }
    }
  }

  const tx = <A extends unknown[], R>(fn: (...args: A) => R) => db.transaction(fn);

  /** HQ's order.new/changed, once receiveFromHq found it newer. */
  function applyFromHq(order: HqOrder, actor: Actor = { staff: 'hq', station: 'hq' }): void {
    setCustomer.run(order.promisedAt, order.customer.name, order.customer.phone ?? null, hashHandoverCode(order.verification.code, handoverKey), order.orderId);
    const current = load(order.orderId);
    const holding = holdingStatuses.includes(current.status);
    const incoming = new Map(order.lines.map((l) => [l.lineId, l]));
    // HQ's answer to a short pick: dropped lines release their stock, new ones are held.
    for (const line of current.lines) {
      // A line that now names another product is a new line: its old stock goes back.
      if (incoming.get(line.lineId)?.sku === line.sku) continue;
      if (line.held > 0) release(order.orderId, line, line.held, actor, 'order-line-dropped');
      deleteLine.run(order.orderId, line.lineId);
    }
    for (const l of order.lines) {
      upsertLine.run(order.orderId, l.lineId, l.sku, l.qty, l.ageRestricted ? 1 : 0, l.unitPriceCents ?? null, l.vatRateBp ?? null);
      if (!holding) continue;
      const line = load(order.orderId).lines.find((x) => x.lineId === l.lineId)!;
      // A smaller quantity from HQ (its answer to a short pick) absorbs the shortfall.
      line.shortQty = Math.min(line.shortQty, Math.max(0, l.qty - line.picked));
      const want = Math.max(line.picked, l.qty - line.shortQty);
      if (want > line.held) hold(order.orderId, line, want - line.held, actor);
      else if (want < line.held) release(order.orderId, line, line.held - want, actor, 'order-changed');
      saveLine(order.orderId, line);
    }
    if (current.status !== 'received') {
      record(order.orderId, now().toISOString(), actor, current.status, current.status, { kind: 'changedByHq', version: order.version });
    }
  }

  /** HQ (or the customer through HQ) cancelled: any held stock goes back. */
  const cancelFromHq = tx((orderId: string, reason: string, actor: Actor = { staff: 'hq', station: 'hq' }) => {
    const order = load(orderId);
    if (!openStatuses.includes(order.status)) return false;
    releaseAll(order, actor, 'order-cancelled');
    transition(order, 'cancelled', actor, { kind: 'reason', reason });
    return true;
  });

  const insertLocalOrder = db.prepare(
    `INSERT INTO pickup_orders (order_id, version, status, order_json, received_at, updated_at, promised_at, customer_name, customer_phone, verification_hash)
     VALUES (@orderId, 1, 'received', @json, @at, @at, NULL, @name, @phone, @codeHash)`,
  );
  const exchangesOf = db.prepare("SELECT count(*) FROM pickup_orders WHERE order_id LIKE ? || '-X%'").pluck();
  const setPromise = db.prepare('UPDATE pickup_orders SET promised_at = ? WHERE order_id = ?');
  const insertExchange = db.prepare(
    `INSERT INTO order_exchanges (return_id, order_id, new_order_id, returned_cents, new_cents, difference_cents, settlement, method, approved_by, at)
     VALUES (@returnId, @orderId, @newOrderId, @returnedCents, @newCents, @differenceCents, @settlement, @method, @approvedBy, @at)`,
  );
  const approvalCents = db.prepare('SELECT exchange_approval_cents FROM order_settings WHERE id = 1').pluck();
  const writeSettings = db.prepare(
    `INSERT INTO order_settings (id, version, exchange_approval_cents, received_at) VALUES (1, @version, @exchangeApprovalCents, @at)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, exchange_approval_cents = excluded.exchange_approval_cents, received_at = excluded.received_at
     WHERE excluded.version > order_settings.version`,
  );
  const exchangeApprovalCents = () => (approvalCents.get() as number | undefined) ?? defaultExchangeApprovalCents;

  /**
   * An exchange in money: what comes back is valued at what the customer paid (HQ's line price;
   * today's catalog price for a line HQ sent none), what goes out at today's catalog price.
   */
  function quote(orderId: string, input: { lines: { lineId: string; qty: number }[]; newLines: { sku: string; qty: number }[] }): ExchangeQuote {
    const order = load(orderId);
    const returned = input.lines.map((r) => {
      const line = order.lines.find((l) => l.lineId === r.lineId);
      if (!line) throw new StoreError('VALIDATION', `Order ${orderId} has no line ${r.lineId}.`, { orderId, lineId: r.lineId });
      const product = catalog.product(line.sku);
      return {
        lineId: r.lineId,
        sku: line.sku,
        qty: r.qty,
        unitPriceCents: line.unitPriceCents ?? product?.priceCents ?? 0,
        vatRateBp: line.vatRateBp ?? product?.taxRateBp ?? 0,
      };
    });
    const taken = input.newLines.map((l) => {
      const product = catalog.product(l.sku);
      if (!product) throw new StoreError('UNKNOWN_SKU', `There is no product ${l.sku}.`, { sku: l.sku });
      return { sku: l.sku, name: product.name, qty: l.qty, unitPriceCents: product.priceCents, vatRateBp: product.taxRateBp };
    });
    const returnedCents = returned.reduce((sum, l) => sum + l.qty * l.unitPriceCents, 0);
    const newCents = taken.reduce((sum, l) => sum + l.qty * l.unitPriceCents, 0);
    const differenceCents = newCents - returnedCents;
    const threshold = exchangeApprovalCents();
    return { returned, taken, returnedCents, newCents, differenceCents, approvalCents: threshold, needsManager: Math.abs(differenceCents) > threshold };
  }

  /** How a difference was settled, from its sign and the method chosen; a voucher only ever gives money back. */
  function settlementOf(orderId: string, differenceCents: number, method: SettlementMethod | undefined): { settlement: ExchangeSettlement; method: SettlementMethod | null } {
    if (differenceCents === 0) return { settlement: 'none', method: null };
    if (!method) {
      throw new StoreError('VALIDATION', `The exchange for ${orderId} leaves ${differenceCents} cents to settle: choose how.`, { orderId, differenceCents, settlementRequired: true });
    }
    if (differenceCents > 0 && method === 'voucher') {
      throw new StoreError('VALIDATION', `The customer owes ${differenceCents} cents for ${orderId}: a voucher cannot collect it.`, { orderId, differenceCents });
    }
    if (differenceCents > 0) return { settlement: 'collected', method };
    return { settlement: method === 'voucher' ? 'voucher' : 'refunded', method };
  }

  /** A return of collected lines: resellable back to the floor, damaged to the damaged location. */
  const recordReturn = tx((orderId: string, input: { lines: ReturnLineRequest[]; refundMethod: string }, actor: Actor) => {
    const order = load(orderId);
    if (order.status !== 'collected') {
      throw new StoreError('TRANSITION_REFUSED', `Only collected orders can be returned; ${orderId} is ${order.status}.`, { orderId });
    }
    if (input.lines.length === 0) throw new StoreError('VALIDATION', 'Choose at least one line to return.');
    const returnId = `R-${randomUUID().slice(0, 8).toUpperCase()}`;
    const at = now().toISOString();
    insertReturn.run(returnId, orderId, at, actor.staff, actor.station, input.refundMethod);
    for (const r of input.lines) {
      const line = order.lines.find((l) => l.lineId === r.lineId);
      if (!line) throw new StoreError('VALIDATION', `Order ${orderId} has no line ${r.lineId}.`, { orderId, lineId: r.lineId });
      const delivered = line.picked - line.refused;
      const already = returnedQty.get(orderId, r.lineId) as number;
      if (r.qty <= 0 || r.qty > delivered - already) {
        throw new StoreError('OVER_RETURN', `Line ${r.lineId}: ${delivered} delivered, ${already} already returned; ${r.qty} cannot be returned.`, {
          orderId,
          lineId: r.lineId,
          delivered,
          alreadyReturned: already,
          requested: r.qty,
        });
      }
      insertReturnLine.run(returnId, r.lineId, line.sku, r.qty, r.reason, r.condition);
      move(line.sku, r.qty, 'customer', r.condition === 'resellable' ? 'sales_floor' : 'damaged', `return-${r.condition}`, orderId, actor);
    }
    record(orderId, at, actor, 'collected', 'collected', { kind: 'returned', returnId, refundMethod: input.refundMethod });
    outbox.append('return.recorded', { returnId, orderId, at, staff: actor.staff, station: actor.station, refundMethod: input.refundMethod, lines: input.lines.map((r) => ({ ...r, sku: order.lines.find((l) => l.lineId === r.lineId)!.sku })) }, at);
    return { returnId };
  });

  /**
   * Refuses a handover whose code is wrong, and any try past the limit that no
   * manager approved. A wrong code's count (and its history row) is written
   * before the refusal and kept (CommittedRefusal), so a refusal cannot be
   * turned into a free guess. While locked, the code is not even compared.
   */
  function checkCode(orderId: string, given: string, actor: Actor, approvedBy: string | null) {
    const order = load(orderId);
    if (order.status !== 'ready') throw transitionRefused(order, 'collected');
    const { hash, wrongCodes } = codeOf.get(orderId) as { hash: string | null; wrongCodes: number };
    if (hash === null) return; // HQ sent no code (only ever for an order that was cancelled first)
    const locked = (count: number) =>
      new StoreError('VERIFICATION_LOCKED', `${count} wrong codes for order ${orderId}: a manager must approve another try.`, {
        orderId,
        need: 'manager',
        limit: handoverCodeAttempts,
      });
    if (wrongCodes >= handoverCodeAttempts && approvedBy === null) throw locked(wrongCodes);
    if (handoverCodeMatches(hash, given, handoverKey)) return;
    const count = countWrongCode.get(orderId) as number;
    record(orderId, now().toISOString(), actor, order.status, order.status, { kind: 'wrongCode', count, limit: handoverCodeAttempts });
    if (count >= handoverCodeAttempts && approvedBy === null) {
      const error = locked(count);
      throw new CommittedRefusal(error.code, error.message, error.details);
    }
    throw new CommittedRefusal('VERIFICATION_FAILED', `The code does not match order ${orderId}.`, {
      orderId,
      attemptsLeft: Math.max(0, handoverCodeAttempts - count),
    });
  }

  const handOver = tx(
    (orderId: string, input: { refused?: { lineId: string; qty: number }[]; idChecked?: boolean }, actor: Actor, approvedBy: string | null) => {
      const order = load(orderId);
      if (order.lines.some((l) => l.ageRestricted) && !input.idChecked) {
        throw new StoreError('VERIFICATION_FAILED', `Order ${orderId} has age-restricted items: check the customer's ID.`, { orderId, idCheck: true });
      }
      for (const r of input.refused ?? []) {
        const line = order.lines.find((l) => l.lineId === r.lineId);
        if (!line || r.qty <= 0 || r.qty > line.picked - line.refused) {
          throw new StoreError('INVALID_QUANTITY', `Cannot refuse ${r.qty} on line ${r.lineId}.`, { orderId, ...r });
        }
        line.refused += r.qty;
        release(orderId, line, Math.min(r.qty, line.held), actor, 'handover-refused');
      }
      for (const line of order.lines) {
        const deliver = line.picked - line.refused;
        const fromHold = Math.min(deliver, line.held);
        handOverFromHold(orderId, line, fromHold, actor);
        move(line.sku, deliver - fromHold, 'sales_floor', 'customer', 'pickup-handover', orderId, actor); // weighed goods over the estimate
        line.held -= fromHold;
        if (line.held > 0) release(orderId, line, line.held, actor, 'order-release');
        saveLine(orderId, line);
      }
      const someRefused = Boolean(input.refused?.length);
      const notes = [someRefused ? 'some items refused' : null, approvedBy ? `approved by ${approvedBy}` : null].filter(Boolean);
      transition(order, 'collected', { ...actor, approvedBy }, { kind: 'handedOver', someRefused }, {}, notes.length ? notes.join('; ') : null);
      return load(orderId);
    },
  );

  const customerOf = db.prepare('SELECT customer_name AS name, customer_phone AS phone, order_json AS json FROM pickup_orders WHERE order_id = ?');
  const anonymise = db.prepare("UPDATE pickup_orders SET customer_name = '[erased]', customer_phone = NULL, order_json = ? WHERE order_id = ?");

  return {
    /**
     * The customer's right to erasure (issue 17): their orders' personal fields are anonymised, the
     * rows, lines and history stay for accounting. Returns the strings that were erased (name, phone,
     * email) so the sync room can find copies of them in its own tables.
     */
    anonymiseCustomer(orderIds: readonly string[]): string[] {
      const erased = new Set<string>();
      for (const orderId of orderIds) {
        const row = customerOf.get(orderId) as { name: string | null; phone: string | null; json: string } | undefined;
        if (!row) continue;
        const order = JSON.parse(row.json) as { customer?: { name?: string; phone?: string; email?: string } };
        for (const value of [row.name, row.phone, order.customer?.name, order.customer?.phone, order.customer?.email]) {
          if (value && value !== '[erased]') erased.add(value);
        }
        anonymise.run(JSON.stringify({ ...order, customer: { name: '[erased]' } }), orderId);
      }
      return [...erased];
    },
    /** Past the wrong-code limit a handover is a manager's decision: the access table's `orders.handover:locked` row. */
    handoverLocked(orderId: string): boolean {
      const row = codeOf.get(orderId) as { wrongCodes: number } | undefined;
      return row !== undefined && row.wrongCodes >= handoverCodeAttempts;
    },

    /** Orders being picked now: the update gate does not install mid-pickup. */
    inProgress: (): number => picking.get() as number,

    /**
     * HQ's order.new/changed. Versions, not arrival order, decide: a copy no newer
     * than what is stored changes nothing. Runs in the inbox's transaction.
     */
    receiveFromHq(order: HqOrder): string {
      const stored = versionOf.get(order.orderId) as number | undefined;
      if (stored !== undefined && stored >= order.version) return `stale: order ${order.orderId} v${order.version} ≤ v${stored}`;
      upsertFromHq.run({
        orderId: order.orderId,
        version: order.version,
        status: 'received',
        // The customer's handover code is kept only hashed (setCustomer below).
        json: JSON.stringify({ ...order, verification: undefined }),
        at: now().toISOString(),
        keepStatus: stored !== undefined ? 1 : 0,
      });
      applyFromHq(order);
      return `order ${order.orderId} v${order.version} stored`;
    },

    /** HQ's order.cancelled; a cancellation for an order never seen is kept, so a late copy of the order stays cancelled. */
    cancelledByHq(orderId: string, version: number, reason: string): string {
      const stored = versionOf.get(orderId) as number | undefined;
      if (stored !== undefined && stored >= version) return `stale: cancel of ${orderId} v${version}`;
      if (stored !== undefined) {
        setVersion.run(version, orderId);
        cancelFromHq(orderId, reason);
        return `order ${orderId} cancelled`;
      }
      upsertFromHq.run({ orderId, version, status: 'cancelled', json: JSON.stringify({ orderId, cancelled: reason }), at: now().toISOString(), keepStatus: 0 });
      return `order ${orderId} cancelled`;
    },

    accept: tx((orderId: string, actor: Actor) => {
      const order = load(orderId);
      if (!canTransition(order.status, 'accepted')) throw transitionRefused(order, 'accepted');
      holdAll(order, actor);
      transition(order, 'accepted', actor);
      return load(orderId);
    }),

    reject: tx((orderId: string, reason: string, actor: Actor) => {
      const order = load(orderId);
      transition(order, 'rejected', actor, { kind: 'reason', reason }, { reason });
      return load(orderId);
    }),

    cancel: tx((orderId: string, reason: string, actor: Actor) => {
      const order = load(orderId);
      if (!canTransition(order.status, 'cancelled')) throw transitionRefused(order, 'cancelled');
      releaseAll(order, actor, 'order-cancelled');
      transition(order, 'cancelled', actor, { kind: 'reason', reason }, { reason });
      return load(orderId);
    }),

    /** Confirms one scan against the order; the wrong product is refused. */
    pick: tx((orderId: string, scanned: string | ScannedCode, actor: Actor) => {
      const code = typeof scanned === 'string' ? scanned : scanned.text;
      const order = load(orderId);
      if (order.status === 'accepted') transition(order, 'picking', actor);
      if (order.status !== 'picking') {
        throw new StoreError('TRANSITION_REFUSED', `Order ${orderId} is ${order.status}; it cannot be picked.`, { orderId, status: order.status });
      }
      const match = catalog.findByCode(scanned);
      const line = order.lines.find((l) => l.sku === match.product.sku && l.picked + l.shortQty < l.qty);
      if (!line) {
        const wanted = order.lines.some((l) => l.sku === match.product.sku);
        if (wanted) throw new StoreError('LINE_COMPLETE', `${match.product.name} is already fully picked for ${orderId}.`, { orderId, sku: match.product.sku, code });
        throw new StoreError('WRONG_ITEM', `${match.product.name} is not in order ${orderId}.`, { orderId, sku: match.product.sku, code });
      }
      const units =
        match.embedded?.kind === 'weight' ? match.embedded.value : match.embedded?.kind === 'price' ? line.qty - line.picked - line.shortQty : catalog.packQty(match.code);
      const remaining = line.qty - line.picked - line.shortQty;
      if (units > remaining && match.embedded?.kind !== 'weight') {
        throw new StoreError('PACK_TOO_LARGE', `That pack holds ${units}; only ${remaining} still to pick.`, { orderId, sku: line.sku, units, remaining });
      }
      line.picked += Math.min(units, remaining);
      saveLine(orderId, line);
      const batch = match.gs1?.find((e) => e.ai === '10')?.value ?? null;
      const expiry = match.gs1?.find((e) => e.ai === '17' && e.date)?.date ?? match.gs1?.find((e) => e.ai === '15' && e.date)?.date ?? null;
      if ((batch !== null || expiry !== null) && match.embedded?.kind !== 'weight') addLot.run(orderId, line.lineId, batch ?? '', expiry ?? '', Math.min(units, remaining));
      record(orderId, now().toISOString(), actor, 'picking', 'picking', { kind: 'picked', sku: line.sku, qty: Math.min(units, remaining) });
      // A short-dated pack is still picked: the associate is told, and may swap it for a fresher one.
      const warning = shortDated(match.gs1, now(), catalog.shortDatedDays(match.product.category));
      return warning ? { order: load(orderId), lineId: line.lineId, shortDated: warning } : { order: load(orderId), lineId: line.lineId };
    }),

    /** Some units cannot be found: the phantom stock is written off and HQ is told. */
    markShort: tx((orderId: string, lineId: string, qty: number, reason: string, actor: Actor) => {
      const order = load(orderId);
      if (order.status === 'accepted') transition(order, 'picking', actor);
      const line = order.lines.find((l) => l.lineId === lineId);
      if (!line) throw new StoreError('VALIDATION', `Order ${orderId} has no line ${lineId}.`, { orderId, lineId });
      const open = line.qty - line.picked - line.shortQty;
      if (qty <= 0 || qty > open) throw new StoreError('INVALID_QUANTITY', `Between 1 and ${open} can be short on line ${lineId}.`, { qty, open });
      line.shortQty += qty;
      move(line.sku, Math.min(qty, line.held), 'pickup_hold', 'adjustment', 'short-pick', orderId, actor);
      line.held -= Math.min(qty, line.held);
      line.shortReason = reason;
      saveLine(orderId, line);
      const at = now().toISOString();
      record(orderId, at, actor, order.status, order.status, { kind: 'short', sku: line.sku, qty, reason });
      outbox.append('order.status', { orderId, version: order.version, status: order.status, at, staff: actor.staff, note: 'short-pick', lines: load(orderId).lines }, at);
      // Nobody has to ask: the shelf that came up short is counted, in this same transaction.
      counts.openSpot({ sku: line.sku, location: shortPickCountLocation, origin: 'short-pick', ref: orderId });
      return load(orderId);
    }),

    ready: tx((orderId: string, actor: Actor) => {
      const order = load(orderId);
      const unpicked = order.lines.filter((l) => l.picked + l.shortQty < l.qty);
      if (unpicked.length > 0 && order.status === 'picking') {
        throw new StoreError('TRANSITION_REFUSED', `Lines still to pick: ${unpicked.map((l) => l.lineId).join(', ')}.`, { orderId });
      }
      transition(order, 'ready', actor);
      return load(orderId);
    }),

    /**
     * The customer takes the order; refused units go back to the floor. The code
     * is checked first, and a wrong one is counted even though nothing else
     * happens; past the limit only a manager's approval (`approvedBy`) lets a
     * code be tried, so the code cannot be guessed at the counter.
     */
    handover(
      orderId: string,
      input: { verificationCode: string; refused?: { lineId: string; qty: number }[]; idChecked?: boolean },
      actor: Actor,
      approvedBy: string | null = null,
    ): OrderSummary {
      checkCode(orderId, input.verificationCode, actor, approvedBy);
      return handOver(orderId, input, actor, approvedBy);
    },

    /** Ready orders past the collection window become "not collected" and free their stock. */
    expire: tx((windowDays: number, actor: Actor) => {
      const cutoff = new Date(now().getTime() - windowDays * 86_400_000).toISOString();
      const due = db.prepare("SELECT order_id FROM pickup_orders WHERE status = 'ready' AND updated_at <= ?").pluck().all(cutoff) as string[];
      for (const orderId of due) {
        const order = load(orderId);
        releaseAll(order, actor, 'not-collected');
        transition(order, 'not_collected', actor, { kind: 'notCollected', days: windowDays });
      }
      return due;
    }),

    recordReturn,

    detail: (orderId: string): OrderDetail => ({ ...load(orderId), history: readHistory(orderId) }),

    /** An order from its number or the customer's QR (MOSTRADOR:ORDER:<id>). */
    find(code: string): string {
      const match = /^MOSTRADOR:ORDER:(.+)$/i.exec(code.trim());
      const orderId = match ? match[1]! : code.trim();
      load(orderId); // throws UNKNOWN_ORDER
      return orderId;
    },

    /** The queue for a filter, in promised-time order: one statement however many orders. */
    queue: (filter: QueueFilter = {}): OrderSummary[] => queueRows(filter, null),

    /**
     * These orders as the queue for a filter shows them; an id missing from the
     * reply is not in that queue (unknown, or no longer matching). A screen
     * patches its list with this after 'orders.changed' instead of re-reading it.
     */
    queueRowsOf: (ids: readonly string[], filter: QueueFilter = {}): OrderSummary[] => queueRows(filter, ids),

    /**
     * An exchange at the counter: the return of collected lines and a new
     * reservation of the replacements, in one transaction. The replacement is an
     * order of its own (`<original>-X<n>`), accepted at once, for the same
     * customer and code, so it is picked and handed over like any other; HQ hears
     * the return and the new order's status, which names the original.
     */
    /** HQ's counter settings for this store; an older or repeated version changes nothing. */
    settingsFromHq(settings: { version: number; exchangeApprovalCents: number }): boolean {
      return writeSettings.run({ ...settings, at: now().toISOString() }).changes > 0;
    },

    /** The difference past which an exchange is a manager's decision (HQ's, or the default). */
    exchangeApprovalCents,

    exchangeQuote: quote,

    /**
     * The access table's `orders.exchange:over-threshold` row: the difference is over HQ's
     * threshold. An exchange that cannot be priced (unknown order, line or product) is no
     * manager's business: the command refuses it with its own reason.
     */
    exchangeNeedsManager(orderId: string, input: { lines: { lineId: string; qty: number }[]; newLines: { sku: string; qty: number }[] }): boolean {
      try {
        return quote(orderId, input).needsManager;
      } catch (error) {
        if (error instanceof StoreError) return false;
        throw error;
      }
    },

    /**
     * An exchange at the counter: the return of collected lines, a new reservation of the
     * replacements and the settlement of the price difference, in one transaction. The
     * replacement is an order of its own (`<original>-X<n>`), accepted at once and due within
     * the hour, for the same customer and code, so it is picked and handed over like any other;
     * HQ hears the return and the new order's status, which names the original and the money.
     * Cash goes through the cash room's drawer, in this same transaction.
     */
    exchange: tx(
      (
        orderId: string,
        input: { lines: ReturnLineRequest[]; newLines: { sku: string; qty: number }[]; settlement?: SettlementMethod },
        actor: Actor,
      ) => {
        if (input.newLines.length === 0) throw new StoreError('VALIDATION', 'An exchange needs at least one replacement item.');
        const priced = quote(orderId, input);
        const { settlement, method } = settlementOf(orderId, priced.differenceCents, input.settlement);
        const { returnId } = recordReturn(orderId, { lines: input.lines, refundMethod: 'exchange' }, actor);
        const original = load(orderId);
        const newOrderId = `${orderId}-X${(exchangesOf.get(orderId) as number) + 1}`;
        const at = now().toISOString();
        const promisedAt = new Date(now().getTime() + exchangeReadyWithinMs).toISOString();
        insertLocalOrder.run({
          orderId: newOrderId,
          json: JSON.stringify({ exchangeOf: orderId, returnId, lines: input.newLines }),
          at,
          name: original.customerName,
          phone: original.customerPhone,
          codeHash: (codeOf.get(orderId) as { hash: string | null }).hash,
        });
        setPromise.run(promisedAt, newOrderId);
        priced.taken.forEach((l, i) => upsertLine.run(newOrderId, `L${i + 1}`, l.sku, l.qty, 0, l.unitPriceCents, l.vatRateBp));
        const money = { returnedCents: priced.returnedCents, newCents: priced.newCents, differenceCents: priced.differenceCents, settlement, method };
        insertExchange.run({ returnId, orderId, newOrderId, ...money, approvedBy: actor.approvedBy ?? null, at });
        if (method === 'cash') {
          cash.recordCashMovement({
            station: actor.station,
            staff: actor.staff,
            kind: settlement === 'collected' ? 'exchange-collected' : 'exchange-refunded',
            amountCents: priced.differenceCents,
            ref: returnId,
            approvedBy: actor.approvedBy ?? null,
          });
        }
        record(newOrderId, at, actor, null, 'received', { kind: 'exchangeFor', orderId, returnId });
        const order = load(newOrderId);
        holdAll(order, actor);
        transition(order, 'accepted', actor, { kind: 'exchangeFor', orderId, returnId: null }, {
          exchangeOf: orderId,
          returnId,
          promisedAt,
          exchange: money,
          customer: { name: original.customerName, phone: original.customerPhone },
        });
        return { returnId, orderId: newOrderId, differenceCents: priced.differenceCents, settlement, method, promisedAt, quote: priced };
      },
    ),
  };
}
export type PickupOrders = ReturnType<typeof createPickupOrders>;

import { randomUUID } from 'node:crypto';
import type { DocumentPage } from '../api/types';
import type { CatalogStore } from '../catalog/catalog-store';
import { StoreError } from '../kernel/errors';
import type { Db } from '../kernel/db/open-ledger';
import type { MovementLedger } from '../stock/movement-ledger';
import type { ChannelOrder, HqPort } from '../sync/hq-port';
import { orderFromQr } from '../sync/protocol';

/** HQ's refusal reason when it names none: the units would go over what was sold (not a movement reason). */
const hqRefusedOverReturn = 'over-return';

export type RefundMethod = 'cash' | 'store-credit' | 'original-payment';
export interface Actor {
  staff: string;
  station: string;
  approvedBy: string | null;
}
export interface ChannelReturnLine {
  lineId: string;
  sku: string;
  qty: number;
  unitPriceCents: number;
  reason: string;
  toStock: number;
  toDamaged: number;
  damageReason: string | null;
}
export interface ChannelReturn {
  returnId: string;
  orderId: string;
  channel: string;
  customerName: string | null;
  at: string;
  staff: string;
  approvedBy: string | null;
  state: 'settled' | 'pending-hq' | 'refused-by-hq';
  refundMethod: RefundMethod;
  amountCents: number;
  refundState: 'waiting-hq' | 'requested' | 'refunded' | 'failed' | null;
  voucherId: string | null;
  hqReason: string | null;
  lines: ChannelReturnLine[];
}
export type RecordInput =
  | { orderId: string; refundMethod: RefundMethod; lines: { lineId: string; qty: number; reason: string }[]; offline?: false }
  | { orderId: string; refundMethod: RefundMethod; lines: { sku: string; qty: number; reason: string }[]; offline: true };

export interface ChannelReturnsPorts {
  db: Db;
  catalog: Pick<CatalogStore, 'product'>;
  movements: Pick<MovementLedger, 'append'>;
  hq: Pick<HqPort, 'orderLookup' | 'claimReturn' | 'refundStatus'>;
  /**
   * The cash room's drawer (main/cash), where a cash refund is counted out in the return's own
   * transaction, so the station's end-of-day summary lists it. A port wired in compose-store.ts.
   */
  cash?: {
    recordCashMovement(request: { station: string; staff: string; kind: 'return-refunded'; amountCents: number; ref: string; approvedBy: string | null }): unknown;
  };
}

const hqUnreachable = () =>
  new StoreError('HQ_UNREACHABLE', 'HQ did not answer: nothing was recorded. Record the return against the scanned receipt (a manager approves it); it settles when HQ answers.');

/**
 * Returns of orders sold in any channel (main/returns). HQ counts each order line's returned units
 * for the whole chain, so a return counts only once HQ accepted its claim; one recorded offline
 * (a manager approved it) waits as `pending-hq` and is claimed when HQ answers. The units wait in
 * the `returns` location until someone sends them to stock or to damaged.
 */
export function createChannelReturns({ db, catalog, movements, hq, cash }: ChannelReturnsPorts) {
  const insertReturn = db.prepare(
    `INSERT INTO channel_returns (return_id, order_id, channel, customer_name, at, staff, station, approved_by, state, refund_method, amount_cents, refund_state, voucher_id)
     VALUES (@returnId, @orderId, @channel, @customerName, @at, @staff, @station, @approvedBy, @state, @refundMethod, @amountCents, @refundState, @voucherId)`,
  );
  const insertLine = db.prepare('INSERT INTO channel_return_lines (return_id, line_id, sku, qty, unit_price_cents, reason) VALUES (?, ?, ?, ?, ?, ?)');
  const selectReturn = db.prepare('SELECT * FROM channel_returns WHERE return_id = ?');
  const selectLines = db.prepare('SELECT * FROM channel_return_lines WHERE return_id = ? ORDER BY line_id');
  const recent = db.prepare('SELECT return_id FROM channel_returns ORDER BY at DESC, return_id LIMIT ?').pluck();
  // A page, newest first, after the cursor: a range read of channel_returns_by_at.
  const recentPage = db
    .prepare(
      `SELECT return_id FROM channel_returns INDEXED BY channel_returns_by_at
        WHERE @at IS NULL OR (at, return_id) < (@at, @id) ORDER BY at DESC, return_id DESC LIMIT @limit`,
    )
    .pluck();
  const pendingIds = db.prepare("SELECT return_id FROM channel_returns WHERE state = 'pending-hq' ORDER BY at").pluck();
  const requestedIds = db.prepare("SELECT return_id FROM channel_returns WHERE refund_state = 'requested' ORDER BY at").pluck();
  const setSettled = db.prepare('UPDATE channel_returns SET state = ?, refund_state = ?, hq_reason = ? WHERE return_id = ?');
  const setRefundState = db.prepare('UPDATE channel_returns SET refund_state = ? WHERE return_id = ?');
  const setLineId = db.prepare('UPDATE channel_return_lines SET line_id = ? WHERE return_id = ? AND line_id = ?');
  const dispose = db.prepare(
    'UPDATE channel_return_lines SET to_stock = to_stock + @toStock, to_damaged = to_damaged + @toDamaged, damage_reason = COALESCE(@damageReason, damage_reason) WHERE return_id = @returnId AND line_id = @lineId',
  );

  function load(returnId: string): ChannelReturn {
    const row = selectReturn.get(returnId) as Record<string, unknown> | undefined;
    if (!row) throw new StoreError('UNKNOWN_RETURN', `There is no return ${returnId}.`, { returnId });
    const lines = (selectLines.all(returnId) as Record<string, unknown>[]).map((l) => ({
      lineId: l.line_id as string,
      sku: l.sku as string,
      qty: l.qty as number,
      unitPriceCents: l.unit_price_cents as number,
      reason: l.reason as string,
      toStock: l.to_stock as number,
      toDamaged: l.to_damaged as number,
      damageReason: (l.damage_reason as string | null) ?? null,
    }));
    return {
      returnId,
      orderId: row.order_id as string,
      channel: row.channel as string,
      customerName: (row.customer_name as string | null) ?? null,
      at: row.at as string,
      staff: row.staff as string,
      approvedBy: (row.approved_by as string | null) ?? null,
      state: row.state as ChannelReturn['state'],
      refundMethod: row.refund_method as RefundMethod,
      amountCents: row.amount_cents as number,
      refundState: (row.refund_state as ChannelReturn['refundState']) ?? null,
      voucherId: (row.voucher_id as string | null) ?? null,
      hqReason: (row.hq_reason as string | null) ?? null,
      lines,
    };
  }

  /** The one order HQ sold under this id (or QR text); null when HQ did not answer. */
  async function soldOrder(orderId: string): Promise<ChannelOrder | null | 'unknown'> {
    const found = await hq.orderLookup(orderId);
    if (found === null) return null;
    return found.find((o) => o.orderId === (orderFromQr(orderId) ?? orderId)) ?? 'unknown';
  }

  const newReturnId = () => `RET-${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;

  /** Stock comes in from the customer: known SKUs only, checked before HQ counts anything. */
  function checkSkus(skus: string[]) {
    for (const sku of skus) if (!catalog.product(sku)) throw new StoreError('UNKNOWN_SKU', `There is no product with SKU "${sku}".`, { sku });
  }

  const commit = db.transaction((row: Omit<ChannelReturn, 'lines' | 'hqReason'> & { station: string }, lines: Omit<ChannelReturnLine, 'toStock' | 'toDamaged' | 'damageReason'>[]) => {
    insertReturn.run(row);
    if (row.refundMethod === 'cash' && row.amountCents > 0) {
      cash?.recordCashMovement({ station: row.station, staff: row.staff, kind: 'return-refunded', amountCents: -row.amountCents, ref: row.returnId, approvedBy: row.approvedBy ?? null });
    }
    for (const line of lines) {
      insertLine.run(row.returnId, line.lineId, line.sku, line.qty, line.unitPriceCents, line.reason);
      movements.append({ sku: line.sku, qty: line.qty, from: 'customer', to: 'returns', reason: 'return', ref: row.returnId, staff: row.staff, station: row.station });
    }
  });

  return {
    /** Orders HQ sold matching a QR text, order number, name or phone; `reachable: false` when HQ did not answer. */
    async lookup(query: string): Promise<{ reachable: boolean; orders: ChannelOrder[] }> {
      const orders = await hq.orderLookup(query);
      return orders === null ? { reachable: false, orders: [] } : { reachable: true, orders };
    },

    async record(input: RecordInput, actor: Actor): Promise<ChannelReturn> {
      const returnId = newReturnId();
      const at = new Date().toISOString();
      const base = { returnId, at, staff: actor.staff, station: actor.station, approvedBy: actor.approvedBy, refundMethod: input.refundMethod };
      const voucherId = input.refundMethod === 'store-credit' ? `V-${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}` : null;
      if (input.offline) {
        const orderId = orderFromQr(input.orderId) ?? input.orderId;
        checkSkus(input.lines.map((l) => l.sku));
        // HQ's line ids are not known offline: each scanned SKU stands for its line until HQ answers.
        const lines = input.lines.map((l) => ({ lineId: `sku:${l.sku}`, sku: l.sku, qty: l.qty, unitPriceCents: catalog.product(l.sku)!.priceCents, reason: l.reason }));
        const amountCents = lines.reduce((sum, l) => sum + l.qty * l.unitPriceCents, 0);
        commit({ ...base, orderId, channel: 'unknown', customerName: null, state: 'pending-hq', amountCents, refundState: input.refundMethod === 'original-payment' ? 'waiting-hq' : null, voucherId }, lines);
        return load(returnId);
      }
      const order = await soldOrder(input.orderId);
      if (order === null) throw hqUnreachable();
      if (order === 'unknown') throw new StoreError('UNKNOWN_ORDER', `HQ sold no order ${input.orderId}.`, { orderId: input.orderId });
      const lines = input.lines.map((r) => {
        const sold = order.lines.find((l) => l.lineId === r.lineId);
        if (!sold) throw new StoreError('VALIDATION', `Order ${order.orderId} has no line ${r.lineId}.`, { lineId: r.lineId });
        if (sold.returned + r.qty > sold.qty) {
          throw new StoreError('OVER_RETURN', `Line ${r.lineId}: ${sold.qty} sold, ${sold.returned} already returned; ${r.qty} cannot be returned.`, {
            lineId: r.lineId,
            delivered: sold.qty,
            alreadyReturned: sold.returned,
          });
        }
        return { lineId: r.lineId, sku: sold.sku, qty: r.qty, unitPriceCents: sold.unitPriceCents, reason: r.reason };
      });
      checkSkus(lines.map((l) => l.sku));
      const amountCents = lines.reduce((sum, l) => sum + l.qty * l.unitPriceCents, 0);
      const answer = await hq.claimReturn({ claimId: returnId, orderId: order.orderId, lines: lines.map(({ lineId, qty }) => ({ lineId, qty })), refund: { method: input.refundMethod, amountCents } });
      if (answer === null) throw hqUnreachable();
      if (!answer.accepted) {
        const over = answer.lines.find((l) => lines.some((r) => r.lineId === l.lineId && l.returned + r.qty > l.sold));
        throw new StoreError('OVER_RETURN', `HQ refused the return: ${answer.reason ?? hqRefusedOverReturn}.`, {
          lineId: over?.lineId ?? null,
          delivered: over?.sold ?? null,
          alreadyReturned: over?.returned ?? null,
        });
      }
      commit({ ...base, orderId: order.orderId, channel: order.channel, customerName: order.customer.name, state: 'settled', amountCents, refundState: answer.refundState, voucherId }, lines);
      return load(returnId);
    },

    /**
     * Claims every return recorded offline, oldest first, while HQ answers. HQ refusing one (its
     * units went over what the chain sold) leaves it `refused-by-hq` for a manager to follow up.
     */
    async settlePending(): Promise<string[]> {
      const settled: string[] = [];
      for (const returnId of pendingIds.all() as string[]) {
        const pending = load(returnId);
        const order = await soldOrder(pending.orderId);
        if (order === null) break;
        if (order === 'unknown') {
          setSettled.run('refused-by-hq', null, `HQ sold no order ${pending.orderId}`, returnId);
          settled.push(returnId);
          continue;
        }
        // Each scanned SKU takes the order's first line of that SKU.
        const mapped = pending.lines.map((l) => ({ from: l.lineId, lineId: order.lines.find((s) => s.sku === l.sku)?.lineId ?? null, qty: l.qty }));
        const missing = mapped.find((m) => m.lineId === null);
        if (missing) {
          setSettled.run('refused-by-hq', null, `order ${order.orderId} has no ${missing.from.replace(/^sku:/, '')}`, returnId);
          settled.push(returnId);
          continue;
        }
        const answer = await hq.claimReturn({ claimId: returnId, orderId: order.orderId, lines: mapped.map((m) => ({ lineId: m.lineId!, qty: m.qty })), refund: { method: pending.refundMethod, amountCents: pending.amountCents } });
        if (answer === null) break;
        db.transaction(() => {
          if (answer.accepted) {
            for (const m of mapped) setLineId.run(m.lineId, returnId, m.from);
            setSettled.run('settled', answer.refundState, null, returnId);
          } else {
            setSettled.run('refused-by-hq', pending.refundState === 'waiting-hq' ? null : pending.refundState, answer.reason ?? hqRefusedOverReturn, returnId);
          }
        })();
        settled.push(returnId);
      }
      return settled;
    },

    /** Asks HQ for refunds to the original payment still requested; returns those that changed. */
    async refreshRefunds(): Promise<string[]> {
      const changed: string[] = [];
      for (const returnId of requestedIds.all() as string[]) {
        const state = await hq.refundStatus(returnId);
        if (state === null) break;
        if (state !== 'requested') {
          setRefundState.run(state, returnId);
          changed.push(returnId);
        }
      }
      return changed;
    },

    hasOpenWork: () => (pendingIds.all() as string[]).length > 0 || (requestedIds.all() as string[]).length > 0,

    list: (page: DocumentPage = {}): ChannelReturn[] =>
      ((page.limit === undefined ? recent.all(50) : recentPage.all({ at: page.before?.at ?? null, id: page.before?.id ?? null, limit: page.limit })) as string[]).map(load),
    detail: load,

    /** Units waiting in `returns` go back to stock (the sales floor) or to damaged, with a reason. */
    dispose(returnId: string, lineId: string, to: 'stock' | 'damaged', qty: number, reason: string, actor: Actor): ChannelReturn {
      const line = load(returnId).lines.find((l) => l.lineId === lineId);
      if (!line) throw new StoreError('VALIDATION', `Return ${returnId} has no line ${lineId}.`, { returnId, lineId });
      const left = line.qty - line.toStock - line.toDamaged;
      if (qty > left) throw new StoreError('INVALID_QUANTITY', `Only ${left} of line ${lineId} wait in returns; ${qty} cannot be moved.`, { qty, left });
      movements.append({ sku: line.sku, qty, from: 'returns', to: to === 'stock' ? 'sales_floor' : 'damaged', reason: to === 'stock' ? 'return-restocked' : `return-damaged:${reason}`.slice(0, 64), ref: returnId, staff: actor.staff, station: actor.station });
      dispose.run({ returnId, lineId, toStock: to === 'stock' ? qty : 0, toDamaged: to === 'damaged' ? qty : 0, damageReason: to === 'damaged' ? reason : null });
      return load(returnId);
    },
  };
}
export type ChannelReturns = ReturnType<typeof createChannelReturns>;

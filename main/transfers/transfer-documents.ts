import { randomUUID } from 'node:crypto';
import type { DocumentPage, TransferInfo, TransferLists, TransferState } from '../api/types';
import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../kernel/db/open-ledger';
import { StoreError } from '../kernel/errors';
import { createOutboxWriter } from '../kernel/outbox-writer';
import type { MovementLedger } from '../stock/movement-ledger';

// Transfers between stores (issue 13). A document on each side:
//   origin:      draft → shipped (stock in `in_transit`) → receiving → closed
//   destination: shipped (incoming, from HQ) → receiving → closed
// Shipping and each receipt post their movements and their one outbox event in the same
// transaction, so HQ hears each exactly once (the outbox's sequence), whatever happens offline.
// What HQ relays is applied idempotently: an incoming transfer or a receipt seen before moves nothing.

/** The shapes HQ relays (main/sync/protocol.ts `transferShipped`, `transferReceived`), as this room reads them. */
export interface ShippedTransfer {
  transferId: string;
  from: string;
  to: string;
  shippedAt: string;
  shippedBy: string;
  lines: { sku: string; qty: number }[];
}
export interface TransferReceipt {
  transferId: string;
  receiptId: string;
  from: string;
  to: string;
  receivedAt: string;
  receivedBy: string;
  lines: ReceiptLine[];
  closes: boolean;
}
export interface ReceiptLine {
  sku: string;
  received: number;
  damaged: number;
  lost: number;
}

/** Outbox event types (docs/protocol.md). */
export const transferShippedEvent = 'transfer.shipped';
export const transferReceivedEvent = 'transfer.received';

interface TransferRow {
  id: string;
  direction: 'outgoing' | 'incoming';
  origin_store: string;
  destination_store: string;
  location: string;
  state: TransferState;
  owner: string | null;
  created_at: string;
  shipped_at: string | null;
  shipped_by: string | null;
  closed_at: string | null;
}
interface LineRow {
  sku: string;
  qty: number;
  received: number;
  damaged: number;
  lost: number;
}

export interface TransferPorts {
  db: Db;
  /** This store's id: the origin of what it ships, the destination of what it receives. */
  store: string;
  /** The station HQ's relayed receipts are recorded at (this store's host). */
  station: string;
  catalog: Pick<CatalogStore, 'findByCode' | 'product' | 'packQty'>;
  movements: Pick<MovementLedger, 'append'>;
  now?: () => Date;
}

export interface Actor {
  staff: string;
  station: string;
}

export function createTransferDocuments({ db, store, station, catalog, movements, now = () => new Date() }: TransferPorts) {
  const outbox = createOutboxWriter(db);
  const byId = db.prepare('SELECT * FROM transfers WHERE id = ?');
  const linesOf = db.prepare('SELECT sku, qty, received, damaged, lost FROM transfer_lines WHERE transfer_id = ? ORDER BY sku');
  const listOf = db.prepare(
    `SELECT * FROM transfers WHERE direction = ?
      ORDER BY CASE state WHEN 'closed' THEN 1 ELSE 0 END, COALESCE(shipped_at, created_at) DESC LIMIT 200`,
  );
  // A page, newest first, after the cursor: a range read of transfers_by_created.
  const pageOf = db.prepare(
    `SELECT * FROM transfers INDEXED BY transfers_by_created
      WHERE direction = @direction AND (@at IS NULL OR (created_at, id) < (@at, @id))
      ORDER BY created_at DESC, id DESC LIMIT @limit`,
  );
  const insertTransfer = db.prepare(
    `INSERT INTO transfers (id, direction, origin_store, destination_store, location, state, owner, created_at, shipped_at, shipped_by)
     VALUES (@id, @direction, @origin, @destination, @location, @state, @owner, @createdAt, @shippedAt, @shippedBy)`,
  );
  const addToLine = db.prepare(
    `INSERT INTO transfer_lines (transfer_id, sku, qty) VALUES (?, ?, ?)
     ON CONFLICT (transfer_id, sku) DO UPDATE SET qty = qty + excluded.qty`,
  );
  const insertLine = db.prepare('INSERT INTO transfer_lines (transfer_id, sku, qty) VALUES (?, ?, ?)');
  const deleteLine = db.prepare('DELETE FROM transfer_lines WHERE transfer_id = ? AND sku = ?');
  const accountLine = db.prepare(
    'UPDATE transfer_lines SET received = received + ?, damaged = damaged + ?, lost = lost + ? WHERE transfer_id = ? AND sku = ?',
  );
  const setShipped = db.prepare("UPDATE transfers SET state = 'shipped', shipped_at = ?, shipped_by = ? WHERE id = ?");
  const setState = db.prepare('UPDATE transfers SET state = ?, closed_at = ? WHERE id = ?');
  const setOwnerIfNone = db.prepare('UPDATE transfers SET owner = COALESCE(owner, ?) WHERE id = ?');
  const receiptById = db.prepare('SELECT transfer_id FROM transfer_receipts WHERE receipt_id = ?').pluck();
  const insertReceipt = db.prepare(
    'INSERT INTO transfer_receipts (receipt_id, transfer_id, at, staff, lines_json, closes) VALUES (?, ?, ?, ?, ?, ?)',
  );

  function info(row: TransferRow): TransferInfo {
    const lines = (linesOf.all(row.id) as LineRow[]).map((l) => ({ ...l, name: catalog.product(l.sku)?.name ?? l.sku }));
    return {
      transferId: row.id,
      direction: row.direction,
      from: row.origin_store,
      to: row.destination_store,
      location: row.location,
      state: row.state,
      owner: row.owner,
      createdAt: row.created_at,
      shippedAt: row.shipped_at,
      shippedBy: row.shipped_by,
      closedAt: row.closed_at,
      lines,
    };
  }

  function row(transferId: string): TransferRow {
    const found = byId.get(transferId) as TransferRow | undefined;
    if (!found) throw new StoreError('UNKNOWN_TRANSFER', `There is no transfer ${transferId} at this store.`, { transferId });
    return found;
  }

  function refuse(t: TransferRow, action: string): StoreError {
    return new StoreError('TRANSITION_REFUSED', `Transfer ${t.id} is ${t.direction} and ${t.state}; it cannot be ${action}.`, {
      transferId: t.id,
      direction: t.direction,
      state: t.state,
    });
  }

  function draft(transferId: string): TransferRow {
    const t = row(transferId);
    if (t.direction !== 'outgoing' || t.state !== 'draft') throw refuse(t, 'edited');
    return t;
  }

  const ship = db.transaction((transferId: string, actor: Actor): TransferInfo => {
    const t = row(transferId);
    if (t.direction !== 'outgoing' || t.state !== 'draft') throw refuse(t, 'shipped');
    const lines = linesOf.all(t.id) as LineRow[];
    if (lines.length === 0) throw new StoreError('VALIDATION', `Transfer ${t.id} has no lines to ship.`, { transferId });
    const at = now().toISOString();
    for (const line of lines) {
      movements.append({ sku: line.sku, qty: line.qty, from: t.location, to: 'in_transit', reason: 'transfer-out', ref: t.id, ...actor });
    }
    setShipped.run(at, actor.staff, t.id);
    const shipped: ShippedTransfer = {
      transferId: t.id,
      from: t.origin_store,
      to: t.destination_store,
      shippedAt: at,
      shippedBy: actor.staff,
      lines: lines.map((l) => ({ sku: l.sku, qty: l.qty })),
    };
    outbox.append(transferShippedEvent, shipped, at);
    return info(row(t.id));
  });

  /** Adds what a receipt accounts for to each line; true when every shipped unit is now accounted for. */
  function account(t: TransferRow, lines: ReceiptLine[]): boolean {
    const current = new Map((linesOf.all(t.id) as LineRow[]).map((l) => [l.sku, l]));
    const seen = new Set<string>();
    for (const line of lines) {
      const held = current.get(line.sku);
      if (!held) throw new StoreError('WRONG_ITEM', `${line.sku} is not in transfer ${t.id}.`, { transferId: t.id, sku: line.sku });
      if (seen.has(line.sku)) throw new StoreError('VALIDATION', `${line.sku} is named twice in one receipt.`, { sku: line.sku });
      seen.add(line.sku);
      const open = held.qty - held.received - held.damaged - held.lost;
      const counted = line.received + line.damaged + line.lost;
      if (counted > open) {
        throw new StoreError('INVALID_QUANTITY', `Only ${open} of ${line.sku} are still to receive on ${t.id}; this receipt counts ${counted}.`, {
          transferId: t.id,
          sku: line.sku,
          open,
          counted,
        });
      }
      accountLine.run(line.received, line.damaged, line.lost, t.id, line.sku);
      held.received += line.received;
      held.damaged += line.damaged;
      held.lost += line.lost;
    }
    return [...current.values()].every((l) => l.received + l.damaged + l.lost === l.qty);
  }

  const receive = db.transaction((transferId: string, receiptId: string, lines: ReceiptLine[], actor: Actor): TransferInfo => {
    const t = row(transferId);
    // The same receipt sent again (a double tap, a retry after a lost reply) moves nothing.
    const earlier = receiptById.get(receiptId) as string | undefined;
    if (earlier !== undefined) {
      if (earlier !== t.id) throw new StoreError('VALIDATION', `Receipt ${receiptId} belongs to another transfer.`, { receiptId });
      return info(t);
    }
    if (t.direction !== 'incoming' || (t.state !== 'shipped' && t.state !== 'receiving')) throw refuse(t, 'received');
    const counted = lines.filter((l) => l.received + l.damaged + l.lost > 0);
    if (counted.length === 0) throw new StoreError('INVALID_QUANTITY', 'This receipt counts no units.', { transferId });
    const closes = account(t, counted);
    const at = now().toISOString();
    for (const line of counted) {
      const post = (qty: number, to: string, reason: string) => {
        if (qty > 0) movements.append({ sku: line.sku, qty, from: 'other_store', to, reason, ref: t.id, ...actor });
      };
      post(line.received, t.location, 'transfer-in');
      post(line.damaged, 'damaged', 'transfer-damaged');
      // Lost on the way: the store never had them, so they go from the other side straight to the loss account.
      post(line.lost, 'adjustment', 'transfer-lost');
    }
    insertReceipt.run(receiptId, t.id, at, actor.staff, JSON.stringify(counted), closes ? 1 : 0);
    setOwnerIfNone.run(actor.staff, t.id);
    setState.run(closes ? 'closed' : 'receiving', closes ? at : null, t.id);
    const receipt: TransferReceipt = {
      transferId: t.id,
      receiptId,
      from: t.origin_store,
      to: t.destination_store,
      receivedAt: at,
      receivedBy: actor.staff,
      lines: counted,
      closes,
    };
    outbox.append(transferReceivedEvent, receipt, at);
    return info(row(t.id));
  });

  // Units shipped to this store and not yet accounted for by a receipt.
  const incomingOf = db
    .prepare(
      `SELECT COALESCE(SUM(l.qty - l.received - l.damaged - l.lost), 0) FROM transfer_lines l JOIN transfers t ON t.id = l.transfer_id
        WHERE l.sku = ? AND t.direction = 'incoming' AND t.state IN ('shipped', 'receiving')`,
    )
    .pluck();

  return {
    /** Units of a SKU other stores shipped here that have not arrived yet: the product view's "incoming". */
    incoming: (sku: string): number => incomingOf.get(sku) as number,

    /** Both lists whole (open ones first), or with `limit` one page of `direction` (the other empty). */
    lists(page: DocumentPage & { direction?: 'outgoing' | 'incoming' | undefined } = {}): TransferLists {
      const { limit } = page;
      if (limit !== undefined) {
        const read = (direction: 'outgoing' | 'incoming') =>
          page.direction !== undefined && page.direction !== direction
            ? []
            : (pageOf.all({ direction, at: page.before?.at ?? null, id: page.before?.id ?? null, limit }) as TransferRow[]).map(info);
        return { outgoing: read('outgoing'), incoming: read('incoming') };
      }
      return {
        outgoing: (listOf.all('outgoing') as TransferRow[]).map(info),
        incoming: (listOf.all('incoming') as TransferRow[]).map(info),
      };
    },
    detail: (transferId: string): TransferInfo => info(row(transferId)),

    create(to: string, location: string, actor: Actor): TransferInfo {
      if (to === store) throw new StoreError('VALIDATION', 'A transfer goes to another store, not to this one.', { to });
      const id = `${store}-${randomUUID().slice(0, 8)}`;
      insertTransfer.run({ id, direction: 'outgoing', origin: store, destination: to, location, state: 'draft', owner: actor.staff, createdAt: now().toISOString(), shippedAt: null, shippedBy: null });
      return info(row(id));
    },

    /** A scanned or typed code (or a SKU) adds `qty` units, or a scan's pack quantity, to a draft. */
    addLine(transferId: string, code: string, symbology: string | null, qty: number | undefined): TransferInfo {
      const t = draft(transferId);
      const match = catalog.findByCode({ text: code, symbology });
      if (match.embedded) throw new StoreError('VALIDATION', 'A weighed item cannot be transferred by its label; type its SKU and units.', { code });
      addToLine.run(t.id, match.product.sku, qty ?? catalog.packQty(match.code));
      return info(row(t.id));
    },

    removeLine(transferId: string, sku: string): TransferInfo {
      const t = draft(transferId);
      deleteLine.run(t.id, sku);
      return info(row(t.id));
    },

    ship: (transferId: string, actor: Actor): TransferInfo => ship(transferId, actor),

    receive: (transferId: string, receiptId: string, lines: ReceiptLine[], actor: Actor): TransferInfo => receive(transferId, receiptId, lines, actor),

    /** The destination's side of a transfer HQ relays; runs in the inbox's transaction. */
    incomingFromHq(m: ShippedTransfer): string {
      if (m.to !== store) return `ignored: transfer ${m.transferId} is for ${m.to}`;
      if (byId.get(m.transferId)) return `duplicate: transfer ${m.transferId} already known`;
      insertTransfer.run({
        id: m.transferId,
        direction: 'incoming',
        origin: m.from,
        destination: m.to,
        location: 'back_room',
        state: 'shipped',
        owner: null,
        createdAt: now().toISOString(),
        shippedAt: m.shippedAt,
        shippedBy: m.shippedBy,
      });
      for (const line of m.lines) insertLine.run(m.transferId, line.sku, line.qty);
      return `transfer ${m.transferId} from ${m.from}: ${m.lines.length} lines in transit`;
    },

    /**
     * The origin's side of the destination's receipt, relayed by HQ: the units it accounts for
     * leave `in_transit` for the other store, and the last one closes the transfer. Runs in the
     * inbox's transaction; a receipt seen before moves nothing.
     */
    receiptFromHq(r: TransferReceipt): string {
      if (r.from !== store) return `ignored: receipt ${r.receiptId} is for ${r.from}`;
      if (receiptById.get(r.receiptId) !== undefined) return `duplicate: receipt ${r.receiptId} already applied`;
      const t = byId.get(r.transferId) as TransferRow | undefined;
      if (!t || t.direction !== 'outgoing') return `ignored: no outgoing transfer ${r.transferId} here`;
      if (t.state !== 'shipped' && t.state !== 'receiving') return `ignored: transfer ${r.transferId} is ${t.state}`;
      const closes = account(t, r.lines);
      const actor = { staff: 'hq', station };
      for (const line of r.lines) {
        const qty = line.received + line.damaged + line.lost;
        if (qty > 0) movements.append({ sku: line.sku, qty, from: 'in_transit', to: 'other_store', reason: 'transfer-delivered', ref: t.id, ...actor });
      }
      const at = now().toISOString();
      insertReceipt.run(r.receiptId, t.id, at, r.receivedBy, JSON.stringify(r.lines), closes ? 1 : 0);
      setState.run(closes ? 'closed' : 'receiving', closes ? at : null, t.id);
      return `transfer ${t.id}: receipt ${r.receiptId} applied${closes ? ', closed' : ''}`;
    },
  };
}
export type TransferDocuments = ReturnType<typeof createTransferDocuments>;

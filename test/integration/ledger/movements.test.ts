import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StoreError } from '../../../main/kernel/errors';
import { checkLedger } from '../../../main/stock/stock-levels';
import { ledgerFootprint, openSmallStore } from '../../helpers/small-store';

const by = { staff: 'ana', station: 'counter-1' };

test('a receipt and a transfer move stock between locations and keep every level current', async () => {
  const core = await openSmallStore();
  const { movements, levels } = core.services;
  movements.append({ sku: 'SKU-OIL', qty: 30, from: 'supplier', to: 'back_room', reason: 'receipt', ref: 'PO-1', ...by });
  const transfer = movements.append({ sku: 'SKU-OIL', qty: 12, from: 'back_room', to: 'sales_floor', reason: 'replenish', ...by });

  assert.equal(transfer.seq, 2);
  const stock = levels.summary('SKU-OIL');
  const at = (loc: string) => stock.byLocation.find((l) => l.location === loc)?.qty;
  assert.equal(at('back_room'), 18);
  assert.equal(at('sales_floor'), 12);
  assert.equal(stock.onHand, 30);
  // External parties are the other side of double entry: they are not shown as stock.
  assert.equal(stock.byLocation.some((l) => l.location === 'supplier'), false);
  assert.equal(checkLedger(core.services.db).ok, true);
  core.close();
});

test('available-to-promise is sellable stock less held, reservations and safety stock', async () => {
  const core = await openSmallStore();
  const { movements, levels, db } = core.services;
  movements.append({ sku: 'SKU-RICE', qty: 20, from: 'supplier', to: 'sales_floor', reason: 'receipt', ...by });
  movements.append({ sku: 'SKU-RICE', qty: 5, from: 'sales_floor', to: 'pickup_hold', reason: 'order-accepted', ref: 'ORD-1', ...by });
  movements.append({ sku: 'SKU-RICE', qty: 2, from: 'sales_floor', to: 'damaged', reason: 'broken', ...by });
  db.prepare("INSERT INTO reservations (ref, sku, qty) VALUES ('ORD-2', 'SKU-RICE', 3)").run();
  db.prepare("INSERT INTO settings (key, value) VALUES ('safety_stock_default', '4')").run();

  const stock = levels.summary('SKU-RICE');
  assert.equal(stock.onHand, 13, 'pickup hold and damaged are not sellable');
  assert.equal(stock.held, 5 + 3);
  assert.equal(stock.safetyStock, 4);
  assert.equal(stock.atp, 13 - 3 - 4);

  db.prepare("UPDATE products SET safety_stock = 20 WHERE sku = 'SKU-RICE'").run();
  assert.equal(levels.summary('SKU-RICE').atp, 0, 'never below zero, and a product override wins');
  core.close();
});

test('bad movements are refused with a typed error and change nothing', async () => {
  const core = await openSmallStore();
  const { movements } = core.services;
  movements.append({ sku: 'SKU-OIL', qty: 3, from: 'supplier', to: 'sales_floor', reason: 'receipt', ...by });
  const before = ledgerFootprint(core);

  const refusals: [Parameters<typeof movements.append>[0], string][] = [
    [{ sku: 'NOPE', qty: 1, from: 'supplier', to: 'sales_floor', reason: 'r', ...by }, 'UNKNOWN_SKU'],
    [{ sku: 'SKU-OIL', qty: 0, from: 'supplier', to: 'sales_floor', reason: 'r', ...by }, 'INVALID_QUANTITY'],
    [{ sku: 'SKU-OIL', qty: -4, from: 'supplier', to: 'sales_floor', reason: 'r', ...by }, 'INVALID_QUANTITY'],
    [{ sku: 'SKU-OIL', qty: 1.5, from: 'supplier', to: 'sales_floor', reason: 'r', ...by }, 'INVALID_QUANTITY'],
    [{ sku: 'SKU-OIL', qty: 1, from: 'roof', to: 'sales_floor', reason: 'r', ...by }, 'UNKNOWN_LOCATION'],
    [{ sku: 'SKU-OIL', qty: 4, from: 'sales_floor', to: 'customer', reason: 'sale', ...by }, 'INSUFFICIENT_STOCK'],
    [{ sku: 'SKU-OIL', qty: 1, from: 'back_room', to: 'sales_floor', reason: 'r', ...by }, 'INSUFFICIENT_STOCK'],
    [{ sku: 'SKU-OIL', qty: 1, from: 'sales_floor', to: 'sales_floor', reason: 'r', ...by }, 'VALIDATION'],
  ];
  for (const [request, code] of refusals) {
    assert.throws(
      () => movements.append(request),
      (error: unknown) => error instanceof StoreError && error.code === code,
      `${JSON.stringify(request)} should be refused as ${code}`,
    );
  }
  assert.deepEqual(ledgerFootprint(core), before);
  core.close();
});

test('every movement writes exactly one outbox event, in sequence', async () => {
  const core = await openSmallStore();
  const { movements, db } = core.services;
  for (let i = 0; i < 25; i++) {
    movements.append({ sku: 'SKU-SOAP', qty: 1 + i, from: 'supplier', to: 'back_room', reason: 'receipt', ...by });
  }
  const events = db.prepare('SELECT seq, type, payload FROM outbox ORDER BY seq').all() as {
    seq: number;
    type: string;
    payload: string;
  }[];
  assert.equal(events.length, 25);
  events.forEach((event, i) => {
    assert.equal(event.seq, i + 1);
    assert.equal(event.type, 'stock.movement');
    const payload = JSON.parse(event.payload) as { seq: number; qty: number; sku: string };
    assert.deepEqual([payload.seq, payload.qty, payload.sku], [i + 1, i + 1, 'SKU-SOAP']);
  });
  core.close();
});

test('movements are append-only: the database itself refuses edits and deletes', async () => {
  const core = await openSmallStore();
  const { movements, db } = core.services;
  movements.append({ sku: 'SKU-SOAP', qty: 2, from: 'supplier', to: 'back_room', reason: 'receipt', ...by });
  assert.throws(() => db.prepare('UPDATE movements SET qty = 99').run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM movements').run(), /append-only/);
  core.close();
});

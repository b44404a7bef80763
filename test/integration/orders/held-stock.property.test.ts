import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { StoreError } from '../../../main/kernel/errors';
import { checkLedger } from '../../../main/stock/stock-levels';
import { holdingStatuses } from '../../../main/orders/order-states';
import { openSmallStore, smallCatalog } from '../../helpers/small-store';
import { cancelFromHq, clerk, receiveOrder, stockUp } from '../../helpers/order-fixtures';

const skus = smallCatalog.map((p) => p.sku);
const orderIds = ['A', 'B', 'C', 'D'];

const step = fc.oneof(
  fc.record({ kind: fc.constant('receive' as const), order: fc.constantFrom(...orderIds), lines: fc.array(fc.record({ sku: fc.constantFrom(...skus), qty: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constantFrom('accept' as const, 'ready' as const, 'cancel' as const, 'hq-cancel' as const, 'handover' as const), order: fc.constantFrom(...orderIds) }),
  fc.record({ kind: fc.constant('pick' as const), order: fc.constantFrom(...orderIds), sku: fc.constantFrom(...skus) }),
  fc.record({ kind: fc.constant('short' as const), order: fc.constantFrom(...orderIds), line: fc.constantFrom('L0', 'L1', 'L2'), qty: fc.integer({ min: 1, max: 3 }) }),
);

test('for any sequence of order events, held stock equals the sum of open reservations', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), async (steps) => {
      const core = await openSmallStore();
      const { orders, db } = core.services;
      db.pragma('synchronous = OFF'); // arithmetic, not durability, is under test here
      stockUp(core);
      let hqVersion = 10;
      try {
        for (const s of steps) {
          try {
            if (s.kind === 'receive') {
              const exists = db.prepare('SELECT 1 FROM pickup_orders WHERE order_id = ?').get(s.order);
              receiveOrder(core, s.order, s.lines.map((l, i) => ({ lineId: `L${i}`, ...l })), hqVersion++, exists ? 'order.changed' : 'order.new');
            } else if (s.kind === 'accept') orders.accept(s.order, clerk);
            else if (s.kind === 'ready') orders.ready(s.order, clerk);
            else if (s.kind === 'cancel') orders.cancel(s.order, 'test', clerk);
            else if (s.kind === 'hq-cancel') cancelFromHq(core, s.order, hqVersion++);
            else if (s.kind === 'handover') orders.handover(s.order, { verificationCode: '4821' }, clerk);
            else if (s.kind === 'pick') orders.pick(s.order, smallCatalog.find((p) => p.sku === s.sku)!.gtin13, clerk);
            else if (s.kind === 'short') orders.markShort(s.order, s.line, s.qty, 'test', clerk);
          } catch (error) {
            if (!(error instanceof StoreError)) throw error;
          }
          const held = new Map(
            (db.prepare(`SELECT l.sku, SUM(l.held) AS held FROM order_lines l JOIN pickup_orders o USING (order_id)
                          WHERE o.status IN (${holdingStatuses.map(() => '?').join(',')}) GROUP BY l.sku`).all(...holdingStatuses) as { sku: string; held: number }[])
              .filter((r) => r.held !== 0)
              .map((r) => [r.sku, r.held]),
          );
          const hold = new Map(
            (db.prepare("SELECT sku, qty FROM stock_levels WHERE location = 'pickup_hold' AND qty <> 0").all() as { sku: string; qty: number }[]).map((r) => [r.sku, r.qty]),
          );
          assert.deepEqual(hold, held, `after ${JSON.stringify(s)}`);
          const strays = db.prepare(`SELECT COUNT(*) FROM order_lines l JOIN pickup_orders o USING (order_id) WHERE l.held <> 0 AND o.status NOT IN (${holdingStatuses.map(() => '?').join(',')})`).pluck().get(...holdingStatuses);
          assert.equal(strays, 0, 'a closed order holds nothing');
        }
        assert.equal(checkLedger(db).ok, true);
      } finally {
        core.close();
      }
    }),
    { numRuns: 25 },
  );
});

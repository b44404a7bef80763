import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ShelfAlert } from '../../../main/api/types';
import { createShelfAlerts } from '../../../main/shelves/shelf-alerts';
import { openSmallStore } from '../../helpers/small-store';

// Shelf alerts (issue 15): kept until a person acknowledges each; the same alert again while one is
// open adds nothing; the first acknowledgement stands.

test('a shelf alert stays open until acknowledged once, and a repeat while open adds nothing', async () => {
  const core = await openSmallStore();
  try {
    const alerts = createShelfAlerts(core.services.db, core.services.catalog);
    const shelf = { sensorId: 'shelf-9', sku: 'SKU-OIL', location: 'sales_floor' };
    assert.equal(alerts.raise({ type: 'stock.out', shelf, at: Date.now() }), true);
    assert.equal(alerts.raise({ type: 'stock.out', shelf, at: Date.now() }), false, 'the open one already asks for it');
    assert.equal(alerts.raise({ type: 'count.changed', shelf, units: 0, previous: 3, grams: 0, at: Date.now() }), false, 'a count is no alert');
    assert.equal(alerts.raise({ type: 'sensor.offline', shelf, lastSeenAt: Date.now(), at: Date.now() }), true);
    const open = alerts.list(true);
    assert.deepEqual(open.map((a) => a.kind), ['sensor.offline', 'stock.out']);
    assert.equal(open[1]!.name, core.services.catalog.product('SKU-OIL')!.name);

    const acked: ShelfAlert = alerts.acknowledge(open[1]!.alertId, 'ana');
    assert.equal(acked.acknowledgedBy, 'ana');
    assert.equal(alerts.acknowledge(open[1]!.alertId, 'marta').acknowledgedBy, 'ana', 'the first acknowledgement stands');
    assert.deepEqual(alerts.list(true).map((a) => a.kind), ['sensor.offline']);
    assert.equal(alerts.raise({ type: 'stock.out', shelf, at: Date.now() }), true, 'out again after the acknowledgement is news');
    assert.throws(() => alerts.acknowledge(999, 'ana'), { code: 'UNKNOWN_ALERT' });
  } finally {
    await core.close();
  }
});

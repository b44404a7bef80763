// The KPIs read what the rooms themselves write: an approved count keeps each line's figures as
// they were at approval, and a real shelf sensor's level changes are kept as out-of-stock time.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openVirtualMqttShelf } from '../../../drivers/shelf/virtual-shelf';
import type { CountInfo, KpiReport } from '../../../main/api/types';
import { startMosquitto } from '../../helpers/mosquitto';
import { stockUp } from '../../helpers/order-fixtures';
import { caller, openSmallStore, staffPins, value } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

const today = () => new Date().toISOString().slice(0, 10);

test('an approved count counts toward inventory accuracy with the variance it was approved with, whatever sells after', async () => {
  const core = await openSmallStore();
  try {
    const call = caller(core);
    stockUp(core); // 10 of each on the floor
    value(await call('session.signIn', { staffId: 'marta', pin: staffPins.marta }));
    const { countId } = value<CountInfo>(await call('counts.create', { by: 'skus', location: 'sales_floor', skus: ['SKU-OIL', 'SKU-RICE'] }));
    // Oil: 9 of 10 (within: 1 unit). Rice: 4 of 10 (out: 6 units and 60 %).
    value(await call('counts.scan', { countId, code: '08412345000010', qty: 9 }));
    value(await call('counts.scan', { countId, code: '08412345000027', qty: 4 }));
    value(await call('counts.submit', { countId }));
    await call('session.signIn', { staffId: 'pablo', pin: staffPins.pablo });
    value(await call('counts.scan', { countId, code: '08412345000027', qty: 4 }));
    value(await call('counts.submit', { countId }));
    await call('session.signIn', { staffId: 'marta', pin: staffPins.marta });
    value(await call('counts.approve', { countId, reasonCode: 'unexplained' }));
    // Sales after approval change the ledger, not the count's result.
    core.services.movements.append({ sku: 'SKU-OIL', qty: 5, from: 'sales_floor', to: 'customer', reason: 'till-sale', staff: 'till', station: 'till-1' });

    const report = value<KpiReport>(await call('kpis.report', { from: today(), to: today() }));
    assert.deepEqual(report.inventoryAccuracy, { numerator: 1, denominator: 2, share: 0.5 });
    // The count wrote off 1 oil and 6 rice as unexplained, over the 5 sold.
    assert.deepEqual(report.shrink, { numerator: 7, denominator: 5, share: 7 / 5 });
  } finally {
    await core.close();
  }
});

test('a monitored shelf that empties and is refilled (real Mosquitto, virtual sensor) leaves its out-of-stock time in the history', async () => {
  const broker = await startMosquitto();
  const core = await openSmallStore(join(tempDir(), 'ledger.sqlite'), { shelves: { mqttUrl: broker.url } });
  const shelf = await openVirtualMqttShelf(broker.url, { sensorId: 'oil-1', intervalMs: 40 });
  try {
    const call = caller(core);
    stockUp(core);
    value(await call('session.signIn', { staffId: 'marta', pin: staffPins.marta }));
    value(await call('shelves.configure', { shelves: [{ sensorId: 'oil-1', sku: 'SKU-OIL', location: 'sales_floor', unitWeightGrams: 100, tareGrams: 0, lowThreshold: 1, toleranceUnits: 1 }] }));
    const levelOf = () => core.services.shelves.list()[0]?.level ?? null;
    await shelf.setWeight(1000);
    await waitUntil(levelOf, (level) => level === 'ok', { what: 'the shelf full', timeoutMs: 10_000 });
    await shelf.setWeight(0);
    await waitUntil(levelOf, (level) => level === 'out', { what: 'the shelf empty', timeoutMs: 10_000 });
    await shelf.setWeight(500);
    await waitUntil(levelOf, (level) => level === 'ok', { what: 'the shelf refilled', timeoutMs: 10_000 });

    const history = core.services.db.prepare("SELECT level, at FROM shelf_level_history WHERE sensor_id = 'oil-1' ORDER BY id").all() as { level: string; at: string }[];
    assert.deepEqual(history.map((h) => h.level), ['out', 'ok'], 'the first reading sets no level; empty, then refilled');
    const report = value<KpiReport>(await call('kpis.report', { from: today(), to: today() }));
    const oil = report.outOfStockHours.find((s) => s.sensorId === 'oil-1');
    assert.deepEqual([oil?.sku, oil?.location], ['SKU-OIL', 'sales_floor']);
    // Milliseconds out, to the hundredth of an hour: the row is there with what the history measures.
    const outMs = Date.parse(history[1]!.at) - Date.parse(history[0]!.at);
    assert.equal(oil?.hours, Math.round((outMs / 3_600_000) * 100) / 100);
  } finally {
    await shelf.close();
    await core.close();
    await broker.dispose();
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OrderInfo, PrinterInfo, PrintJobInfo, ShelfInfo } from '../../../main/api/types';
import { demoSku, demoStartingStock } from '../../../main/demo/demo-catalog';
import { startStoreRuntime } from '../../../main/store-runtime';
import { openVirtualMqttShelf } from '../../../drivers/shelf/virtual-shelf';
import { value } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

type Jobs = { pending: PrintJobInfo[]; recent: PrintJobInfo[] };

test('the demo store prints to its virtual printer: a ready order’s slip comes out, paper out holds a job with its reason', async () => {
  const runtime = await startStoreRuntime({ userDataDir: tempDir(), env: { MOSTRADOR_STATION: 'demo-print', MOSTRADOR_DEMO_ORDER_EVERY_MS: '600000', MOSTRADOR_DEMO_TILL_EVERY_MS: '0' }, log: () => {} });
  const call = runtime.core.api.call;
  try {
    await call({ name: 'session.signIn', input: { staffId: 'pablo', pin: '2222' } });
    const printers = await waitUntil(async () => value<PrinterInfo[]>(await call({ name: 'printing.printers', input: {} })), (p) => p[0]?.status === 'online', { what: 'virtual printer online' });
    assert.equal(printers[0]!.simulated, true);

    // An order for a product the demo store has in stock (random demo orders may ask for more than there is).
    let stocked = 1;
    while (demoStartingStock(stocked).backRoom + demoStartingStock(stocked).salesFloor < 2) stocked++;
    await waitUntil(() => runtime.sync?.link.status().state, (s) => s === 'online', { what: 'the embedded HQ link' });
    runtime.demoHq!.routeOrder(runtime.core.config.store, {
      orderId: 'W-PRINT-1',
      version: 1,
      customer: { name: 'Lucía Fernández' },
      verification: { code: '4821' },
      promisedAt: new Date(Date.now() + 3600_000).toISOString(),
      lines: [{ lineId: 'L1', sku: demoSku(stocked), qty: 2 }],
    });
    const order = await waitUntil(
      async () => value<OrderInfo[]>(await call({ name: 'orders.queue', input: {} })).find((o) => o.orderId === 'W-PRINT-1'),
      (o) => o !== undefined,
      { what: 'the routed order' },
    );
    value(await call({ name: 'orders.accept', input: { orderId: order!.orderId } }));
    for (const line of order!.lines) for (let i = 0; i < line.qty; i++) value(await call({ name: 'orders.pick', input: { orderId: order!.orderId, code: line.sku } }));
    value(await call({ name: 'orders.ready', input: { orderId: order!.orderId } }));

    const slip = await waitUntil(
      async () => value<{ receipts: string[] }>(await call({ name: 'dev.printerPreview', input: {} })).receipts.find((r) => r.includes(order!.orderId)),
      (r) => r !== undefined,
      { what: 'the pickup slip on the virtual printer' },
    );
    assert.match(slip!, /\[QR MOSTRADOR:ORDER:/i);
    const done = await waitUntil(async () => value<Jobs>(await call({ name: 'printing.jobs', input: {} })), (j) => j.recent.some((r) => r.kind === 'pickup-slip'), { what: 'slip job done' });
    assert.equal(done.pending.length, 0);

    value(await call({ name: 'dev.setPrinter', input: { paperOut: true } }));
    const { jobId } = value<{ jobId: number }>(await call({ name: 'printing.testPage', input: { printer: 'counter' } }));
    const waiting = await waitUntil(
      async () => value<Jobs>(await call({ name: 'printing.jobs', input: {} })).pending.find((j) => j.id === jobId),
      (j) => j?.waitingReason === 'paper-out',
      { what: 'test page waiting for paper' },
    );
    assert.equal(waiting!.state, 'queued');
    value(await call({ name: 'dev.setPrinter', input: { paperOut: false } }));
    await waitUntil(async () => value<Jobs>(await call({ name: 'printing.jobs', input: {} })).recent.some((j) => j.id === jobId), Boolean, { what: 'test page printed' });
    const preview = value<{ receipts: string[] }>(await call({ name: 'dev.printerPreview', input: {} }));
    assert.equal(preview.receipts.filter((r) => r.includes('PRUEBA')).length, 1, 'printed exactly once');
  } finally {
    await runtime.stop();
  }
});

test('the demo shelves report over MQTT: emptying one raises out-of-stock and records a shelf alert for HQ', async () => {
  const runtime = await startStoreRuntime({ userDataDir: tempDir(), env: { MOSTRADOR_STATION: 'demo-shelf', MOSTRADOR_DEMO_ORDER_EVERY_MS: '600000', MOSTRADOR_DEMO_TILL_EVERY_MS: '0' }, log: () => {} });
  const call = runtime.core.api.call;
  try {
    await call({ name: 'session.signIn', input: { staffId: 'ana', pin: '1111' } });
    const shelves = await waitUntil(async () => value<ShelfInfo[]>(await call({ name: 'shelves.list', input: {} })), (s) => s.length === 3 && s.every((x) => x.sensor === 'online' && x.units !== null), { what: 'three shelves online' });
    const first = shelves[0]!;
    value(await call({ name: 'dev.setShelfWeight', input: { sensorId: first.sensorId, grams: 0 } }));
    await waitUntil(async () => value<ShelfInfo[]>(await call({ name: 'shelves.list', input: {} })).find((s) => s.sensorId === first.sensorId)?.level, (l) => l === 'out', { what: 'shelf out' });
    const alerts = runtime.core.services.db.prepare("SELECT payload FROM outbox WHERE type = 'shelf.alert'").pluck().all() as string[];
    assert.ok(alerts.map((a) => JSON.parse(a) as { alert: string; sensorId: string }).some((a) => a.alert === 'stock.out' && a.sensorId === first.sensorId));
    const refused = await call({ name: 'dev.setShelfWeight', input: { sensorId: 'nope', grams: 1 } });
    assert.equal(refused.ok, false);
  } finally {
    await runtime.stop();
  }
});

test('a manager maps a new shelf sensor: the monitor restarts with it and counts its units; bad mappings are refused', async () => {
  const runtime = await startStoreRuntime({ userDataDir: tempDir(), env: { MOSTRADOR_STATION: 'demo-map', MOSTRADOR_DEMO_ORDER_EVERY_MS: '600000', MOSTRADOR_DEMO_TILL_EVERY_MS: '0' }, log: () => {} });
  const call = runtime.core.api.call;
  let sensor: Awaited<ReturnType<typeof openVirtualMqttShelf>> | null = null;
  try {
    const url = await waitUntil(() => runtime.sync?.link.status().broker, Boolean, { what: 'the embedded broker' });
    const shelf = { sensorId: 'aisle-9', sku: demoSku(9), location: 'sales_floor', unitWeightGrams: 500, tareGrams: 100, lowThreshold: 2, toleranceUnits: 1 };
    value(await call({ name: 'session.signIn', input: { staffId: 'ana', pin: '1111' } }));
    const forbidden = await call({ name: 'shelves.configure', input: { shelves: [shelf] } });
    assert.equal(forbidden.ok ? null : forbidden.error.code, 'FORBIDDEN');
    value(await call({ name: 'session.signIn', input: { staffId: 'marta', pin: '3333' } }));
    const unknown = await call({ name: 'shelves.configure', input: { shelves: [{ ...shelf, sku: 'NOPE' }] } });
    assert.equal(unknown.ok ? null : unknown.error.code, 'UNKNOWN_SKU');
    const twice = await call({ name: 'shelves.configure', input: { shelves: [shelf, { ...shelf, sku: demoSku(10) }] } });
    assert.equal(twice.ok ? null : twice.error.code, 'VALIDATION');

    value(await call({ name: 'shelves.configure', input: { shelves: [shelf] } }));
    assert.deepEqual(value<{ sensorId: string }[]>(await call({ name: 'shelves.mapping', input: {} })).map((s) => s.sensorId), ['aisle-9']);
    sensor = await openVirtualMqttShelf(String(url), { sensorId: 'aisle-9', intervalMs: 200 });
    await sensor.setWeight(100 + 3 * 500);
    const listed = await waitUntil(
      async () => value<ShelfInfo[]>(await call({ name: 'shelves.list', input: {} })).find((s) => s.sensorId === 'aisle-9'),
      (s) => s?.units === 3,
      { what: 'three units counted on the new shelf' },
    );
    assert.equal(listed!.sensor, 'online');
  } finally {
    await sensor?.close();
    await runtime.stop();
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { MqttShelfSensors } from '../../../drivers/shelf/mqtt-shelf';
import { openVirtualMqttShelf } from '../../../drivers/shelf/virtual-shelf';
import type { ShelfEvent } from '../../../main/shelves/shelf-events';
import { createShelfMonitor } from '../../../main/shelves/shelf-monitor';
import { startMosquitto } from '../../helpers/mosquitto';
import { waitUntil } from '../../helpers/wait-until';

// Hand soap, 300 ml bottles of 335 g, no tray; low at 4. This sensor has no motion flag.
const soap = { sensorId: 'soap-2', sku: 'SKU-SOAP', location: 'sales_floor', unitWeightGrams: 335, tareGrams: 0, lowThreshold: 4, toleranceUnits: 1 };

test('MQTT shelf on a real Mosquitto: counts, out of stock, commands, bad payloads counted, silence and return', async () => {
  const broker = await startMosquitto();
  const logs: Record<string, unknown>[] = [];
  const sensors = new MqttShelfSensors({ url: broker.url, log: (e) => logs.push(e) });
  const monitor = createShelfMonitor({
    shelves: [soap],
    ledgerQty: () => 8,
    silentAfterMs: 400,
    discrepancyAfterMs: 0,
    // Without a motion flag the console judges: 4 samples within 1 s, σ ≤ 3 g.
    stability: { trustMotionFlag: true, minSamples: 4, windowMs: 1000, maxStdDevGrams: 3 },
  });
  const events: ShelfEvent[] = [];
  monitor.onAny((e) => events.push(e));
  sensors.on('data', (r) => monitor.accept(r));
  await sensors.open();
  const stopTicking = monitor.startTicking(25);
  const shelf = await openVirtualMqttShelf(broker.url, { sensorId: 'soap-2', intervalMs: 40, motionFlag: false });
  const raw = await mqtt.connectAsync(broker.url, { protocolVersion: 4 });
  const counts = () => events.flatMap((e) => (e.type === 'count.changed' ? [e.units] : []));
  try {
    await shelf.setWeight(8 * 335);
    await waitUntil(counts, (c) => c.includes(8), { what: 'eight bottles' });
    assert.ok(!events.some((e) => e.type === 'stock.discrepancy'));

    await shelf.setWeight(0);
    await waitUntil(() => events.map((e) => e.type), (t) => t.includes('stock.out'), { what: 'out of stock' });
    assert.deepEqual(counts(), [8, 0], 'the window waits for the new weight to settle: no count in between');
    assert.ok(events.some((e) => e.type === 'stock.discrepancy'));

    await raw.publishAsync('shelf/soap-2/weight', 'not json');
    await raw.publishAsync('shelf/soap-2/weight', JSON.stringify({ grams: 'lots' }));
    await raw.publishAsync('shelf/soap-2/weight', JSON.stringify({ grams: 670, at: Date.now() - 3_600_000 }));
    await raw.publishAsync('shelf/soap-2/oops', JSON.stringify({ grams: 670 }));
    await waitUntil(() => sensors.stats().rejected, (r) => r['bad-json'] === 1 && r['bad-payload'] === 1 && r.stale === 1, { what: 'three refused' });
    assert.equal(logs.filter((l) => l.msg === 'shelf message refused').length, 3, 'the unsubscribed topic never arrives');
    assert.equal(sensors.status, 'online');

    await shelf.setWeight(500); // tray put on
    await sensors.command('soap-2', 'tare');
    await waitUntil(() => shelf.commands, (c) => c.includes('tare'), { what: 'tare obeyed' });
    await shelf.setWeight(500 + 6 * 335);
    await waitUntil(counts, (c) => c.at(-1) === 6, { what: 'six after tare' });
    assert.ok(events.some((e) => e.type === 'stock.replenished'));

    shelf.setSilent(true);
    await waitUntil(() => events.map((e) => e.type), (t) => t.includes('sensor.offline'), { what: 'offline', timeoutMs: 3000 });
    shelf.setSilent(false);
    await shelf.heartbeat();
    await waitUntil(() => events.filter((e) => e.type === 'sensor.online').length, (n) => n === 2, { what: 'online again' });
  } finally {
    stopTicking();
    await raw.endAsync();
    await shelf.close();
    await sensors.close();
    await broker.dispose();
  }
});

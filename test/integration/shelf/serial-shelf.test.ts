import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ShelfReading } from '../../../drivers/shelf/shelf-reading';
import { SerialShelfLine } from '../../../drivers/shelf/serial-shelf';
import { defaultStability } from '../../../drivers/shelf/stable-weight';
import { openVirtualSerialShelf } from '../../../drivers/shelf/virtual-shelf';
import type { ShelfEvent } from '../../../main/shelves/shelf-events';
import { createShelfMonitor } from '../../../main/shelves/shelf-monitor';
import { openPtyPair } from '../../helpers/pty-pair';
import { waitUntil } from '../../helpers/wait-until';

// Rice, 1 kg bags (1010 g with the bag) on a 250 g tray; low at 2.
const rice = { sensorId: 'rice-1', sku: 'SKU-RICE', location: 'sales_floor', unitWeightGrams: 1010, tareGrams: 250, lowThreshold: 2, toleranceUnits: 1 };

test('a virtual shelf on a real pty: weights become counts and a low-stock alert; garbage is refused and logged', async () => {
  const pty = await openPtyPair();
  const logs: Record<string, unknown>[] = [];
  const line = new SerialShelfLine({ path: pty.a, device: 'aisle-3', log: (e) => logs.push(e) });
  const monitor = createShelfMonitor({ shelves: [rice], ledgerQty: () => 6, silentAfterMs: 60_000, discrepancyAfterMs: 0 });
  const events: ShelfEvent[] = [];
  monitor.onAny((e) => events.push(e));
  line.on('data', (reading) => monitor.accept(reading));
  // Registered after the monitor: a reading seen here has already been through it.
  const weights: ShelfReading[] = [];
  line.on('data', (reading) => reading.kind === 'weight' && weights.push(reading));
  await line.open();
  const shelf = await openVirtualSerialShelf(pty.b, { sensorId: 'rice-1', intervalMs: 50, checksum: true });
  const counts = () => events.flatMap((e) => (e.type === 'count.changed' ? [e.units] : []));
  try {
    await shelf.setWeight(250 + 6 * 1010);
    await waitUntil(counts, (c) => c.includes(6), { what: 'six bags counted' });

    await shelf.setMotion(true); // a hand on the shelf
    await shelf.setWeight(250 + 2 * 1010 + 700);
    // As many in-motion readings as would settle a weight without the flag (defaultStability.minSamples).
    const inMotion = () => weights.filter((r) => r.kind === 'weight' && r.grams === 250 + 2 * 1010 + 700 && r.stable === false).length;
    await waitUntil(inMotion, (n) => n >= defaultStability.minSamples, { what: 'the new weight, in motion, reached the monitor' });
    assert.deepEqual(counts(), [6], 'nothing is counted while the sensor says motion');
    await shelf.setWeight(250 + 2 * 1010);
    await shelf.setMotion(false);
    await waitUntil(() => events.map((e) => e.type), (t) => t.includes('stock.low'), { what: 'low stock' });
    assert.deepEqual(counts(), [6, 2]);
    assert.equal(events.filter((e) => e.type === 'stock.low').length, 1);
    const discrepancy = events.find((e) => e.type === 'stock.discrepancy');
    assert.ok(discrepancy?.type === 'stock.discrepancy' && discrepancy.sensorUnits === 2 && discrepancy.ledgerUnits === 6);

    await shelf.writeRaw('W,rice-1,12\u0000\u0007oops\r\nW,rice-1,1520,S*00\r\n');
    await waitUntil(() => line.rejected, (n) => n === 2, { what: 'two refused lines' });
    assert.deepEqual(
      logs.filter((l) => l.msg === 'shelf line refused').map((l) => l.reason),
      ['garbage', 'bad-checksum'],
    );
    // The shelf's next reading came down the line after the refused ones: they have been dealt with.
    const seen = weights.length;
    await waitUntil(() => weights.length, (n) => n > seen, { what: 'a reading after the refused lines' });
    assert.deepEqual(counts(), [6, 2], 'refused lines changed nothing');
    assert.equal(line.status, 'online');
  } finally {
    await shelf.close();
    await line.close();
    await pty.dispose();
  }
});

test('zero and tare go down the line and the sensor acknowledges them', async () => {
  const pty = await openPtyPair();
  const line = new SerialShelfLine({ path: pty.a, device: 'aisle-4' });
  const readings: ShelfReading[] = [];
  line.on('data', (r) => readings.push(r));
  await line.open();
  const shelf = await openVirtualSerialShelf(pty.b, { sensorId: 'tray-9', intervalMs: 0 });
  try {
    await shelf.setWeight(480); // an empty tray
    await line.command('tray-9', 'tare');
    await waitUntil(() => readings.filter((r) => r.kind === 'ack'), (a) => a.length === 1, { what: 'tare ack' });
    await shelf.setWeight(480 + 1010);
    await waitUntil(
      () => readings.filter((r) => r.kind === 'weight').at(-1),
      (r) => r?.kind === 'weight' && r.grams === 1010,
      { what: 'net weight after tare' },
    );
    assert.deepEqual(shelf.commands, ['tare']);
  } finally {
    await shelf.close();
    await line.close();
    await pty.dispose();
  }
});

test('a sensor that goes silent on the line is reported offline, and online when it speaks again', async () => {
  const pty = await openPtyPair();
  const line = new SerialShelfLine({ path: pty.a, device: 'aisle-5' });
  const monitor = createShelfMonitor({ shelves: [rice], ledgerQty: () => 3, silentAfterMs: 300 });
  const types: string[] = [];
  monitor.onAny((e) => types.push(e.type));
  line.on('data', (r) => monitor.accept(r));
  await line.open();
  const stopTicking = monitor.startTicking(25);
  const shelf = await openVirtualSerialShelf(pty.b, { sensorId: 'rice-1', intervalMs: 50 });
  try {
    await shelf.setWeight(250 + 3 * 1010);
    await waitUntil(() => types, (t) => t.includes('count.changed'), { what: 'first count' });
    shelf.setSilent(true);
    await waitUntil(() => types, (t) => t.includes('sensor.offline'), { what: 'offline', timeoutMs: 3000 });
    shelf.setSilent(false);
    await shelf.heartbeat();
    await waitUntil(() => types.filter((t) => t === 'sensor.online').length, (n) => n === 2, { what: 'back online' });
  } finally {
    stopTicking();
    await shelf.close();
    await line.close();
    await pty.dispose();
  }
});

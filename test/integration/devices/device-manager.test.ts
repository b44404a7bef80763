import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { encodeHidPosReports } from '../../../drivers/scanner/hid-pos-report';
import type { HidDeviceLike } from '../../../drivers/scanner/hid-pos-scanner';
import { openVirtualSerialScanner } from '../../../drivers/scanner/virtual-serial-scanner';
import { openVirtualSerialShelf } from '../../../drivers/shelf/virtual-shelf';
import { openLedger } from '../../../main/kernel/db/open-ledger';
import { deviceIdentity, type DiscoveredDevice } from '../../../main/devices/device-identity';
import { createDeviceManager } from '../../../main/devices/device-manager';
import { createDeviceSettingsStore } from '../../../main/devices/device-settings-store';
import { openPtyPair } from '../../helpers/pty-pair';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

class FakeHid extends EventEmitter implements HidDeviceLike {
  sendFeatureReport(data: number[]) {
    return data.length;
  }
  close() {}
}

test('the device manager claims configured scanners, shows unknown devices, and resumes scanning after an unplug and replug', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'devices-'));
  let pty = await openPtyPair(dir);
  const db = openLedger(join(tempDir(), 'devices.sqlite'));
  const settings = createDeviceSettingsStore(db);
  const serialScanner: DiscoveredDevice = { kind: 'serial', path: pty.a };
  settings.set(deviceIdentity(serialScanner), { role: 'counter-scanner', baudRate: 9600, suffix: 'CR' });
  const hidScanner: DiscoveredDevice = { kind: 'hid', path: '/dev/hidraw7', vendorId: '05e0', productId: '1300', serialNumber: 'S123' };
  settings.set(deviceIdentity(hidScanner), { role: 'backoffice-scanner' });
  const stranger: DiscoveredDevice = { kind: 'serial', path: '/dev/ttyUSB9', vendorId: '0403', productId: '6001', serialNumber: 'FT1' };
  const hid = new FakeHid();

  const manager = createDeviceManager({
    settings,
    listSerial: async () => [stranger],
    listHid: () => [hidScanner],
    openHid: () => hid,
    pollMs: 50,
  });
  const scans: { text: string; identity: string }[] = [];
  manager.onScan((scan, identity) => scans.push({ text: scan.text, identity }));
  await manager.start();
  try {
    const byPath = (path: string) => manager.list().find((d) => d.path === path);
    assert.equal(byPath(stranger.path)?.role, null, 'an unclaimed device is still listed, as unknown');
    assert.equal(byPath(stranger.path)?.status, 'unknown');
    assert.equal(byPath(pty.a)?.status, 'online');
    assert.deepEqual(byPath(pty.a)?.framing, { baudRate: 9600, suffix: 'CR' }, 'the saved framing is listed, for the settings form');
    assert.equal(byPath(hidScanner.path)?.status, 'online');

    for (const report of encodeHidPosReports(']E0', new TextEncoder().encode('8400000000017'))) hid.emit('data', Buffer.from(report));
    let sim = await openVirtualSerialScanner(pty.b);
    await sim.scan('1111');
    await waitUntil(() => scans.length, (n) => n === 2, { what: 'a scan from each scanner' });
    assert.deepEqual(scans.map((s) => s.identity).sort(), [deviceIdentity(hidScanner), deviceIdentity(serialScanner)].sort());
    await sim.close();

    await pty.dispose(); // unplugged
    await waitUntil(() => byPath(pty.a)?.status, (s) => s === 'absent' || s === 'offline', { what: 'seen unplugged' });
    pty = await openPtyPair(dir); // plugged back in
    await waitUntil(() => byPath(pty.a)?.status, (s) => s === 'online', { what: 'reopened by discovery' });
    sim = await openVirtualSerialScanner(pty.b);
    await sim.scan('2222');
    await waitUntil(() => scans.map((s) => s.text), (t) => t.includes('2222'), { what: 'scanning resumed' });
    await sim.close();
  } finally {
    await manager.stop();
    await pty.dispose();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a serial port given the shelf-sensor role is claimed as a line of ASCII shelf sensors, and its readings come out of the manager', async () => {
  const pty = await openPtyPair();
  const db = openLedger(join(tempDir(), 'devices.sqlite'));
  const settings = createDeviceSettingsStore(db);
  const line: DiscoveredDevice = { kind: 'serial', path: pty.a };
  settings.set(deviceIdentity(line), { role: 'shelf-sensor', baudRate: 9600 });
  const manager = createDeviceManager({ settings, listSerial: async () => [], listHid: () => [], openHid: () => new FakeHid(), pollMs: 50 });
  const readings: { sensorId: string; grams?: number }[] = [];
  manager.onShelfReading((reading) => readings.push(reading as { sensorId: string; grams?: number }));
  await manager.start();
  const sensor = await openVirtualSerialShelf(pty.b, { sensorId: 'aisle-7', intervalMs: 0 });
  try {
    assert.equal(manager.list().find((d) => d.path === pty.a)?.status, 'online');
    await sensor.setWeight(1250);
    await waitUntil(() => readings.find((r) => r.sensorId === 'aisle-7' && r.grams === 1250), Boolean, { what: 'the reading through the manager' });
  } finally {
    await sensor.close();
    await manager.stop();
    await pty.dispose();
    db.close();
  }
});

test('a Windows COM port added by hand is listed and tried even though no file names it, and says why it did not open', async () => {
  const db = openLedger(join(tempDir(), 'devices-com.sqlite'));
  const settings = createDeviceSettingsStore(db);
  const com: DiscoveredDevice = { kind: 'serial', path: 'COM7' };
  settings.set(deviceIdentity(com), { role: 'counter-scanner', baudRate: 9600, suffix: 'CR' });
  const manager = createDeviceManager({ settings, listSerial: async () => [], listHid: () => [], openHid: () => new FakeHid(), pollMs: 50 });
  await manager.start();
  try {
    // No COM7 exists on this machine: the port must be listed and its open must fail with a reason.
    const listed = await waitUntil(() => manager.list().find((d) => d.path === 'COM7'), (d) => d?.status === 'offline' && d.lastError !== null, { what: 'COM7 tried and failed' });
    assert.equal(listed?.role, 'counter-scanner');
    assert.ok(listed?.lastError, 'the failed open says why');
  } finally {
    await manager.stop();
    db.close();
  }
});

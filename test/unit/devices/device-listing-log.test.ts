import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openLedger } from '../../../main/kernel/db/open-ledger';
import { createDeviceManager } from '../../../main/devices/device-manager';
import { createDeviceSettingsStore } from '../../../main/devices/device-settings-store';
import { tempDir } from '../../helpers/temp-dir';

test('a device listing that keeps failing (no libusb) is logged once with the fix for IT, and again only after it recovered and failed anew', async () => {
  const db = openLedger(join(tempDir(), 'listing.sqlite'));
  const lines: Record<string, unknown>[] = [];
  let hidFails: string | null = 'cannot open libusb-1.0.so.0';
  const manager = createDeviceManager({
    settings: createDeviceSettingsStore(db),
    listSerial: async () => [],
    listHid: () => {
      if (hidFails !== null) throw new Error(hidFails);
      return [];
    },
    openHid: () => {
      throw new Error('no HID device is opened here');
    },
    log: (entry) => lines.push(entry),
  });
  const failures = () => lines.filter((l) => l.msg === 'device listing failed');
  try {
    // Sixty discovery ticks, driven by hand: a minute of the one-second timer.
    for (let tick = 0; tick < 60; tick++) await manager.discover();
    assert.equal(failures().length, 1, 'one line, not one a second');
    assert.equal(failures()[0]!.listing, 'hid');
    assert.match(String(failures()[0]!.fix), /apt install libusb-1\.0-0/);
    assert.match(String(failures()[0]!.fix), /udev rules/);

    hidFails = 'a different failure';
    for (let tick = 0; tick < 10; tick++) await manager.discover();
    assert.equal(failures().length, 2, 'a new error is worth a new line');

    hidFails = null;
    for (let tick = 0; tick < 10; tick++) await manager.discover();
    assert.equal(lines.filter((l) => l.msg === 'device listing recovered').length, 1);
    hidFails = 'a different failure';
    for (let tick = 0; tick < 10; tick++) await manager.discover();
    assert.equal(failures().length, 3, 'failing again after recovering is logged again, once');
  } finally {
    await manager.stop();
    db.close();
  }
});

test('a serial listing that fails is no longer silent: it is logged once with its fix', async () => {
  const db = openLedger(join(tempDir(), 'listing-serial.sqlite'));
  const lines: Record<string, unknown>[] = [];
  const manager = createDeviceManager({
    settings: createDeviceSettingsStore(db),
    listSerial: () => Promise.reject(new Error('EACCES /dev')),
    listHid: () => [],
    openHid: () => {
      throw new Error('no HID device is opened here');
    },
    log: (entry) => lines.push(entry),
  });
  try {
    for (let tick = 0; tick < 20; tick++) await manager.discover();
    const failed = lines.filter((l) => l.msg === 'device listing failed');
    assert.equal(failed.length, 1);
    assert.equal(failed[0]!.listing, 'serial');
    assert.match(String(failed[0]!.fix), /dialout/);
  } finally {
    await manager.stop();
    db.close();
  }
});

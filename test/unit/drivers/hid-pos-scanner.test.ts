// This kernel has no HID: the scanner is driven through the same device
// interface node-hid implements, fed with recorded HID POS reports.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Scan } from '../../../drivers/barcode/scan';
import { createHidPosDecoder, encodeHidPosReports } from '../../../drivers/scanner/hid-pos-report';
import { HidPosScanner, type HidDeviceLike } from '../../../drivers/scanner/hid-pos-scanner';

class RecordedHidDevice extends EventEmitter implements HidDeviceLike {
  features: (number[] | Buffer)[] = [];
  closed = false;
  sendFeatureReport(data: number[] | Buffer) {
    this.features.push(data);
    return data.length;
  }
  close() {
    this.closed = true;
  }
  play(reports: Uint8Array[]) {
    for (const r of reports) this.emit('data', Buffer.from(r));
  }
}

// A 64-byte input report in the Zebra/Honeywell HID POS layout for EAN-13 8400000000017
// (report id 2, length 13, AIM "]E0", data, zero padding, continuation bit clear).
const recordedEan13 = Buffer.from(
  '020d5d4530383430303030303030303031370000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000'.slice(0, 128),
  'hex',
);

test('a recorded HID POS report decodes to a Scan with its AIM symbology', () => {
  const hid = new RecordedHidDevice();
  const scanner = new HidPosScanner(hid, { device: 'hid-1', enableFeatureReport: [0x04, 0x01] });
  const scans: Scan[] = [];
  scanner.on('data', (s) => scans.push(s));
  scanner.open();
  scanner.enable();
  hid.play([recordedEan13]);
  assert.deepEqual(hid.features, [[0x04, 0x01]], 'vendor HID POS mode was switched on');
  assert.deepEqual(scans.map((s) => [s.text, s.symbology, s.device]), [['8400000000017', 'EAN-13', 'hid-1']]);
  scanner.close();
  assert.ok(hid.closed);
});

test('a long GS1 DataMatrix spans continuation reports and is joined, GS intact', () => {
  const text = '010950110153000317140704' + '10' + 'A'.repeat(70) + '\u001d21SERIAL';
  const reports = encodeHidPosReports(']d2', new TextEncoder().encode(text));
  assert.ok(reports.length > 1);
  const hid = new RecordedHidDevice();
  const scanner = new HidPosScanner(hid, { device: 'hid-2' });
  const scans: Scan[] = [];
  scanner.on('data', (s) => scans.push(s));
  scanner.open();
  scanner.enable();
  hid.play(reports);
  assert.equal(scans.length, 1);
  assert.equal(scans[0]!.text, text);
  assert.equal(scans[0]!.symbology, 'GS1 DataMatrix');
});

test('other reports and bad lengths are ignored, never crash; a device error takes the scanner offline', () => {
  const decoder = createHidPosDecoder();
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
      const event = decoder.push(bytes);
      assert.ok(event === null || event.kind === 'scan' || event.kind === 'ignored');
    }),
  );
  const hid = new RecordedHidDevice();
  const scanner = new HidPosScanner(hid, { device: 'hid-3' });
  const statuses: string[] = [];
  scanner.on('status', (s) => statuses.push(s));
  scanner.open();
  hid.emit('error', new Error('could not read from HID device'));
  assert.deepEqual(statuses, ['online', 'offline']);
});

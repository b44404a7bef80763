import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Scan } from '../../../drivers/barcode/scan';
import { SerialScanner } from '../../../drivers/scanner/serial-scanner';
import { openVirtualSerialScanner } from '../../../drivers/scanner/virtual-serial-scanner';
import { openPtyPair } from '../../helpers/pty-pair';
import { waitUntil } from '../../helpers/wait-until';

test('scans written into a real pty arrive as decoded Scans; garbage is dropped and logged, not delivered', async () => {
  const pty = await openPtyPair();
  const logs: Record<string, unknown>[] = [];
  const scanner = new SerialScanner({ path: pty.a, device: 'counter-scanner', log: (e) => logs.push(e) });
  const scans: Scan[] = [];
  scanner.on('data', (scan) => scans.push(scan));
  await scanner.open();
  scanner.enable();
  const sim = await openVirtualSerialScanner(pty.b);
  try {
    await sim.scan('8400000000017', ']E0');
    await sim.write('12\u0007\u0000garbage\r');
    await sim.scan('0109501101530003\u001d10AB-123', ']C1');
    await waitUntil(() => scans.length, (n) => n === 2, { what: 'two scans' });
    assert.deepEqual(
      scans.map((s) => [s.text, s.symbology, s.device]),
      [
        ['8400000000017', 'EAN-13', 'counter-scanner'],
        ['0109501101530003\u001d10AB-123', 'GS1-128', 'counter-scanner'],
      ],
    );
    assert.ok(logs.some((l) => l.msg === 'scanner frame dropped' && l.reason === 'garbage'));
  } finally {
    await sim.close();
    await scanner.close();
    await pty.dispose();
  }
});

test('unplug and replug: the pty vanishes and comes back, the scanner goes offline and scanning resumes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'replug-'));
  let pty = await openPtyPair(dir);
  const scanner = new SerialScanner({ path: pty.a, device: 'replug', watchMs: 50 });
  const statuses: string[] = [];
  const scans: string[] = [];
  scanner.on('status', (s) => statuses.push(s));
  scanner.on('data', (s) => scans.push(s.text));
  await scanner.open();
  scanner.enable();
  try {
    let sim = await openVirtualSerialScanner(pty.b);
    await sim.scan('1111');
    await waitUntil(() => scans, (s) => s.includes('1111'), { what: 'first scan' });
    await sim.close();

    await pty.dispose(); // the cable is pulled
    await waitUntil(() => scanner.status, (s) => s === 'offline', { what: 'offline after unplug' });

    pty = await openPtyPair(dir); // plugged back: same paths
    await waitUntil(
      async () => {
        if (scanner.status === 'offline') await scanner.open().catch(() => {}); // what the device manager does on rediscovery
        return scanner.status;
      },
      (s) => s === 'online',
      { what: 'reopened' },
    );
    scanner.enable();
    sim = await openVirtualSerialScanner(pty.b);
    await sim.scan('2222');
    await waitUntil(() => scans, (s) => s.includes('2222'), { what: 'scan after replug' });
    await sim.close();
    assert.deepEqual(statuses, ['online', 'offline', 'online']);
  } finally {
    await scanner.close();
    await pty.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

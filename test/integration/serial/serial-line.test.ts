import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SerialLine } from '../../../drivers/serial/serial-line';
import { openPtyPair } from '../../helpers/pty-pair';
import { waitUntil } from '../../helpers/wait-until';

const text = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString('latin1');

test('a serial line over a real pty carries bytes both ways, and closing it reports no loss and frees the port', async (t) => {
  // The lines' watches run on mocked intervals: the test ticks them past the watch period itself.
  t.mock.timers.enable({ apis: ['setInterval'] });
  const pty = await openPtyPair();
  const consoleEnd = await SerialLine.open({ path: pty.a, baudRate: 19200, parity: 'even', dataBits: 7, stopBits: 2 });
  const deviceEnd = await SerialLine.open({ path: pty.b, baudRate: 19200 });
  const atConsole: Uint8Array[] = [];
  const atDevice: Uint8Array[] = [];
  const lost: string[] = [];
  consoleEnd.on('data', (bytes) => atConsole.push(bytes));
  consoleEnd.on('lost', (reason) => lost.push(reason));
  deviceEnd.on('data', (bytes) => atDevice.push(bytes));
  try {
    await deviceEnd.write(Uint8Array.from([0x57, 0x2c, 0x00, 0xff, 0x0d, 0x0a]));
    await waitUntil(() => text(atConsole), (t) => t.length === 6, { what: 'six bytes at the console' });
    assert.deepEqual([...Buffer.concat(atConsole)], [0x57, 0x2c, 0x00, 0xff, 0x0d, 0x0a], 'bytes arrive as sent, none translated');

    await consoleEnd.write('T,tray-9\r\n');
    await waitUntil(() => text(atDevice), (t) => t === 'T,tray-9\r\n', { what: 'command at the device' });

    await consoleEnd.close();
    assert.equal(consoleEnd.isOpen, false);
    await assert.rejects(consoleEnd.write('late'), /is not open/);
    const again = await SerialLine.open({ path: pty.a }); // the exclusive lock went with the close
    const againLost: string[] = [];
    again.on('lost', (reason) => againLost.push(reason));
    try {
      // The port vanishes and every watch runs twice over: the open line reports it, the closed one nothing.
      await pty.dispose();
      t.mock.timers.tick(2 * 250);
      await waitUntil(() => againLost, (l) => l.length === 1, { what: 'the open line reports the loss' });
      assert.deepEqual(lost, []);
    } finally {
      await again.close();
    }
  } finally {
    await consoleEnd.close();
    await deviceEnd.close();
    await pty.dispose();
  }
});

test('while one line holds the port, a second open is refused', async () => {
  const pty = await openPtyPair();
  const first = await SerialLine.open({ path: pty.a });
  try {
    await assert.rejects(SerialLine.open({ path: pty.a }));
    assert.equal(first.isOpen, true);
  } finally {
    await first.close();
    await pty.dispose();
  }
});

test('pulling the cable: the pty vanishes, the line reports one loss on its own and releases the port', async (t) => {
  // The watch runs on a mocked interval, ticked here, so "once" is checked over many watch periods.
  t.mock.timers.enable({ apis: ['setInterval'] });
  const pty = await openPtyPair();
  const line = await SerialLine.open({ path: pty.a, watchMs: 50 });
  const lost: string[] = [];
  line.on('lost', (reason) => lost.push(reason));
  try {
    await pty.dispose(); // nothing is written: serialport may or may not notice, the watch always does
    t.mock.timers.tick(50);
    await waitUntil(() => lost, (l) => l.length > 0, { what: 'loss reported', timeoutMs: 2000 });
    assert.equal(line.isOpen, false);
    await assert.rejects(line.write('after'), /is not open/);
    // Ten more watch periods: a watch left running would report the vanished path again, at once.
    t.mock.timers.tick(10 * 50);
    assert.equal(lost.length, 1, 'one loss, however many ways the port reports it');
  } finally {
    await line.close();
  }
});

test('a device path that vanishes while the port itself stays quiet is a loss (a udev link removed on unplug)', async () => {
  const pty = await openPtyPair();
  const dir = mkdtempSync(join(tmpdir(), 'serial-link-'));
  const link = join(dir, 'ttyUSB-scanner');
  symlinkSync(pty.a, link);
  const line = await SerialLine.open({ path: link, watchMs: 50 });
  const lost: string[] = [];
  line.on('lost', (reason) => lost.push(reason));
  try {
    unlinkSync(link);
    await waitUntil(() => lost, (l) => l.length === 1, { what: 'loss reported', timeoutMs: 2000 });
    assert.equal(lost[0], `${link} disappeared (unplugged?)`);
    assert.equal(line.isOpen, false);
  } finally {
    await line.close();
    await pty.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failing write is a loss too', async () => {
  const pty = await openPtyPair();
  const line = await SerialLine.open({ path: pty.a, watchMs: 60_000 }); // the watch is too slow to see it first
  const lost: string[] = [];
  line.on('lost', (reason) => lost.push(reason));
  try {
    await pty.dispose();
    await assert.rejects(line.write('into the void'));
    await waitUntil(() => lost, (l) => l.length === 1, { what: 'loss reported', timeoutMs: 2000 });
    assert.equal(line.isOpen, false);
  } finally {
    await line.close();
  }
});

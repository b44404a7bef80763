import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openSerialTransport } from '../../../drivers/printer/transports/serial-transport';
import { openPtyPair } from '../../helpers/pty-pair';
import { waitUntil } from '../../helpers/wait-until';

async function printerOnPty() {
  const pty = await openPtyPair(undefined, ['printer', 'virtual-printer']);
  const transport = await openSerialTransport({ path: pty.a });
  const closeReasons: string[] = [];
  transport.onClose((reason) => closeReasons.push(reason));
  return { pty, transport, closeReasons };
}

test('an unplugged serial printer is reported closed once, without waiting for the next print', async () => {
  const { pty, transport, closeReasons } = await printerOnPty();
  try {
    await pty.dispose();
    await waitUntil(() => closeReasons.length, (n) => n === 1, { what: 'close reported', timeoutMs: 2000 });
    await transport.close();
    assert.equal(closeReasons.length, 1, 'our own close after the loss is not a second end');
  } finally {
    await transport.close();
  }
});

test('closing a serial printer ourselves is reported to onClose too, as the transport contract says', async () => {
  const { pty, transport, closeReasons } = await printerOnPty();
  try {
    await transport.close();
    assert.deepEqual(closeReasons, ['port closed']);
  } finally {
    await pty.dispose();
  }
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EscposPrinter } from '../../../drivers/printer/escpos-printer';
import { printerProfiles } from '../../../drivers/printer/printer-profile';
import { pickupSlip } from '../../../drivers/printer/receipt-layouts';
import { openSerialTransport } from '../../../drivers/printer/transports/serial-transport';
import { openVirtualSerialPrinter, renderPreview } from '../../../drivers/printer/virtual-printer';
import { openPtyPair } from '../../helpers/pty-pair';
import { waitUntil } from '../../helpers/wait-until';

test('a serial printer over a real pty pair: status round trip, a pickup slip printed and confirmed, paper out seen', async () => {
  const pty = await openPtyPair(undefined, ['printer', 'virtual-printer']);
  const sim = await openVirtualSerialPrinter(pty.b);
  const printer = new EscposPrinter({ name: 'bag-labels', statusTimeoutMs: 1000, connect: () => openSerialTransport({ path: pty.a }) });
  try {
    const before = await printer.status();
    assert.ok(before !== 'unsupported' && before.online && !before.paperOut);

    const { printed } = await printer.print(pickupSlip(printerProfiles['pos-5890'], { orderId: 'WEB-7', customerName: 'Lucía Núñez', bag: 1, bags: 2 }));
    await printed;
    const slip = renderPreview(sim.core.receipts[0]!);
    assert.match(slip, /WEB-7/);
    assert.match(slip, /Lucía Núñez/);
    assert.match(slip, /\[QR MOSTRADOR:ORDER:WEB-7\]/);

    sim.core.setPaperOut(true);
    const after = await printer.status();
    assert.ok(after !== 'unsupported' && after.paperOut && after.offline);
    await waitUntil(() => sim.core.receipts.length, (n) => n === 1, { what: 'one slip' });
  } finally {
    await printer.close();
    await sim.close();
    await pty.dispose();
  }
});

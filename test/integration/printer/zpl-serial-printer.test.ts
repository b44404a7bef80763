import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openVirtualZplSerialPrinter } from '../../../drivers/label/virtual-zpl-printer';
import { caller, openSmallStore, staffPins, value } from '../../helpers/small-store';
import { openPtyPair } from '../../helpers/pty-pair';
import { waitUntil } from '../../helpers/wait-until';

test('a ZPL label printer on a serial line (USB virtual COM) prints the queue, and its test page is a label', async () => {
  const pty = await openPtyPair();
  const zebra = await openVirtualZplSerialPrinter(pty.b);
  const core = await openSmallStore(undefined, { printing: true });
  try {
    await core.services.printing.configure('label', { connection: { type: 'serial', path: pty.a, baudRate: 9600 }, profile: 'zpl-203dpi' });
    const call = caller(core);
    value(await call('session.signIn', { staffId: 'ana', pin: staffPins.ana }));
    core.services.labels.queue({ sku: 'SKU-SOAP', priceCents: 299, previousCents: 499, effectiveAt: new Date().toISOString(), endsAt: null, promotionId: null, reference: { lowest30dCents: null, source: 'unknown' } });
    value(await call('labels.print', { printer: 'label' }));
    await waitUntil(() => zebra.core.labels.length, (n) => n === 1, { what: 'the label over the serial line' });
    assert.match(zebra.core.previews()[0]!, /^Jabón de manos\n2,99 €\nAntes: 4,99 €/);
    assert.ok(zebra.core.previews()[0]!.includes('no disponible'));
    // A label printer takes labels only: its test page is one, never ESC/POS bytes.
    value(await call('printing.testPage', { printer: 'label' }));
    await waitUntil(() => zebra.core.labels.length, (n) => n === 2, { what: 'the test label' });
    assert.match(zebra.core.previews()[1]!, /^Prueba: ñ á é í ó ú ü ¿\? ¡! €\n1,99 €\nAntes: 2,49 €\n3,98 €\/kg/);
  } finally {
    await core.close();
    await zebra.close();
    await pty.dispose();
  }
});

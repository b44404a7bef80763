import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseEscpos } from '../../../drivers/printer/escpos-stream-parser';
import { printerProfiles } from '../../../drivers/printer/printer-profile';
import { saleReceipt } from '../../../drivers/printer/receipt-layouts';

// Bytes biased towards command introducers, so the arbitrary reaches deep into commands.
const escposish = fc.uint8Array({ maxLength: 400 }).chain((noise) =>
  fc.array(fc.oneof(fc.constantFrom(0x1b, 0x1d, 0x10, 0x1c, 0x0a, 0x28, 0x6b, 0x76, 0x56, 0x70, 0x04, 0x14, 0x2a), fc.integer({ min: 0, max: 255 })), { maxLength: 400 }).map(
    (biased) => Uint8Array.from([...noise.subarray(0, 50), ...biased]),
  ),
);

test('no input crashes the stream parser, and what it reports is well formed', () => {
  fc.assert(
    fc.property(escposish, (bytes) => {
      const { items, consumed } = parseEscpos(bytes);
      assert.ok(consumed >= 0 && consumed <= bytes.length);
      for (const item of items) assert.ok(item.start >= 0 && item.start <= item.end && item.end <= bytes.length, JSON.stringify(item));
    }),
    { numRuns: 2000 },
  );
});

test('parsing in two chunks gives the same whole commands as parsing at once', () => {
  const bytes = saleReceipt(printerProfiles['epson-tm-t88vi'], {
    storeName: 'Mostrador', number: 'T-1', at: 'hoy', staff: 'Ana', orderId: 'W-1', openDrawer: true,
    lines: [{ name: 'Jabón', qty: 1, unitPriceCents: 100 }], totalCents: 100, payment: { method: 'Efectivo' },
  });
  const whole = parseEscpos(bytes).items.map((i) => i.kind);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: bytes.length }), (cut) => {
      const first = parseEscpos(bytes.subarray(0, cut));
      const done = first.items.filter((i) => i.end <= first.consumed);
      assert.deepEqual(done.map((i) => i.kind), whole.slice(0, done.length));
    }),
  );
  assert.deepEqual(whole.filter((k) => k !== 'text'), ['qr', 'cut', 'drawer']);
});

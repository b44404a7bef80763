import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import CodepageEncoder from '@point-of-sale/codepage-encoder';
import { printerProfiles } from '../../../drivers/printer/printer-profile';
import { saleReceipt } from '../../../drivers/printer/receipt-layouts';
import { digest, encoderGoldenCases } from './encoder-golden-cases';

// Recorded with the unpatched codepage-encoder 3.0.2 (docs/decisions.md, "Receipt printing").
const golden = JSON.parse(readFileSync(new URL('./encoder-golden-bytes.json', import.meta.url), 'utf8')) as Record<string, string>;

test('the patched code page encoder gives every receipt, slip, label and code page the bytes the unpatched one gave', () => {
  assert.deepEqual(Object.keys(encoderGoldenCases).sort(), Object.keys(golden).sort());
  const changed = Object.entries(encoderGoldenCases).filter(([name, encode]) => digest(encode()) !== golden[name]);
  assert.deepEqual(changed.map(([name]) => name), []);
});

test('encoding a receipt does not copy a code page table per text fragment', (t) => {
  const profile = printerProfiles['epson-tm-t88vi'];
  const receipt = {
    storeName: 'Mostrador Centro', number: 'T-1', at: 'hoy', staff: 'Ana', orderId: 'W-1',
    lines: Array.from({ length: 40 }, (_, i) => ({ name: `Jabón de manos Añil ${i + 1}`, qty: 1, unitPriceCents: 199 })),
    totalCents: 7960, payment: { method: 'Tarjeta' },
  };
  saleReceipt(profile, receipt); // the first use builds each table once
  const clones = t.mock.method(globalThis, 'structuredClone');
  saleReceipt(profile, receipt);
  // Unpatched, every fragment of text cloned the whole 256-entry table: ~90 copies for this receipt.
  // (The encoder's own copy of its small style state is not a table and stays.)
  const tableCopies = clones.mock.calls.filter((call) => (call.arguments[0] as { codepoints?: unknown } | null)?.codepoints !== undefined);
  assert.equal(tableCopies.length, 0);
});

test('getEncoding still hands out a copy, so a caller cannot corrupt the shared table', () => {
  const before = CodepageEncoder.encode('Añil €', 'cp858');
  const table = CodepageEncoder.getEncoding('cp858');
  table.codepoints.fill(0x41);
  assert.notEqual(CodepageEncoder.getEncoding('cp858').codepoints[0xa5], 0x41);
  assert.deepEqual(CodepageEncoder.encode('Añil €', 'cp858'), before);
});

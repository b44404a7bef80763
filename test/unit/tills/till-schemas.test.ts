import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import { tillReceiptSchema, tillSchemas } from '../../../main/tills/till-receipt';

test('the till interface’s JSON Schemas in docs/schemas match what the endpoint parses', () => {
  for (const [name, schema] of Object.entries(tillSchemas)) {
    const file = join(import.meta.dirname, '../../../docs/schemas', `${name.replace('/', '-')}.schema.json`);
    const published = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const { title: _title, ...rest } = published;
    assert.deepEqual(rest, JSON.parse(JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }))), `${name}: run npm run schemas`);
  }
});

test('a receipt line names its product by exactly one of sku and gtin', () => {
  const receipt = (line: Record<string, unknown>) => ({ receiptId: 'R-1', till: 't1', at: '2026-03-02T09:15:00Z', lines: [line] });
  assert.equal(tillReceiptSchema.safeParse(receipt({ type: 'sale', sku: 'A', qty: 1 })).success, true);
  assert.equal(tillReceiptSchema.safeParse(receipt({ type: 'return', gtin: '8412345000010', qty: 1 })).success, true);
  assert.equal(tillReceiptSchema.safeParse(receipt({ type: 'sale', sku: 'A', gtin: '8412345000010', qty: 1 })).success, false);
  assert.equal(tillReceiptSchema.safeParse(receipt({ type: 'sale', qty: 1 })).success, false);
  assert.equal(tillReceiptSchema.safeParse(receipt({ type: 'sale', gtin: '12345', qty: 1 })).success, false);
  assert.equal(tillReceiptSchema.safeParse(receipt({ type: 'sale', sku: 'A', qty: 1.5 })).success, false);
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { z } from 'zod';
import { protocolSchemas, topics } from '../../../main/sync/protocol';

test('the JSON Schemas published in docs/schemas match the protocol the code speaks', () => {
  for (const [name, schema] of Object.entries(protocolSchemas)) {
    const file = join(import.meta.dirname, '../../../docs/schemas', `${name.replace('/', '-')}.schema.json`);
    const published = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const { title: _title, ...rest } = published;
    assert.deepEqual(rest, JSON.parse(JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }))), `${name}: run npm run schemas`);
  }
});

test('topics put the store in the path and one direction per kind', () => {
  const t = topics('acme', 'madrid-01');
  assert.equal(t.up('events'), 'mostrador/v1/acme/madrid-01/up/events');
  assert.equal(t.down('stream'), 'mostrador/v1/acme/madrid-01/down/stream');
  assert.throws(() => topics('acme', 'madrid/01'));
  assert.throws(() => topics('ac+me', 'x'));
});

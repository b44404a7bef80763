// `npm run schemas`: the protocol's zod schemas as JSON Schema files, for HQ teams
// and till vendors that do not write TypeScript (docs/schemas/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { protocolSchemas } from '../sync/protocol';
import { tillSchemas } from '../tills/till-receipt';

const out = join(import.meta.dirname, '..', '..', 'docs', 'schemas');
mkdirSync(out, { recursive: true });
const write = (name: string, title: string, schema: z.ZodType) => {
  const file = join(out, `${name.replace('/', '-')}.schema.json`);
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  writeFileSync(file, `${JSON.stringify({ title, ...json }, null, 2)}\n`);
  console.log(file);
};
for (const [name, schema] of Object.entries(protocolSchemas)) write(name, `mostrador/v1/{chain}/{store}/${name}`, schema);
// The tills' local interface (docs/protocol.md, "Sales from the tills").
write('till/receipt', 'POST /till/v1/receipts: request body', tillSchemas['till/receipt']);
write('till/reply', 'POST /till/v1/receipts: response body', tillSchemas['till/reply']);

// `npm run schemas`: the protocol's zod schemas as JSON Schema files, for HQ teams
// that do not write TypeScript (docs/schemas/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { protocolSchemas } from '../sync/protocol';

const out = join(import.meta.dirname, '..', '..', 'docs', 'schemas');
mkdirSync(out, { recursive: true });
for (const [name, schema] of Object.entries(protocolSchemas)) {
  const file = join(out, `${name.replace('/', '-')}.schema.json`);
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  writeFileSync(file, `${JSON.stringify({ title: `mostrador/v1/{chain}/{store}/${name}`, ...json }, null, 2)}\n`);
  console.log(file);
}

// `npm run seed -- --products N [--db FILE]`: a large catalog for benchmarks.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createCatalogStore } from '../catalog/catalog-store';
import { openLedger } from '../kernel/db/open-ledger';
import { seedCatalog } from '../demo/seed-catalog';

const { values } = parseArgs({
  options: { products: { type: 'string', default: '1000000' }, db: { type: 'string' } },
});
const count = Number(values.products);
if (!Number.isSafeInteger(count) || count < 1) {
  console.error(`--products must be a whole number above zero, not "${values.products}"`);
  process.exit(2);
}
const file = values.db ?? join(process.cwd(), '.data', `seed-${count}.sqlite`);
mkdirSync(dirname(file), { recursive: true });
const db = openLedger(file);
const started = performance.now();
let lastShown = 0;
seedCatalog(db, createCatalogStore(db), count, (done, total) => {
  const now = performance.now();
  if (now - lastShown > 500 || done === total) {
    lastShown = now;
    process.stderr.write(`\rseeding ${done.toLocaleString('en')} / ${total.toLocaleString('en')} products`);
  }
});
db.close();
const seconds = (performance.now() - started) / 1000;
process.stderr.write('\n');
console.log(`${count.toLocaleString('en')} products in ${seconds.toFixed(1)} s → ${file}`);

// Child for the crash test: appends movements as fast as it can and reports
// each sequence number on stdout only after its commit returned.
import { writeSync } from 'node:fs';
import { createCatalogStore } from '../../main/catalog/catalog-store';
import { openLedger } from '../../main/kernel/db/open-ledger';
import { loadLocations } from '../../main/stock/locations';
import { createMovementLedger } from '../../main/stock/movement-ledger';

const file = process.argv[2]!;
const skus = process.argv.slice(3);
const db = openLedger(file);
const ledger = createMovementLedger(db, loadLocations(db), createCatalogStore(db));
for (let i = 0; ; i++) {
  const sku = skus[Math.floor(i / 3) % skus.length]!; // two receipts, then a transfer of the same SKU
  const movement =
    i % 3 === 2
      ? ledger.append({ sku, qty: 1, from: 'back_room', to: 'sales_floor', reason: 'replenish', staff: 'crash', station: 'child' })
      : ledger.append({ sku, qty: 2, from: 'supplier', to: 'back_room', reason: 'receipt', staff: 'crash', station: 'child' });
  writeSync(1, `${movement.seq}\n`);
}

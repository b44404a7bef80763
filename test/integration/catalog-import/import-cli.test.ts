import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { openLedger } from '../../../main/kernel/db/open-ledger';
import { checkLedger } from '../../../main/stock/stock-levels';
import { tempDir } from '../../helpers/temp-dir';

// `npm run import FILE` on a real ledger file: a file with a bad line imports
// nothing, the same file fixed imports products and stock, each stock line a
// movement from `adjustment` with its outbox row.

const repo = resolve(import.meta.dirname, '../../..');
const header = 'sku,name,brand,category,unit,price,vat,gtins,location,qty';
const good = [
  'CSV-TEA,Té verde 20 bolsitas,Hoja,Infusiones,each,2.35,10,8412345000119,sales_floor,12',
  'CSV-TEA,Té verde 20 bolsitas,Hoja,Infusiones,each,2.35,10,8412345000119,back_room,30',
  'CSV-HAM,Jamón cocido al corte,Monte,Charcutería,g,1.49,10,,back_room,2500',
];

function runImport(file: string, db: string, ...flags: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/import-cli.ts', file, '--db', db, ...flags], { cwd: repo, encoding: 'utf8' });
  return { status: run.status, out: run.stdout + run.stderr };
}

function ledgerState(file: string) {
  const db = openLedger(file, { readonly: true });
  try {
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return {
      products: count('products'),
      movements: count('movements'),
      outbox: count('outbox'),
      levels: db.prepare('SELECT sku, location, qty FROM stock_levels WHERE location NOT IN (\'adjustment\') AND qty <> 0 ORDER BY sku, location').all(),
      reasons: db.prepare('SELECT DISTINCT from_loc, reason FROM movements').all(),
      check: checkLedger(db).ok,
    };
  } finally {
    db.close();
  }
}

test('the import CLI imports nothing from a file with a bad line, and everything once it is fixed', () => {
  const dir = tempDir();
  const ledger = join(dir, 'ledger.sqlite');
  openLedger(ledger).close();
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, [header, ...good, 'CSV-JAM,Mermelada,,,each,abc,10,8412345000118,shelf_9,3'].join('\n'));

  const refused = runImport(bad, ledger);
  assert.equal(refused.status, 1, refused.out);
  assert.match(refused.out, /line 5: price: price-invalid/);
  assert.match(refused.out, /line 5: gtins: gtin-invalid/);
  assert.match(refused.out, /line 5: location: location-unknown/);
  assert.match(refused.out, /NOT IMPORTED/);
  assert.deepEqual(ledgerState(ledger).products + ledgerState(ledger).movements, 0);

  const fixed = join(dir, 'fixed.csv');
  writeFileSync(fixed, [header, ...good, 'CSV-JAM,Mermelada,,,each,3.10,10,8412345000126,sales_floor,3'].join('\n'));
  const imported = runImport(fixed, ledger);
  assert.equal(imported.status, 0, imported.out);
  assert.match(imported.out, /staged \d+ of \d+ bytes/);
  assert.match(imported.out, /stock lines 4 of 4/);
  assert.match(imported.out, /IMPORTED: 3 products, 4 movements/);
  const after = ledgerState(ledger);
  assert.equal(after.products, 3);
  assert.equal(after.movements, 4);
  assert.equal(after.outbox, 4, 'each movement has its outbox row');
  assert.deepEqual(after.levels, [
    { sku: 'CSV-HAM', location: 'back_room', qty: 2500 },
    { sku: 'CSV-JAM', location: 'sales_floor', qty: 3 },
    { sku: 'CSV-TEA', location: 'back_room', qty: 30 },
    { sku: 'CSV-TEA', location: 'sales_floor', qty: 12 },
  ]);
  assert.deepEqual(after.reasons, [{ from_loc: 'adjustment', reason: 'csv-import' }]);
  assert.equal(after.check, true);

  // Importing the same quantities again moves nothing: each line states what is on hand.
  const again = runImport(fixed, ledger);
  assert.match(again.out, /IMPORTED: 3 products, 0 movements/);
  assert.equal(ledgerState(ledger).movements, 4);
});

test('the import CLI skips bad lines only when told to, and a dry run writes nothing', () => {
  const dir = tempDir();
  const ledger = join(dir, 'ledger.sqlite');
  openLedger(ledger).close();
  const file = join(dir, 'mixed.csv');
  writeFileSync(file, [header, good[0], 'CSV-BAD,Sin unidad,,,box,1.00,10,,sales_floor,1'].join('\n'));
  const dry = runImport(file, ledger, '--dry-run', '--skip-bad-lines');
  assert.match(dry.out, /line 3: unit: unit-unknown/);
  assert.match(dry.out, /dry run: nothing imported/);
  assert.equal(ledgerState(ledger).products, 0);
  const skipped = runImport(file, ledger, '--skip-bad-lines');
  assert.equal(skipped.status, 0, skipped.out);
  assert.match(skipped.out, /IMPORTED: 1 products, 1 movements, 1 bad lines skipped/);
  assert.deepEqual(ledgerState(ledger).levels, [{ sku: 'CSV-TEA', location: 'sales_floor', qty: 12 }]);
});

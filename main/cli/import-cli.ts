// `npm run import FILE` (or `npm run import -- FILE --dry-run|--skip-bad-lines [--db LEDGER]`):
// imports catalog and stock from a CSV into a store without HQ's feed
// (columns in docs/deploy.md). The ledger is the one the console in this
// folder uses (MOSTRADOR_DATA_DIR, default ./.data, and its configuration),
// unless --db names one. A file with bad lines imports nothing unless
// --skip-bad-lines is given.
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { importChunkBytes } from '../api/contract';
import type { ImportReport } from '../api/types';
import { createCsvImports } from '../catalog-import/csv-imports';
import { createCatalogStore } from '../catalog/catalog-store';
import { createAuditLog } from '../kernel/audit-log';
import { openLedger } from '../kernel/db/open-ledger';
import { StoreError } from '../kernel/errors';
import { resolveConfig } from '../setup/store-config';
import { loadLocations } from '../stock/locations';
import { createMovementLedger } from '../stock/movement-ledger';
import { createStockLevels } from '../stock/stock-levels';

const usage = 'Usage: npm run import -- FILE [--dry-run] [--skip-bad-lines] [--db LEDGER]';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { db: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'skip-bad-lines': { type: 'boolean' } },
});
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error(usage);
  process.exit(2);
}
if (!existsSync(file)) {
  console.error(`No file at ${file}`);
  process.exit(2);
}

const userDataDir = process.env.MOSTRADOR_DATA_DIR ?? join(process.cwd(), '.data');
const config = resolveConfig({ userDataDir, env: process.env });
const dbPath = values.db ?? config.dbPath;
if (!values.db && config.demo) {
  console.error(`No store is configured in ${userDataDir} (only the demo): set MOSTRADOR_STORE, or pass --db LEDGER.`);
  process.exit(2);
}
const station = config.demo ? hostname().replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 64) || 'cli' : config.station;

function printReport(report: ImportReport) {
  console.log(`lines: ${report.lines} (good ${report.goodLines}, bad ${report.badLineCount})`);
  console.log(`products: ${report.products.added} new, ${report.products.updated} updated`);
  console.log(`stock: ${report.stock.lines} lines, ${report.stock.movements} movements (+${report.stock.unitsIn} / -${report.stock.unitsOut} units)`);
  for (const bad of report.badLines) console.log(`line ${bad.line}: ${bad.field}: ${bad.reason}${bad.value !== undefined ? ` (${JSON.stringify(bad.value)})` : ''}`);
  if (report.badLineCount > report.badLines.length) console.log(`… and more bad lines (${report.badLineCount} in all)`);
}

const db = openLedger(dbPath, !values.db && config.local.ledgerId ? { expectedId: config.local.ledgerId } : {});
let exitCode = 0;
try {
  const locations = loadLocations(db);
  const catalog = createCatalogStore(db);
  const imports = createCsvImports({ db, catalog, movements: createMovementLedger(db, locations, catalog), levels: createStockLevels(db, locations, catalog), locations });
  const bytes = readFileSync(file);
  const chunks = Math.max(1, Math.ceil(bytes.length / importChunkBytes));
  const { importId } = imports.begin({ fileName: file, totalBytes: bytes.length, chunks, staff: 'import-cli' });
  for (let chunk = 0; chunk < chunks; chunk++) {
    imports.chunk(importId, chunk, bytes.subarray(chunk * importChunkBytes, (chunk + 1) * importChunkBytes));
    console.log(`staged ${Math.min(bytes.length, (chunk + 1) * importChunkBytes)} of ${bytes.length} bytes`);
  }
  const dryRun = imports.dryRun(importId);
  printReport(dryRun);
  const skipBadLines = values['skip-bad-lines'] === true;
  if (values['dry-run']) {
    console.log('dry run: nothing imported');
  } else if (dryRun.badLineCount > 0 && !skipBadLines) {
    console.log('NOT IMPORTED: the file has bad lines; fix them, or run again with --skip-bad-lines');
    exitCode = 1;
  } else {
    const { report } = db.transaction(() => {
      const done = imports.commit(importId, { skipBadLines, staff: 'import-cli', station }, (n, total) => console.log(`stock lines ${n} of ${total}`));
      createAuditLog(db).record({
        at: new Date().toISOString(),
        station,
        staff: 'import-cli',
        approvedBy: null,
        command: 'import.commit',
        input: { importId, file, skipBadLines },
        ok: true,
      });
      return done;
    })();
    console.log(`IMPORTED: ${report.products.added + report.products.updated} products, ${report.stock.movements} movements${report.skippedBadLines ? `, ${report.badLineCount} bad lines skipped` : ''}`);
  }
} catch (error) {
  if (!(error instanceof StoreError)) throw error;
  console.error(`FAILED: ${error.message}`);
  exitCode = 1;
} finally {
  db.close();
}
process.exit(exitCode);

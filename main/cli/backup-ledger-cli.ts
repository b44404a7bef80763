// `npm run backup-ledger -- --db FILE --to BACKUP`: an online, consistent copy of a
// store's ledger (SQLite's backup API), safe while the console is running.
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { checkLedger } from '../stock/stock-levels';

const { values } = parseArgs({ options: { db: { type: 'string' }, to: { type: 'string' } } });
if (!values.db || !values.to) {
  console.error('Usage: npm run backup-ledger -- --db /path/ledger.sqlite --to /path/backup.sqlite');
  process.exit(2);
}
if (!existsSync(values.db)) {
  console.error(`No ledger at ${values.db}`);
  process.exit(2);
}
if (existsSync(values.to)) {
  console.error(`${values.to} exists: refusing to overwrite a backup`);
  process.exit(2);
}
// Created private before a page is copied into it; the chmod after covers a loose umask on the way.
writeFileSync(values.to, '', { mode: 0o600, flag: 'wx' });
const source = new Database(values.db, { readonly: true, fileMustExist: true });
await source.backup(values.to, {
  progress: ({ totalPages, remainingPages }) => {
    process.stderr.write(`\rbacking up ${totalPages - remainingPages} / ${totalPages} pages`);
    return 200;
  },
});
source.close();
// A backup holds everything the ledger does: as private as the ledger itself.
chmodSync(values.to, 0o600);
process.stderr.write('\n');
const copy = new Database(values.to, { readonly: true });
const report = checkLedger(copy);
copy.close();
console.log(`${values.to}: ${report.movements} movements, integrity ${report.integrity}, ${report.ok ? 'verified' : 'CHECK FAILED'}`);
process.exit(report.ok ? 0 : 1);

// `npm run check-ledger -- --db FILE`: proves the file is sound, levels equal a rebuild and the outbox has no gaps.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openLedger, type Db } from '../kernel/db/open-ledger';
import { LedgerDamagedError } from '../kernel/errors';
import { checkLedger } from '../stock/stock-levels';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
if (!values.db || !existsSync(values.db)) {
  console.error(values.db ? `No ledger at ${values.db}` : 'Usage: npm run check-ledger -- --db FILE');
  process.exit(2);
}
let db: Db;
try {
  db = openLedger(values.db, { readonly: true });
} catch (error) {
  if (!(error instanceof LedgerDamagedError)) throw error;
  // Damage is this command's finding, not its failure.
  console.log(`integrity: ${error.finding}`);
  console.log(`FAILED: ${error.message}`);
  process.exit(1);
}
const report = checkLedger(db);
db.close();
console.log(`integrity: ${report.integrity}`);
console.log(`movements: ${report.movements}, stock levels: ${report.levelsChecked}, outbox events: ${report.outboxEvents}`);
console.log(`outbox sequence gaps: ${report.outboxGaps}`);
for (const m of report.mismatches) {
  console.log(`mismatch ${m.sku} @ ${m.location}: stored ${m.stored}, movements say ${m.rebuilt}`);
}
console.log(report.ok ? 'OK: levels equal a rebuild from the movements' : 'FAILED');
process.exit(report.ok ? 0 : 1);

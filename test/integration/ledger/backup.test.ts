import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { openLedger } from '../../../main/kernel/db/open-ledger';
import { openSmallStore } from '../../helpers/small-store';
import { tempDir } from '../../helpers/temp-dir';

const cli = join(import.meta.dirname, '../../../main/cli/backup-ledger-cli.ts');

test('a running store’s ledger is backed up consistently, verified, and never over an existing backup', async () => {
  const dir = tempDir();
  const file = join(dir, 'ledger.sqlite');
  const core = await openSmallStore(file);
  for (let i = 0; i < 50; i++) core.services.movements.append({ sku: 'SKU-OIL', qty: 1, from: 'supplier', to: 'back_room', reason: 'receipt', staff: 'ana', station: 's' });
  const backup = join(dir, 'backup.sqlite');
  const out = execFileSync(process.execPath, ['--import', 'tsx', cli, '--db', file, '--to', backup], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  assert.match(out, /50 movements, integrity ok, verified/);
  const copy = openLedger(backup);
  assert.equal(copy.prepare('SELECT COUNT(*) FROM outbox').pluck().get(), 50);
  copy.close();
  assert.throws(() => execFileSync(process.execPath, ['--import', 'tsx', cli, '--db', file, '--to', backup], { stdio: 'ignore' }), 'refuses to overwrite');
  core.close();
});

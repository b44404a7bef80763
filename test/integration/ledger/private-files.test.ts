import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openLedger } from '../../../main/kernel/db/open-ledger';
import { loadOrCreatePinPepper, pinPepperFile } from '../../../main/staff/pin-pepper';
import { verifyPin } from '../../../main/staff/pin-hash';
import { createStaffDirectory } from '../../../main/staff/staff-directory';
import { startStoreRuntime } from '../../../main/store-runtime';
import { tempDir } from '../../helpers/temp-dir';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
const cli = join(import.meta.dirname, '../../../main/cli/backup-ledger-cli.ts');

test('the data folder is 0700; the ledger, its WAL, its shared memory, the pepper and a backup are 0600', async () => {
  const userDataDir = join(tempDir(), 'data');
  const runtime = await startStoreRuntime({
    userDataDir,
    env: { MOSTRADOR_STORE: 'store-7', MOSTRADOR_STATION: 'counter-1', MOSTRADOR_POLICY_FILE: join(userDataDir, 'none.json') },
    log: () => {},
  });
  try {
    const ledger = runtime.core.config.dbPath;
    assert.equal(mode(userDataDir), '700');
    for (const file of [ledger, `${ledger}-wal`, `${ledger}-shm`, pinPepperFile(userDataDir, false)]) assert.equal(mode(file), '600', file);
    const backup = join(userDataDir, 'backup.sqlite');
    execFileSync(process.execPath, ['--import', 'tsx', cli, '--db', ledger, '--to', backup], { stdio: 'ignore' });
    assert.equal(mode(backup), '600');
  } finally {
    await runtime.stop();
  }
});

test('a copied ledger without the store pepper cannot check a single PIN', async () => {
  const dir = tempDir();
  const userDataDir = join(dir, 'data');
  const pepper = loadOrCreatePinPepper(userDataDir, null)!;
  const file = join(dir, 'ledger.sqlite');
  const db = openLedger(file);
  await createStaffDirectory(db, { pepper }).upsert({ id: 'ivan', name: 'Iván', role: 'admin' }, '4444');
  db.close();

  const stolen = join(dir, 'stolen.sqlite');
  copyFileSync(file, stolen);
  const copy = openLedger(stolen);
  const stored = copy.prepare("SELECT pin_hash FROM staff WHERE id = 'ivan'").pluck().get() as string;
  assert.equal(await verifyPin('4444', stored), false, 'the right PIN does not verify without the pepper');
  assert.equal(await verifyPin('4444', stored, pepper), true, 'it does with it');
  const withoutPepper = await createStaffDirectory(copy).authenticate('ivan', '4444', { station: 'x', purpose: 'sign-in' }).catch((e: { code: string }) => e.code);
  assert.equal(withoutPepper, 'PIN_INVALID');
  copy.close();
  assert.deepEqual(loadOrCreatePinPepper(userDataDir, null), pepper, 'the same pepper is read back');
});

test('a hash made before the pepper is upgraded at the member’s next sign-in, and only by the right PIN', async () => {
  const dir = tempDir();
  const db = openLedger(join(dir, 'ledger.sqlite'));
  await createStaffDirectory(db).upsert({ id: 'ana', name: 'Ana', role: 'associate' }, '1111');
  const read = () => db.prepare("SELECT pin_hash FROM staff WHERE id = 'ana'").pluck().get() as string;
  const old = read();
  assert.match(old, /^scrypt\$/);

  const pepper = loadOrCreatePinPepper(join(dir, 'data'), null)!;
  const staff = createStaffDirectory(db, { pepper });
  await staff.authenticate('ana', '9999', { station: 'c', purpose: 'sign-in' }).catch(() => null);
  assert.equal(read(), old, 'a wrong PIN changes nothing');
  await staff.authenticate('ana', '1111', { station: 'c', purpose: 'sign-in' });
  const upgraded = read();
  assert.match(upgraded, /^scrypt-peppered\$/);
  assert.equal(await verifyPin('1111', upgraded), false, 'no longer checkable without the pepper');
  assert.equal((await staff.authenticate('ana', '1111', { station: 'c', purpose: 'sign-in' })).id, 'ana');
  db.close();
});

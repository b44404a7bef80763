// Which better-sqlite3 build the core loads: Node's for the tests, the bridge and the CLIs; the prepared
// Electron-ABI build inside Electron (`npm start` on a machine with Electron's binary).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { electronSqliteBindingFile, selectSqliteBinding, sqliteNativeBinding } from '../../../main/kernel/db/sqlite-native-binding';
import { openLedger } from '../../../main/kernel/db/open-ledger';
import { tempDir } from '../../helpers/temp-dir';

const nodeModules = join('/app', 'node_modules');
const prepared = electronSqliteBindingFile(nodeModules, '12.11.1', '41.7.1', 'linux', 'x64');
const install = (...files: string[]) => ({ nodeModules, sqliteVersion: '12.11.1', exists: (file: string) => files.includes(file) });

test('under Node the core loads better-sqlite3 from node_modules, even where an Electron build was prepared', () => {
  assert.equal(selectSqliteBinding({ versions: {}, platform: 'linux', arch: 'x64' }, install(prepared)), undefined);
});

test('inside Electron the core loads the build prepared for that Electron, platform and arch', () => {
  assert.equal(selectSqliteBinding({ versions: { electron: '41.7.1' }, platform: 'linux', arch: 'x64' }, install(prepared)), prepared);
  assert.equal(prepared, join(nodeModules, '.electron-abi', 'better-sqlite3-12.11.1-electron-41.7.1-linux-x64.node'));
});

test('a build prepared for another Electron, better-sqlite3, platform or arch is never loaded', () => {
  const others = [
    electronSqliteBindingFile(nodeModules, '12.11.1', '40.0.0', 'linux', 'x64'),
    electronSqliteBindingFile(nodeModules, '12.10.0', '41.7.1', 'linux', 'x64'),
    electronSqliteBindingFile(nodeModules, '12.11.1', '41.7.1', 'darwin', 'x64'),
    electronSqliteBindingFile(nodeModules, '12.11.1', '41.7.1', 'linux', 'arm64'),
  ];
  // None prepared for this one: better-sqlite3's own build, which packaging rebuilt for Electron.
  assert.equal(selectSqliteBinding({ versions: { electron: '41.7.1' }, platform: 'linux', arch: 'x64' }, install(...others)), undefined);
});

test('this Node process opens a ledger with the Node build', () => {
  assert.equal(sqliteNativeBinding(), undefined);
  const db = openLedger(join(tempDir(), 'ledger.sqlite'));
  try {
    assert.equal((db.prepare('SELECT 1 AS one').get() as { one: number }).one, 1);
  } finally {
    db.close();
  }
});

test('postinstall prepares nothing, and says why, where Electron was not downloaded', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/prepare-electron-sqlite.ts'], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /skipped: ELECTRON_SKIP_BINARY_DOWNLOAD is set/);
});

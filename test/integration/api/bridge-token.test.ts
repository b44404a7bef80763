import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadOrCreateBridgeToken } from '../../../main/bridge/bridge-token';
import { tempDir } from '../../helpers/temp-dir';

test('serve keeps one bridge token per data folder, in a file only its user may read; a damaged file gets a new token', () => {
  const dir = tempDir();
  const first = loadOrCreateBridgeToken(dir);
  assert.match(first, /^[A-Za-z0-9_-]{32}$/);
  assert.equal(loadOrCreateBridgeToken(dir), first, 'a restart presents the same token: an open tab reconnects');
  assert.equal(statSync(join(dir, 'bridge-token')).mode & 0o777, 0o600);
  assert.notEqual(loadOrCreateBridgeToken(tempDir()), first, 'another data folder, another token');
  writeFileSync(join(dir, 'bridge-token'), 'not a token');
  const replaced = loadOrCreateBridgeToken(dir);
  assert.notEqual(replaced, first);
  assert.match(replaced, /^[A-Za-z0-9_-]{32}$/);
});

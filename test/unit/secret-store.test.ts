// Electron's safeStorage is replaced at the narrowest seam: a cipher with the same three methods.
import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openLedger } from '../../main/kernel/db/open-ledger';
import { createSecretStore, SecretStorageUnavailable, type SecretCipher } from '../../main/secrets/secret-store';
import { tempDir } from '../helpers/temp-dir';

function keychain(available = true): SecretCipher {
  const k = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', k, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(b) {
      const d = createDecipheriv('aes-256-gcm', k, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

test('secrets are stored encrypted by the keychain: the ledger file never holds them in plain text', () => {
  const file = join(tempDir(), 'l.sqlite');
  const db = openLedger(file);
  const secrets = createSecretStore(db, keychain());
  secrets.save('hq.password', 'Tr0ub4dor&3-broker');
  assert.equal(secrets.read('hq.password'), 'Tr0ub4dor&3-broker');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  assert.ok(!readFileSync(file).includes('Tr0ub4dor'), 'not in the database file');
});

test('without an OS keychain a secret is refused, not saved in plain text', () => {
  const db = openLedger(join(tempDir(), 'l.sqlite'));
  const secrets = createSecretStore(db, keychain(false));
  assert.throws(() => secrets.save('hq.password', 'x'), SecretStorageUnavailable);
  assert.equal(secrets.read('hq.password'), null);
  db.close();
});

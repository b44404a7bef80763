import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretCipher } from '../secrets/secret-store';

/**
 * The store's data key, wrapped by the OS keychain (safeStorage) in
 * <userData>/data-key.bin. null when this machine has no keychain: secrets
 * then go to 0600 files, never to plain text in the ledger.
 */
export function loadOrCreateDataKey(userDataDir: string, keychain: SecretCipher, log: (e: Record<string, unknown>) => void): Buffer | null {
  if (!keychain.isEncryptionAvailable()) {
    log({ level: 'warn', msg: 'no OS keychain: secrets will be kept in 0600 files' });
    return null;
  }
  const file = join(userDataDir, 'data-key.bin');
  if (existsSync(file)) {
    try {
      return Buffer.from(keychain.decryptString(readFileSync(file)), 'base64');
    } catch (error) {
      // Another user's or another machine's keychain: the secrets under the old key are lost, say so.
      log({ level: 'error', msg: 'the data key cannot be unwrapped; saved secrets must be entered again', err: String(error) });
    }
  }
  const key = randomBytes(32);
  writeFileSync(`${file}.tmp`, keychain.encryptString(key.toString('base64')), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return key;
}

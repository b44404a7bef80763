import type { Db } from '../kernel/db/open-ledger';

/** What the store needs of an OS keychain; Electron's safeStorage fits it as is. */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export class SecretStorageUnavailable extends Error {
  override name = 'SecretStorageUnavailable';
}

const key = (name: string) => `secret:${name}`;

/**
 * Broker passwords and client keys, encrypted by the OS (Keychain, DPAPI,
 * libsecret) before they reach the ledger. With no keychain it refuses to
 * store rather than fall back to plain text.
 */
export function createSecretStore(db: Db, cipher: SecretCipher) {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const remove = db.prepare('DELETE FROM settings WHERE key = ?');
  return {
    save(name: string, plain: string): void {
      if (!cipher.isEncryptionAvailable()) {
        throw new SecretStorageUnavailable(
          'This computer has no OS keychain available, so the secret was not saved. Provide it through the policy file (a 0600 file) instead.',
        );
      }
      set.run(key(name), cipher.encryptString(plain).toString('base64'));
    },
    read(name: string): string | null {
      const stored = get.get(key(name)) as string | undefined;
      return stored === undefined ? null : cipher.decryptString(Buffer.from(stored, 'base64'));
    },
    forget(name: string): void {
      remove.run(key(name));
    },
  };
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretCipher } from './secret-store';

/**
 * AES-256-GCM under a data key that the OS keychain wraps. Electron's
 * safeStorage lives in the main process only; main unwraps the key and hands
 * it to the store core's process, which keeps it in memory and nowhere else.
 * Layout: 12-byte IV, 16-byte tag, ciphertext.
 */
export function createDataKeyCipher(key: Buffer): SecretCipher {
  if (key.length !== 32) throw new RangeError('the data key must be 32 bytes');
  return {
    isEncryptionAvailable: () => true,
    encryptString(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** The environment variable main passes the key in; the core process deletes it at once so no child inherits it. */
export const dataKeyVariable = 'MOSTRADOR_DATA_KEY';

export function takeDataKeyFromEnv(env: NodeJS.ProcessEnv): SecretCipher | null {
  const encoded = env[dataKeyVariable];
  delete env[dataKeyVariable];
  if (!encoded) return null;
  return createDataKeyCipher(Buffer.from(encoded, 'base64'));
}

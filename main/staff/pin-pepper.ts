import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writePrivate } from '../kernel/private-file';
import type { SecretCipher } from '../secrets/secret-store';

const pepperBytes = 32;

/**
 * Where the store's PIN pepper lives. With an OS keychain (Electron) it is
 * sealed by the keychain-wrapped data key in the data folder; without one
 * (bridge mode) it is a 0600 file BESIDE the data folder, so a copy of the
 * folder or of the ledger alone cannot test a single PIN guess.
 */
export function pinPepperFile(userDataDir: string, sealed: boolean): string {
  return sealed ? join(userDataDir, 'pin-pepper.bin') : join(dirname(userDataDir), `${basename(userDataDir)}.pin-pepper`);
}

/**
 * The store's PIN pepper, created on first use. null when an existing sealed
 * pepper cannot be unsealed (another user's keychain): the file is left as is,
 * PINs hashed with it fail until the keychain is back, and the log says so.
 */
export function loadOrCreatePinPepper(
  userDataDir: string,
  cipher: SecretCipher | null,
  log: (entry: Record<string, unknown>) => void = () => {},
): Buffer | null {
  const sealed = cipher?.isEncryptionAvailable() === true;
  const file = pinPepperFile(userDataDir, sealed);
  if (existsSync(file)) {
    try {
      const pepper = sealed ? Buffer.from(cipher!.decryptString(readFileSync(file)), 'base64') : readFileSync(file);
      if (pepper.length === pepperBytes) return pepper;
      log({ level: 'error', msg: 'the PIN pepper file is damaged; PINs cannot be checked until it is restored', file });
    } catch (error) {
      log({ level: 'error', msg: 'the PIN pepper cannot be unsealed; PINs cannot be checked until the keychain is back', file, err: String(error) });
    }
    return null;
  }
  const pepper = randomBytes(pepperBytes);
  writePrivate(file, sealed ? cipher!.encryptString(pepper.toString('base64')) : pepper);
  log({ level: 'info', msg: 'created the store PIN pepper', file, sealed });
  return pepper;
}

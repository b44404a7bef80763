import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { writePrivate } from '../kernel/private-file';
import type { SecretCipher } from '../secrets/secret-store';

/** What a paired station keeps: its host, its name and secret there, and the host's pinned certificate. */
export const stationCredentialSchema = z
  .object({
    host: z.string().regex(/^wss:\/\/[^\s/]+(:\d+)?\/?$/, 'a wss://host:port address'),
    station: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    secret: z.string().min(20).max(128),
    certPem: z.string().min(1),
    fingerprint256: z.string().regex(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
  })
  .strict();
export type StationCredential = z.infer<typeof stationCredentialSchema>;

/** On disk the secret is either plain (no OS keychain) or sealed by the keychain-wrapped data key (the app). */
const storedSchema = z.union([
  stationCredentialSchema,
  stationCredentialSchema
    .omit({ secret: true })
    .extend({ sealedSecret: z.string().min(1).max(4096) })
    .strict(),
]);

/**
 * A 0600 file beside the data folder, as the host certificate is: `npm run pair`,
 * the wizard and both start-ups read the same file. With an OS keychain (the
 * Electron app) the secret in it is sealed, as the PIN pepper is
 * (main/staff/pin-pepper.ts); without one (bridge mode) the file's mode guards it.
 */
export function stationCredentialFile(userDataDir: string): string {
  return join(dirname(userDataDir), `${basename(userDataDir)}.station-credential.json`);
}

export function readStationCredential(userDataDir: string, cipher: SecretCipher | null = null): StationCredential | null {
  const file = stationCredentialFile(userDataDir);
  if (!existsSync(file)) return null;
  const parsed = storedSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a station credential (${parsed.error.issues[0]?.message}): pair this station again.`);
  if ('secret' in parsed.data) return parsed.data;
  const { sealedSecret, ...rest } = parsed.data;
  if (!cipher?.isEncryptionAvailable()) throw new Error(`${file} is sealed by this user's OS keychain, which is not available: start the app as that user, or pair this station again.`);
  return stationCredentialSchema.parse({ ...rest, secret: cipher.decryptString(Buffer.from(sealedSecret, 'base64')) });
}

export function writeStationCredential(userDataDir: string, credential: StationCredential, cipher: SecretCipher | null = null): string {
  const file = stationCredentialFile(userDataDir);
  const { secret, ...rest } = stationCredentialSchema.parse(credential);
  const stored = cipher?.isEncryptionAvailable() ? { ...rest, sealedSecret: cipher.encryptString(secret).toString('base64') } : { ...rest, secret };
  writePrivate(file, JSON.stringify(stored));
  return file;
}

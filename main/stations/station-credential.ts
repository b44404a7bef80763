import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { writePrivate } from '../kernel/private-file';

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

/**
 * A 0600 file beside the data folder, as the host certificate is, in bridge mode
 * and in the app alike: `npm run pair`, the wizard and both start-ups read the same file.
 */
export function stationCredentialFile(userDataDir: string): string {
  return join(dirname(userDataDir), `${basename(userDataDir)}.station-credential.json`);
}

export function readStationCredential(userDataDir: string): StationCredential | null {
  const file = stationCredentialFile(userDataDir);
  if (!existsSync(file)) return null;
  const parsed = stationCredentialSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a station credential (${parsed.error.issues[0]?.message}): pair this station again.`);
  return parsed.data;
}

export function writeStationCredential(userDataDir: string, credential: StationCredential): string {
  const file = stationCredentialFile(userDataDir);
  writePrivate(file, JSON.stringify(stationCredentialSchema.parse(credential)));
  return file;
}

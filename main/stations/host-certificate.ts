import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { generate } from 'selfsigned';
import { z } from 'zod';
import { writePrivate } from '../kernel/private-file';

export interface HostCertificate {
  key: string;
  cert: string;
  /** SHA-256 of the certificate, as paired stations pin it (AA:BB:…). */
  fingerprint256: string;
}

const storedSchema = z.object({ key: z.string().min(1), cert: z.string().min(1) }).strict();

/**
 * The host's TLS identity for the station link: self-signed, made at first run,
 * kept in a 0600 file beside the data folder (like the PIN pepper), so a copy of
 * the folder cannot impersonate the host. Paired stations pin its fingerprint.
 */
export function hostCertificateFile(userDataDir: string): string {
  return join(dirname(userDataDir), `${basename(userDataDir)}.station-tls.json`);
}

export async function loadOrCreateHostCertificate(userDataDir: string, store: string, log: (entry: Record<string, unknown>) => void = () => {}): Promise<HostCertificate> {
  const file = hostCertificateFile(userDataDir);
  if (existsSync(file)) {
    const stored = storedSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    return { ...stored, fingerprint256: new X509Certificate(stored.cert).fingerprint256 };
  }
  const made = await generate([{ name: 'commonName', value: `mostrador-host.${store}` }], { keyType: 'ec', curve: 'P-256', notAfterDate: new Date(Date.now() + 10 * 365 * 86_400_000) });
  writePrivate(file, JSON.stringify({ key: made.private, cert: made.cert }));
  const fingerprint256 = new X509Certificate(made.cert).fingerprint256;
  log({ level: 'info', msg: 'created the station link certificate', file, fingerprint256 });
  return { key: made.private, cert: made.cert, fingerprint256 };
}

import { chmodSync, renameSync, writeFileSync } from 'node:fs';

/**
 * Writes a file only its user may read (0600), whole or not at all: a temporary file is written,
 * made 0600 even if one was left behind looser, and renamed into place, so a crash leaves the old
 * file or the new one, never half of it.
 */
export function writePrivate(file: string, content: Buffer | string): void {
  writeFileSync(`${file}.tmp`, content, { mode: 0o600 });
  chmodSync(`${file}.tmp`, 0o600);
  renameSync(`${file}.tmp`, file);
}

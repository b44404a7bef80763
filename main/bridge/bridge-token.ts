import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivate } from '../kernel/private-file';

const tokenFile = 'bridge-token';
const tokenShape = /^[A-Za-z0-9_-]{32}$/;

/** A new bridge token: 24 random bytes, URL-safe. */
export const newBridgeToken = (): string => randomBytes(24).toString('base64url');

/**
 * The bridge's token for this data folder, kept in a file only its user may read. The same
 * token after a restart means a tab left open reconnects by itself; a new one per run
 * would leave it refused, saying it reconnects, for ever (docs/decisions.md). A file that
 * is missing or not a token is replaced by a new one.
 */
export function loadOrCreateBridgeToken(userDataDir: string): string {
  const file = join(userDataDir, tokenFile);
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (tokenShape.test(kept)) return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const token = newBridgeToken();
  writePrivate(file, token);
  return token;
}

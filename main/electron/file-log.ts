import { createWriteStream, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createConsoleLog } from '../core/console-log';

const maxBytes = 5 * 1024 * 1024;

/** JSON lines in `<dir>/main.log`; at start a log over 5 MB becomes main.1.log (one generation kept). */
export function createFileLog(dir: string): (entry: Record<string, unknown>) => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'main.log');
  try {
    if (statSync(file).size > maxBytes) renameSync(file, join(dir, 'main.1.log'));
  } catch {
    // No log yet.
  }
  return createConsoleLog(createWriteStream(file, { flags: 'a' }));
}

import { readdirSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Db } from '../kernel/db/open-ledger';
import { checkLedger } from '../stock/stock-levels';
import { sanitizeConfig, scrubText, secretValues } from './sanitize-config';

export interface DiagnosticsInput {
  /** The open ledger: checked the way `npm run check-ledger` checks it, never copied. */
  db: Db;
  /** The resolved configuration (store config, policy, HQ link…); secrets are removed here. */
  config: unknown;
  /** The log folder; every `*.log` in it is included. */
  logDir: string;
  outFile: string;
  now?: Date;
}

export interface DiagnosticsResult {
  file: string;
  bytes: number;
}

/** Log files as pino leaves them: main.log, main.1.log … */
function logFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.log'))
      .sort();
  } catch {
    return [];
  }
}

/**
 * "Save diagnostics": one zip for support with the logs, the configuration
 * without its secrets and a fresh ledger integrity check. Logs are already
 * redacted when written; they are scrubbed again for the configuration's secret
 * values, in case an older or foreign line carried one.
 */
export async function writeDiagnostics({ db, config, logDir, outFile, now = new Date() }: DiagnosticsInput): Promise<DiagnosticsResult> {
  const secrets = secretValues(config);
  const check = checkLedger(db);
  const files: Zippable = {
    'summary.json': strToU8(
      JSON.stringify(
        {
          createdAt: now.toISOString(),
          platform: platform(),
          arch: arch(),
          versions: { node: process.versions.node, electron: process.versions.electron ?? null, sqlite: sqliteVersion(db) },
          ledgerOk: check.ok,
        },
        null,
        2,
      ),
    ),
    'config.json': strToU8(JSON.stringify(sanitizeConfig(config), null, 2)),
    'ledger-check.json': strToU8(JSON.stringify(check, null, 2)),
  };
  for (const name of logFiles(logDir)) {
    files[`logs/${name}`] = strToU8(scrubText(readFileSync(join(logDir, name), 'utf8'), secrets));
  }
  const zip = zipSync(files, { level: 6, mtime: now });
  mkdirSync(dirname(outFile), { recursive: true });
  // Whole or not at all: support never gets a truncated zip.
  const temp = `${outFile}.partial`;
  writeFileSync(temp, zip, { mode: 0o600 });
  renameSync(temp, outFile);
  return { file: outFile, bytes: zip.byteLength };
}

function sqliteVersion(db: Db): string | null {
  try {
    return db.prepare('SELECT sqlite_version()').pluck().get() as string;
  } catch {
    return null;
  }
}

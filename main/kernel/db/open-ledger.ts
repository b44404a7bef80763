import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { LedgerDamagedError, LedgerLostError, LedgerMismatchError, LedgerTooNewError } from '../errors';
import { migrations as shipped, type Migration } from './migrations';
import { sqliteNativeBinding } from './sqlite-native-binding';

export type Db = Database.Database;

export interface OpenLedgerOptions {
  /** Migrations to apply; tests pass a longer list to simulate a newer build. */
  migrations?: Migration[];
  readonly?: boolean;
  /**
   * The ledger id config.json recorded when this store's ledger was created. With it,
   * a missing or empty file is a lost ledger, never a first start.
   */
  expectedId?: string;
}

const ledgerIdKey = 'ledger.id';

/**
 * Opens (creating if needed) a store ledger. WAL with synchronous=FULL: once a
 * commit returns, staff may be told it happened, and it survives power loss.
 * A ledger that fails SQLite's quick check is refused before anything is written.
 */
export function openLedger(file: string, options: OpenLedgerOptions = {}): Db {
  if (options.expectedId !== undefined) refuseLost(file, options.expectedId);
  let db: Db;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, nativeBinding: sqliteNativeBinding() });
  } catch (error) {
    throw asDamaged(file, error);
  }
  try {
    db.pragma('busy_timeout = 5000');
    checkIntegrity(db, file);
    if (options.expectedId !== undefined) refuseAnother(db, file, options.expectedId);
    if (!options.readonly) {
      // SQLite gives the -wal and -shm files it creates the ledger's own mode, so it is set first.
      makePrivateFiles(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db, file, options.migrations ?? shipped);
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(ledgerIdKey, randomUUID());
      makePrivateFiles(file);
    }
    return db;
  } catch (error) {
    db.close();
    throw asDamaged(file, error);
  }
}

/** The id this ledger was given when it was created; it travels with the file into its backups. */
export function ledgerId(db: Db): string | null {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(ledgerIdKey) as string | undefined) ?? null;
}

function refuseLost(file: string, expectedId: string): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new LedgerLostError(file, expectedId, 'missing');
  }
  if (size === 0) throw new LedgerLostError(file, expectedId, 'empty');
}

/** A file carrying another ledger's id is refused before anything (a migration) writes to it. */
function refuseAnother(db: Db, file: string, expectedId: string): void {
  const hasSettings = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'settings'").pluck().get() !== undefined;
  if (!hasSettings) return;
  const found = ledgerId(db);
  if (found !== null && found !== expectedId) throw new LedgerMismatchError(file, expectedId, found);
}

/** quick_check reads every page once (no index cross-check): fast enough for every start. */
function checkIntegrity(db: Db, file: string): void {
  const findings = db.pragma('quick_check(5)', { simple: false }) as { quick_check: string }[];
  const problems = findings.map((row) => row.quick_check).filter((text) => text !== 'ok');
  if (problems.length > 0) throw new LedgerDamagedError(file, problems.join('; '));
}

/** SQLite's own words for a file that is not a sound database become the typed refusal. */
function asDamaged(file: string, error: unknown): unknown {
  if (error instanceof Database.SqliteError && /^SQLITE_(CORRUPT|NOTADB)/.test(error.code)) {
    return new LedgerDamagedError(file, error.message);
  }
  return error;
}

/** The ledger, its WAL and shared memory are the store's and its user's alone (0600). */
export function makePrivateFiles(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, 0o600);
  }
}

/** The data folder: created 0700, and tightened if it was made looser before. */
export function makePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

export function migrate(db: Db, file: string, list: Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
  }[];
  // The applied list must be a prefix of what this build ships; anything else
  // was written by a newer (or foreign) build and is refused untouched.
  const isPrefix = applied.every((m, i) => list[i]?.version === m.version && list[i]?.name === m.name);
  if (!isPrefix) {
    throw new LedgerTooNewError(
      file,
      applied.map((m) => m.version),
      list.at(-1)?.version ?? 0,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of list.slice(applied.length)) {
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

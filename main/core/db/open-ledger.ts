import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { LedgerTooNewError } from '../errors';
import { migrations as shipped, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenLedgerOptions {
  /** Migrations to apply; tests pass a longer list to simulate a newer build. */
  migrations?: Migration[];
  readonly?: boolean;
}

/**
 * Opens (creating if needed) a store ledger. WAL with synchronous=FULL: once a
 * commit returns, staff may be told it happened, and it survives power loss.
 */
export function openLedger(file: string, options: OpenLedgerOptions = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      // SQLite gives the -wal and -shm files it creates the ledger's own mode, so it is set first.
      makePrivateFiles(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db, file, options.migrations ?? shipped);
      makePrivateFiles(file);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
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

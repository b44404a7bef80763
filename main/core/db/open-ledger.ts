import Database from 'better-sqlite3';
import { LedgerTooNewError } from '../errors';
import { migrations as shipped, type Migration } from './migrations';
import { sqliteNativeBinding } from './sqlite-native-binding';

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
  const db = new Database(file, { readonly: options.readonly ?? false, nativeBinding: sqliteNativeBinding() });
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db, file, options.migrations ?? shipped);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
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

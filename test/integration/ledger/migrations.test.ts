import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { migrations } from '../../../main/kernel/db/migrations';
import { openLedger, schemaVersion } from '../../../main/kernel/db/open-ledger';
import { LedgerTooNewError } from '../../../main/kernel/errors';
import { tempDir } from '../../helpers/temp-dir';

const latest = migrations.at(-1)!.version;

test('an empty file is migrated to the latest schema, in WAL mode with synchronous=FULL', () => {
  const file = join(tempDir(), 'fresh.sqlite');
  const db = openLedger(file);
  assert.equal(schemaVersion(db), latest);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('synchronous', { simple: true }), 2, 'FULL');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  for (const table of ['products', 'barcodes', 'movements', 'stock_levels', 'outbox', 'audit_log', 'staff', 'locations']) {
    assert.ok(tables.includes(table), `${table} exists`);
  }
  const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
  assert.deepEqual(applied, migrations.map((m) => m.version));
  db.close();
});

test('reopening applies nothing twice and keeps the data', () => {
  const file = join(tempDir(), 'again.sqlite');
  const first = openLedger(file);
  first.prepare("INSERT INTO settings (key, value) VALUES ('k', 'v')").run();
  first.close();
  const second = openLedger(file);
  assert.equal(second.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get(), 'v');
  assert.equal(second.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get(), migrations.length);
  second.close();
});

test('a ledger written by a newer version is refused with a clear message and left untouched', () => {
  const file = join(tempDir(), 'newer.sqlite');
  const future = [...migrations, { version: latest + 1, name: 'from-the-future', sql: 'CREATE TABLE future (x)' }];
  openLedger(file, { migrations: future }).close();
  // Fold the WAL into the main file so the hash below covers everything.
  const raw = new Database(file);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  const digest = () => createHash('sha256').update(readFileSync(file)).digest('hex');
  const before = digest();

  assert.throws(
    () => openLedger(file),
    (error: unknown) =>
      error instanceof LedgerTooNewError &&
      error.message.includes(`schema ${latest + 1}`) &&
      error.message.includes(`knows up to ${latest}`) &&
      error.message.includes(file),
  );
  assert.equal(digest(), before);
});

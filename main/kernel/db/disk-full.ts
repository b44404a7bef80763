import Database from 'better-sqlite3';
import { StoreError } from '../errors';

/**
 * SQLite's answer when the disk (or the ledger's page cap) has no room: the
 * transaction was rolled back whole, so staff are told nothing was saved.
 */
export function diskFullError(error: unknown): StoreError | null {
  if (!(error instanceof Database.SqliteError) || error.code !== 'SQLITE_FULL') return null;
  return new StoreError('DISK_FULL', 'Disk full: nothing was saved. Free space on this computer, then try again.');
}

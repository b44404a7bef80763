import type { Db } from '../kernel/db/open-ledger';

/** Small durable counters of the HQ link (sync_state table). */
export function createSyncState(db: Db) {
  const get = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
  const set = db.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    number(key: string, fallback = 0): number {
      const value = get.get(key) as string | undefined;
      return value === undefined ? fallback : Number(value);
    },
    setNumber(key: string, value: number): void {
      set.run(key, String(value));
    },
    text(key: string): string | null {
      return (get.get(key) as string | undefined) ?? null;
    },
    setText(key: string, value: string): void {
      set.run(key, value);
    },
  };
}
export type SyncState = ReturnType<typeof createSyncState>;

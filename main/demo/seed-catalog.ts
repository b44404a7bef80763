import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../kernel/db/open-ledger';
import { demoProducts } from './demo-catalog';

/**
 * Bulk-loads `count` generated products (for benchmarks and load tests).
 * fsync is off for the load only: a half-written seed is simply run again.
 */
export function seedCatalog(
  db: Db,
  catalog: CatalogStore,
  count: number,
  onProgress: (done: number, total: number) => void = () => {},
): void {
  const previous = db.pragma('synchronous', { simple: true });
  const previousCache = db.pragma('cache_size', { simple: true });
  db.pragma('synchronous = OFF');
  // A large cache keeps the B-trees in memory instead of spilling pages to the WAL mid-load.
  db.pragma('cache_size = -524288');
  try {
    let done = 0;
    const chunk = 20_000;
    db.transaction(() => {
      // Row-by-row search-index triggers cost half the load; one FTS rebuild at the end is far cheaper.
      const triggers = db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'products_search_%'")
        .all() as { name: string; sql: string }[];
      for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
      for (const batch of demoProducts(count, chunk)) {
        catalog.upsertProducts(
          batch.map((g) => g.product),
          batch.flatMap((g) => g.barcodes),
        );
        done += batch.length;
        onProgress(done, count);
      }
      db.exec("INSERT INTO products_search (products_search) VALUES ('rebuild')");
      for (const t of triggers) db.exec(t.sql);
    })();
  } finally {
    db.pragma(`cache_size = ${previousCache}`);
    db.pragma(`synchronous = ${previous}`);
  }
}

import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../db/open-ledger';
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
  db.pragma('synchronous = OFF');
  try {
    let done = 0;
    const chunk = 20_000;
    db.transaction(() => {
      for (const batch of demoProducts(count, chunk)) {
        catalog.upsertProducts(
          batch.map((g) => g.product),
          batch.flatMap((g) => g.barcodes),
        );
        done += batch.length;
        onProgress(done, count);
      }
    })();
  } finally {
    db.pragma(`synchronous = ${previous}`);
  }
}

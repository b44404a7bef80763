import type { StaffInfo } from '../api/types';
import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../kernel/db/open-ledger';
import type { StaffDirectory } from '../staff/staff-directory';
import type { MovementLedger } from '../stock/movement-ledger';
import { defaultSafetyStockKey } from '../stock/stock-levels';
import { demoProducts, demoStartingStock, weighedGoods } from './demo-catalog';
import { demoVariableMeasure } from './demo-variable-measure';

export const demoCatalogSize = 2000;

/** Demo staff; their PINs are documented in README.md. Never used outside the demo store. */
export const demoStaff: { member: StaffInfo; pin: string }[] = [
  { member: { id: 'ana', name: 'Ana García', role: 'associate' }, pin: '1111' },
  { member: { id: 'pablo', name: 'Pablo Ruiz', role: 'pickup' }, pin: '2222' },
  { member: { id: 'marta', name: 'Marta López', role: 'manager' }, pin: '3333' },
  { member: { id: 'ivan', name: 'Iván Torres', role: 'admin' }, pin: '4444' },
];

/** Fills an empty ledger with the demo store. A ledger with any product is left alone. */
export async function seedDemoStoreIfEmpty(
  { db, catalog, movements, staff }: { db: Db; catalog: CatalogStore; movements: Pick<MovementLedger, 'append'>; staff: Pick<StaffDirectory, 'upsert'> },
  station: string,
): Promise<boolean> {
  if (!catalog.isEmpty()) return false;

  for (const { member, pin } of demoStaff) await staff.upsert(member, pin);

  db.transaction(() => {
    db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(defaultSafetyStockKey, '2');
    for (const batch of demoProducts(demoCatalogSize)) {
      catalog.upsertProducts(
        batch.map((g) => g.product),
        batch.flatMap((g) => g.barcodes),
      );
    }
    const fresh = demoVariableMeasure(weighedGoods);
    catalog.setVariableMeasureLayouts(fresh.layouts);
    catalog.upsertProducts(fresh.products, fresh.barcodes);

    const receive = (sku: string, qty: number, to: string) =>
      qty > 0 && movements.append({ sku, qty, from: 'supplier', to, reason: 'opening-stock', staff: 'system', station });
    for (let index = 1; index <= demoCatalogSize; index++) {
      const stock = demoStartingStock(index);
      const sku = `MS-${String(index).padStart(6, '0')}`;
      receive(sku, stock.backRoom, 'back_room');
      receive(sku, stock.salesFloor, 'sales_floor');
    }
    for (const p of fresh.products) receive(p.sku, 20_000, 'sales_floor');
  })();
  return true;
}

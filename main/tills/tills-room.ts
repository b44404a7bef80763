import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../kernel/db/open-ledger';
import type { MovementLedger } from '../stock/movement-ledger';
import type { StockLevels } from '../stock/stock-levels';
import { createTillCredentials, type TillCredentials } from './till-credentials';
import { createTillSales, type TillSales } from './till-sales';

/** The tills room: their tokens and the receipts they posted. */
export interface TillsRoom {
  credentials: TillCredentials;
  sales: TillSales;
}

export function createTillsRoom(deps: {
  db: Db;
  catalog: CatalogStore;
  movements: MovementLedger;
  levels: StockLevels;
  station: string;
  onStockChanged(skus: string[]): void;
}): TillsRoom {
  const credentials = createTillCredentials(deps.db);
  return { credentials, sales: createTillSales({ ...deps, credentials }) };
}

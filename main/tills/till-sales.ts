import { createHash } from 'node:crypto';
import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from '../kernel/db/open-ledger';
import { StoreError } from '../kernel/errors';
import type { MovementInfo } from '../api/types';
import type { MovementLedger } from '../stock/movement-ledger';
import type { StockLevels } from '../stock/stock-levels';
import type { TillCredentials } from './till-credentials';
import { TillError, type TillApplied, type TillLine, type TillReceipt } from './till-receipt';

export interface TillSalesDeps {
  db: Db;
  catalog: Pick<CatalogStore, 'product' | 'findByCode'>;
  movements: MovementLedger;
  levels: Pick<StockLevels, 'summary'>;
  credentials: TillCredentials;
  station: string;
  /** After the receipt committed: screens hear which SKUs moved. */
  onStockChanged(skus: string[]): void;
  now?: () => Date;
}

interface ReceiptRow {
  body_sha256: string;
  result_json: string;
}

/**
 * Applies the tills' receipts to the ledger, each exactly once. A receipt is one
 * transaction: its movements, their outbox rows and the record that it was
 * applied commit together, or nothing does.
 *
 * A sale takes from the sales floor. The sale happened whatever the ledger
 * thought was there, so a shortfall is first written in as found stock
 * (`adjustment → sales_floor`, reason "till-shortfall"): the ledger never
 * refuses what already left the store, and the gap it had stays visible. A
 * return puts the item back on the sales floor (the store has no returns
 * location). A receipt naming any product the store does not know is refused
 * whole, with the lines at fault, so the till can post it again once the
 * catalog has it (docs/decisions.md).
 */
export function createTillSales({ db, catalog, movements, levels, credentials, station, onStockChanged, now = () => new Date() }: TillSalesDeps) {
  const applied = db.prepare('SELECT body_sha256, result_json FROM till_receipts WHERE till = ? AND receipt_id = ?');
  const record = db.prepare(
    `INSERT INTO till_receipts (till, receipt_id, body_sha256, receipt_at, applied_at, result_json)
     VALUES (@till, @receiptId, @hash, @receiptAt, @appliedAt, @result)`,
  );

  function skuOf(line: TillLine): string | null {
    if ('sku' in line) return catalog.product(line.sku) ? line.sku : null;
    try {
      const match = catalog.findByCode(line.gtin);
      return match.product && match.matchedBy === 'gtin' ? match.product.sku : null;
    } catch (error) {
      // A GTIN whose check digit fails is no product's: the same refusal as an unknown one.
      if (error instanceof StoreError) return null;
      throw error;
    }
  }

  function resolve(receipt: TillReceipt): string[] {
    const skus: (string | null)[] = receipt.lines.map(skuOf);
    const unknown: { line: number; code: 'UNKNOWN_SKU' | 'UNKNOWN_GTIN'; message: string }[] = [];
    receipt.lines.forEach((line, index) => {
      if (skus[index] !== null) return;
      unknown.push(
        'sku' in line
          ? { line: index, code: 'UNKNOWN_SKU', message: `There is no product with SKU "${line.sku}".` }
          : { line: index, code: 'UNKNOWN_GTIN', message: `No product has the GTIN ${line.gtin}.` },
      );
    });
    if (unknown.length > 0) {
      throw new TillError('UNKNOWN_ITEMS', `${unknown.length} of ${receipt.lines.length} lines name no product of this store; nothing was applied.`, {
        lines: unknown,
      });
    }
    return skus as string[];
  }

  const applyTx = db.transaction((till: string, receipt: TillReceipt, hash: string): TillApplied => {
    const before = applied.get(till, receipt.receiptId) as ReceiptRow | undefined;
    if (before) {
      if (before.body_sha256 !== hash) {
        throw new TillError('RECEIPT_CONFLICT', `Receipt ${receipt.receiptId} was applied before with other lines; it was not applied again.`);
      }
      return { ...(JSON.parse(before.result_json) as TillApplied), alreadyApplied: true };
    }
    const skus = resolve(receipt);
    const staff = `till:${till}`;
    const ref = `till:${till}:${receipt.receiptId}`.slice(0, 128);
    const moved: MovementInfo[] = [];
    receipt.lines.forEach((line, index) => {
      const sku = skus[index]!;
      const base = { sku, staff, station, ref };
      if (line.type === 'return') {
        moved.push(movements.append({ ...base, qty: line.qty, from: 'customer', to: 'sales_floor', reason: 'till-return' }));
        return;
      }
      const onFloor = levels.summary(sku).byLocation.find((l) => l.location === 'sales_floor')?.qty ?? 0;
      const shortfall = line.qty - Math.max(0, onFloor);
      if (shortfall > 0) moved.push(movements.append({ ...base, qty: shortfall, from: 'adjustment', to: 'sales_floor', reason: 'till-shortfall' }));
      moved.push(movements.append({ ...base, qty: line.qty, from: 'sales_floor', to: 'customer', reason: 'till-sale' }));
    });
    const result: TillApplied = {
      ok: true,
      receiptId: receipt.receiptId,
      till,
      alreadyApplied: false,
      appliedAt: now().toISOString(),
      movements: moved.map(({ id, seq, sku, qty, from, to, reason }) => ({ id, seq, sku, qty, from, to, reason })),
    };
    record.run({ till, receiptId: receipt.receiptId, hash, receiptAt: receipt.at, appliedAt: result.appliedAt, result: JSON.stringify(result) });
    credentials.markSeen(till);
    return result;
  });

  return {
    /** Applies a receipt the till `till` posted (already authenticated and parsed). */
    apply(till: string, receipt: TillReceipt): TillApplied {
      if (receipt.till !== till) {
        throw new TillError('WRONG_TILL', `This token was issued to till "${till}", not to "${receipt.till}".`);
      }
      const hash = createHash('sha256').update(JSON.stringify(receipt)).digest('hex');
      const result = applyTx(till, receipt, hash);
      if (!result.alreadyApplied) onStockChanged([...new Set(result.movements.map((m) => m.sku))]);
      return result;
    },
  };
}
export type TillSales = ReturnType<typeof createTillSales>;

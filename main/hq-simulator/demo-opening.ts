import { demoProducts, demoStartingStock } from '../demo/demo-catalog';
import type { StoreOpening } from './hq-simulator';

/**
 * The demo catalog's first `count` products and each one's opening stock, as HQ sends a store
 * from zero. Every store gets the same quantities: the generator is deterministic by index.
 */
export function demoOpening(count: number, _store: string): StoreOpening {
  const products: StoreOpening['products'] = [];
  const levels: StoreOpening['levels'] = [];
  let index = 0;
  for (const batch of demoProducts(count)) {
    for (const { product, barcodes } of batch) {
      index++;
      products.push({ ...product, barcodes: barcodes.map((b) => b.code) });
      const stock = demoStartingStock(index);
      levels.push({ sku: product.sku, location: 'sales_floor', qty: stock.salesFloor }, { sku: product.sku, location: 'back_room', qty: stock.backRoom });
    }
  }
  return { products, levels };
}

import { useEffect, useState } from 'react';
import type { LookupResult } from '../../../main/api/types';
import { useClient } from '../api/client-context';

export interface LineProduct {
  name: string;
  /** A barcode to show the picker, when the product has one. */
  barcode: string | null;
  /** Where the stock is, the floor first: the pick list groups by the first. */
  locations: { location: string; qty: number }[];
}

/** Where pickers look, in the order the core holds stock from: the floor, then the back room. */
const pickFrom = ['sales_floor', 'back_room'];

/**
 * Names and shelf locations for an order's SKUs, from catalog.lookup (the order
 * lines carry SKUs only). Kept current by 'stock.changed'.
 */
export function useLineProducts(skus: readonly string[]): ReadonlyMap<string, LineProduct> {
  const client = useClient();
  const [products, setProducts] = useState<ReadonlyMap<string, LineProduct>>(new Map());
  const key = [...new Set(skus)].sort().join('\n');

  useEffect(() => {
    let stale = false;
    const wanted = key ? key.split('\n') : [];
    const read = async (list: string[]) => {
      const results = await Promise.all(list.map((sku) => client.call('catalog.lookup', { code: sku })));
      if (stale) return;
      setProducts((current) => {
        const next = new Map(current);
        results.forEach((result, i) => {
          if (result.ok) next.set(list[i]!, toLineProduct(result.value));
        });
        return next;
      });
    };
    void read(wanted);
    const unsubscribe = client.subscribe((event) => {
      if (event.event !== 'stock.changed') return;
      const touched = wanted.filter((sku) => event.payload.skus.includes(sku));
      if (touched.length > 0) void read(touched);
    });
    return () => {
      stale = true;
      unsubscribe();
    };
  }, [client, key]);

  return products;
}

function toLineProduct(result: LookupResult): LineProduct {
  return {
    name: result.product.name,
    barcode: result.product.barcodes[0]?.replace(/^0(?=\d{13}$)/, '') ?? null,
    locations: result.stock.byLocation
      .filter((l) => pickFrom.includes(l.location) && l.qty > 0)
      .sort((a, b) => pickFrom.indexOf(a.location) - pickFrom.indexOf(b.location))
      .map(({ location, qty }) => ({ location, qty })),
  };
}

import { useQueries } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { LookupResult } from '../../../main/api/types';
import { useClient, useConnection } from '../api/client-context';
import { readThrough, storeQueryKey } from '../api/query-cache';

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
 * lines carry SKUs only), through the cache: 'stock.changed' naming a SKU re-reads it.
 */
export function useLineProducts(skus: readonly string[]): ReadonlyMap<string, LineProduct> {
  const client = useClient();
  const connected = useConnection().status === 'connected';
  const key = [...new Set(skus)].sort().join('\n');
  const wanted = useMemo(() => (key ? key.split('\n') : []), [key]);
  // Stable while the SKUs are, so the map is rebuilt only when an answer changes.
  const combine = useCallback(
    (results: { data?: LookupResult }[]): ReadonlyMap<string, LineProduct> =>
      new Map(results.flatMap((result, i) => (result.data ? [[wanted[i]!, toLineProduct(result.data)] as const] : []))),
    [wanted],
  );
  return useQueries({
    queries: wanted.map((sku) => ({
      queryKey: storeQueryKey('catalog.lookup', { code: sku }),
      queryFn: readThrough(client, 'catalog.lookup', { code: sku }),
      enabled: connected,
    })),
    combine,
  });
}

function toLineProduct(result: LookupResult): LineProduct {
  return {
    name: result.product.name,
    barcode: result.product.barcodes[0]?.replace(/^0(?=\d{13}$)/, '') ?? null,
    // A location being counted reads null for the roles that count: the picker is not told it.
    locations: result.stock.byLocation
      .flatMap(({ location, qty }) => (qty !== null && qty > 0 && pickFrom.includes(location) ? [{ location, qty }] : []))
      .sort((a, b) => pickFrom.indexOf(a.location) - pickFrom.indexOf(b.location)),
  };
}

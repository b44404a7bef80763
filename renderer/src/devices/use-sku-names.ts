import { useQueries } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../../main/api/result';
import { useClient, useConnection } from '../api/client-context';
import { readThrough, storeQueryKey } from '../api/query-cache';

/** What the catalog says about a typed SKU. `sku` is the product's own: a barcode typed or scanned resolves to it. */
export type SkuCheck = { kind: 'checking' } | { kind: 'found'; sku: string; name: string } | { kind: 'unknown' } | { kind: 'error'; error: ApiError };

/** The catalog answers these when no product has the code: for the editor, an unknown SKU. */
const notAProduct = new Set(['UNKNOWN_BARCODE', 'MALFORMED_BARCODE', 'UNKNOWN_SKU']);
/** Wait for typing to pause before asking. */
const settleMs = 300;

/** The value once it has stopped changing for `ms`. */
function useSettled(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Looks up each distinct SKU once typing pauses, through the query cache: the same
 * 'catalog.lookup' the product screen reads, kept current by stock.changed (a product
 * HQ adds or renames), and re-read after a reconnect when a read failed.
 */
export function useSkuNames(skus: readonly string[]): ReadonlyMap<string, SkuCheck> {
  const client = useClient();
  const connected = useConnection().status === 'connected';
  const wanted = useSettled([...new Set(skus.map((sku) => sku.trim()).filter(Boolean))].sort().join('\n'), settleMs);
  const codes = wanted === '' ? [] : wanted.split('\n');
  const lookups = useQueries({
    queries: codes.map((code) => ({
      queryKey: storeQueryKey('catalog.lookup', { code }),
      queryFn: readThrough(client, 'catalog.lookup', { code }),
      enabled: connected,
    })),
  });
  const checks = new Map<string, SkuCheck>();
  codes.forEach((code, i) => {
    const { data } = lookups[i]!;
    const error = lookups[i]!.error as ApiError | null;
    checks.set(
      code,
      data !== undefined
        ? { kind: 'found', sku: data.product.sku, name: data.product.name }
        : error
          ? notAProduct.has(error.code)
            ? { kind: 'unknown' }
            : { kind: 'error', error }
          : { kind: 'checking' },
    );
  });
  return checks;
}

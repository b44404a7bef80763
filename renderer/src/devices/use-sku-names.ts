import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../../main/api/result';
import { useClient } from '../api/client-context';

/** What the catalog says about a typed SKU. `sku` is the product's own: a barcode typed or scanned resolves to it. */
export type SkuCheck = { kind: 'checking' } | { kind: 'found'; sku: string; name: string } | { kind: 'unknown' } | { kind: 'error'; error: ApiError };

/** The catalog answers these when no product has the code: for the editor, an unknown SKU. */
const notAProduct = new Set(['UNKNOWN_BARCODE', 'MALFORMED_BARCODE', 'UNKNOWN_SKU']);
/** Wait for typing to pause before asking. */
const settleMs = 300;

/** Looks up each distinct SKU once typing pauses; answers are kept for the life of the form. */
export function useSkuNames(skus: readonly string[]): ReadonlyMap<string, SkuCheck> {
  const client = useClient();
  const [checks, setChecks] = useState<ReadonlyMap<string, SkuCheck>>(new Map());
  const asked = useRef(new Set<string>());
  // Answers outlive the edit that asked for them, so only unmounting drops them.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const wanted = [...new Set(skus.map((sku) => sku.trim()).filter(Boolean))].sort().join('\n');

  useEffect(() => {
    const fresh = wanted.split('\n').filter((sku) => sku !== '' && !asked.current.has(sku));
    if (fresh.length === 0) return;
    const timer = setTimeout(() => {
      for (const sku of fresh) {
        asked.current.add(sku);
        setChecks((known) => new Map(known).set(sku, { kind: 'checking' }));
        void client.call('catalog.lookup', { code: sku }).then((result) => {
          const check: SkuCheck = result.ok
            ? { kind: 'found', sku: result.value.product.sku, name: result.value.product.name }
            : notAProduct.has(result.error.code)
              ? { kind: 'unknown' }
              : { kind: 'error', error: result.error };
          // A failed read (e.g. the link dropped) may be asked again on the next edit.
          if (check.kind === 'error') asked.current.delete(sku);
          if (mounted.current) setChecks((known) => new Map(known).set(sku, check));
        });
      }
    }, settleMs);
    return () => clearTimeout(timer);
  }, [client, wanted]);

  return checks;
}

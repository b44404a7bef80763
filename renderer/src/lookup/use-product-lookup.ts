import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../../main/api/result';
import type { LookupResult, ProductHit } from '../../../main/api/types';
import { useQueryClient } from '@tanstack/react-query';
import { useClient } from '../api/client-context';
import { storeQueryKey } from '../api/query-cache';
import { useStoreQuery } from '../api/use-store-query';
import { lookupIntent } from './lookup-text';

export type LookupSource = 'typed' | 'scanned';

export type LookupView =
  | { kind: 'empty' }
  | { kind: 'loading'; text: string; source: LookupSource }
  | { kind: 'found'; result: LookupResult; source: LookupSource; refreshing: boolean }
  | { kind: 'unknown'; code: string; source: LookupSource }
  | { kind: 'malformed'; code: string; source: LookupSource }
  | { kind: 'misread'; code: string; source: LookupSource }
  | { kind: 'no-hits'; text: string }
  | { kind: 'error'; error: ApiError; source: LookupSource };

export interface SearchHits {
  text: string;
  hits: ProductHit[];
  limit: number;
}

const searchLimit = 20;

/**
 * The lookup screen's state: the last code looked up (typed or scanned), the
 * name search's hits, and the shown product's stock kept current through the
 * cache. Only the newest request's answer is shown.
 */
export function useProductLookup() {
  const client = useClient();
  const cache = useQueryClient();
  const [view, setView] = useState<LookupView>({ kind: 'empty' });
  const [search, setSearch] = useState<SearchHits | null>(null);
  const latestRequest = useRef(0);
  // Search as you type has its own counter: a newer keystroke, Enter or a scan makes an older answer stale.
  const latestSearch = useRef(0);
  const lastAsk = useRef<{ text: string; symbology: string | null; source: LookupSource } | null>(null);
  const shownSku = view.kind === 'found' ? view.result.product.sku : null;

  const lookUp = useCallback(
    async (code: string, source: LookupSource, fallBackToSearch = false, symbology: string | null = null) => {
      const request = ++latestRequest.current;
      lastAsk.current = { text: code, symbology, source };
      setView({ kind: 'loading', text: code, source });
      const result = await client.call('catalog.lookup', { code, symbology });
      if (request !== latestRequest.current) return;
      if (result.ok) {
        cache.setQueryData(storeQueryKey('stock.levels', { sku: result.value.product.sku }), result.value.stock);
        setView({ kind: 'found', result: result.value, source, refreshing: false });
        return;
      }
      const { code: errorCode } = result.error;
      if (fallBackToSearch && (errorCode === 'UNKNOWN_BARCODE' || errorCode === 'MALFORMED_BARCODE')) {
        const found = await client.call('catalog.search', { text: code, limit: searchLimit });
        if (request !== latestRequest.current) return;
        if (found.ok && found.value.length > 0) {
          setSearch({ text: code, hits: found.value, limit: searchLimit });
          setView({ kind: 'empty' });
          return;
        }
      }
      if (errorCode === 'UNKNOWN_BARCODE') setView({ kind: 'unknown', code, source });
      else if (errorCode === 'MALFORMED_BARCODE') setView({ kind: 'malformed', code, source });
      else if (errorCode === 'MISREAD_BARCODE') setView({ kind: 'misread', code, source });
      else setView({ kind: 'error', error: result.error, source });
    },
    [cache, client],
  );

  const searchByName = useCallback(
    async (text: string) => {
      const request = ++latestRequest.current;
      lastAsk.current = { text, symbology: null, source: 'typed' };
      setView({ kind: 'loading', text, source: 'typed' });
      const result = await client.call('catalog.search', { text, limit: searchLimit });
      if (request !== latestRequest.current) return;
      if (!result.ok) {
        setView({ kind: 'error', error: result.error, source: 'typed' });
      } else if (result.value.length === 0) {
        setView({ kind: 'no-hits', text });
      } else {
        setSearch({ text, hits: result.value, limit: searchLimit });
        setView({ kind: 'empty' });
      }
    },
    [client],
  );

  /** A keystroke in the lookup field (debounced by the screen): the hits for what is typed so far. */
  const typeAhead = useCallback(
    async (raw: string) => {
      const text = raw.trim();
      const request = ++latestSearch.current;
      if (!text) {
        setSearch(null);
        return;
      }
      const result = await client.call('catalog.search', { text, limit: searchLimit });
      if (request !== latestSearch.current) return;
      // A failed search as you type keeps the last hits; Enter shows the error.
      if (result.ok) setSearch({ text, hits: result.value, limit: searchLimit });
    },
    [client],
  );

  /** Enter in the lookup field. */
  const submitTyped = useCallback(
    (raw: string) => {
      const text = raw.trim();
      if (!text) return;
      latestSearch.current++;
      setSearch(null);
      const intent = lookupIntent(text);
      if (intent === 'name') void searchByName(text);
      else void lookUp(text, 'typed', intent === 'code-or-name');
    },
    [lookUp, searchByName],
  );

  /** A scan: the symbology its scanner named, if any, goes with the code to the core. */
  const scanned = useCallback(
    (code: string, symbology: string | null = null) => {
      latestSearch.current++;
      setSearch(null);
      void lookUp(code, 'scanned', false, symbology);
    },
    [lookUp],
  );

  /** A search hit chosen: its SKU is a code the core accepts. */
  const pickHit = useCallback((sku: string) => void lookUp(sku, 'typed'), [lookUp]);

  const retry = useCallback(() => {
    const ask = lastAsk.current;
    if (!ask) return;
    if (ask.source === 'scanned') scanned(ask.text, ask.symbology);
    else submitTyped(ask.text);
  }, [scanned, submitTyped]);

  // The shown product's stock, through the cache: seeded by the lookup, re-read when 'stock.changed' names its SKU or the link comes back.
  const stock = useStoreQuery('stock.levels', { sku: shownSku ?? '' }, { enabled: shownSku !== null, untilInvalidated: true });
  const shown: LookupView =
    view.kind === 'found' && stock.view.kind === 'ready' && stock.view.value.sku === view.result.product.sku
      ? { ...view, result: { ...view.result, stock: stock.view.value }, refreshing: stock.fetching }
      : view.kind === 'found'
        ? { ...view, refreshing: stock.fetching }
        : view;

  return { view: shown, search, typeAhead, submitTyped, scanned, pickHit, retry };
}

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../api/client-context';
import { isCustomerCode } from '../customers/customer-codes';
import { printableCode } from '../lookup/lookup-text';
import { useLocations } from '../lookup/use-locations';
import { useProductLookup, type LookupView, type SearchHits } from '../lookup/use-product-lookup';
import { useWedgeScanner } from '../scanner/use-wedge-scanner';
import { LookupResultView, SourceBadge } from './lookup-result-view';
import { SearchHitList } from './search-hit-list';
import { StatePanel } from './state-panel';
import { ErrorPanel } from './error-panel';

/**
 * Keystrokes this close together make one search: enough to coalesce a fast typist's burst,
 * short enough to leave most of the 100 ms keystroke-to-results budget to the search and paint.
 */
const typeAheadDelayMs = 30;

/**
 * Stays mounted while another page shows (`active` false) so the last product is
 * still there on return; a scan from anywhere lands here and calls `onScan`.
 */
export function ProductLookupScreen({
  store,
  active,
  onScan,
  onOpenCustomer,
}: {
  store: string;
  active: boolean;
  onScan(): void;
  /** Present for roles that may order for a customer from the product view (issue 17). */
  onOpenCustomer?: (customerId: string, via: 'scan' | 'search') => void;
}) {
  const { t } = useTranslation();
  const lookup = useProductLookup();
  const locations = useLocations();
  const [query, setQuery] = useState('');
  const queryBeforeBurst = useRef('');
  const input = useRef<HTMLInputElement>(null);
  const pendingTypeAhead = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancelTypeAhead = () => {
    if (pendingTypeAhead.current !== null) clearTimeout(pendingTypeAhead.current);
    pendingTypeAhead.current = null;
  };
  useEffect(() => cancelTypeAhead, []);
  // The hit chosen with the arrow keys, for the hits it was chosen in: new hits start unchosen.
  const [highlight, setHighlight] = useState<{ search: SearchHits | null; index: number }>({ search: null, index: -1 });
  const hits = lookup.search?.hits ?? [];
  const activeIndex = highlight.search === lookup.search ? highlight.index : -1;
  const activeHit = activeIndex >= 0 ? hits[activeIndex] : undefined;

  useEffect(() => {
    if (active) input.current?.focus();
  }, [active]);

  // Serial and HID scanners: the same as a wedge burst, with the symbology their AIM identifier named.
  const client = useClient();
  const onDeviceScan = useRef({ scanned: lookup.scanned, onScan });
  useEffect(() => {
    onDeviceScan.current = { scanned: lookup.scanned, onScan };
  });
  useEffect(
    () =>
      client.subscribe((event) => {
        // A loyalty card or app QR names a customer, not a product: the customer pages take it.
        if (event.event !== 'device.scan' || isCustomerCode(event.payload.text)) return;
        onDeviceScan.current.scanned(event.payload.text, event.payload.symbology);
        onDeviceScan.current.onScan();
      }),
    [client],
  );

  useWedgeScanner(true, {
    onBurstStart: () => {
      queryBeforeBurst.current = query;
    },
    onScan: (code) => {
      // The burst's characters may have landed in the field; put back what was there.
      cancelTypeAhead();
      setQuery(queryBeforeBurst.current);
      lookup.scanned(code);
      onScan();
    },
  });

  const typed = (text: string) => {
    setQuery(text);
    cancelTypeAhead();
    pendingTypeAhead.current = setTimeout(() => {
      pendingTypeAhead.current = null;
      void lookup.typeAhead(text);
    }, typeAheadDelayMs);
  };

  const moveHighlight = (event: KeyboardEvent<HTMLInputElement>) => {
    if (hits.length === 0) return;
    const next =
      event.key === 'ArrowDown' ? Math.min(hits.length - 1, activeIndex + 1) : event.key === 'ArrowUp' ? Math.max(-1, activeIndex - 1) : event.key === 'Escape' ? -1 : null;
    if (next === null) return;
    event.preventDefault();
    setHighlight({ search: lookup.search, index: next });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    cancelTypeAhead();
    if (activeHit) {
      lookup.pickHit(activeHit.sku);
      return;
    }
    lookup.submitTyped(query);
    input.current?.select();
  };

  return (
    <section className="screen lookup" aria-labelledby="lookup-title" hidden={!active}>
      <h1 id="lookup-title" className="visually-hidden">
        {t('lookup.title')}
      </h1>
      <form className="lookup-bar" role="search" onSubmit={submit}>
        <label className="visually-hidden" htmlFor="lookup-input">
          {t('lookup.inputLabel')}
        </label>
        <input
          ref={input}
          id="lookup-input"
          className="lookup-bar__input"
          data-testid="lookup-input"
          type="text"
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="search"
          placeholder={t('lookup.placeholder')}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={lookup.search !== null && hits.length > 0}
          aria-controls="search-hit-options"
          aria-activedescendant={activeHit ? `search-option-${activeHit.sku}` : undefined}
          value={query}
          onChange={(event) => typed(event.target.value)}
          onKeyDown={moveHighlight}
        />
        <button type="submit" className="button button--primary button--large">
          {t('lookup.submit')}
        </button>
      </form>
      <div className={lookup.search ? 'lookup__body lookup__body--with-hits' : 'lookup__body'}>
        {lookup.search ? (
          <SearchHitList
            search={lookup.search}
            selectedSku={lookup.view.kind === 'found' ? lookup.view.result.product.sku : null}
            activeIndex={activeIndex}
            onPick={lookup.pickHit}
          />
        ) : null}
        <div className="lookup__main" aria-live="polite">
          <LookupOutcome view={lookup.view} hasHits={lookup.search !== null} locations={locations} ownStore={store} onRetry={lookup.retry} onOpenCustomer={onOpenCustomer} />
        </div>
      </div>
    </section>
  );
}

function LookupOutcome({
  view,
  hasHits,
  locations,
  ownStore,
  onRetry,
  onOpenCustomer,
}: {
  view: LookupView;
  hasHits: boolean;
  locations: ReturnType<typeof useLocations>;
  ownStore: string;
  onRetry(): void;
  onOpenCustomer?: (customerId: string, via: 'scan' | 'search') => void;
}) {
  const { t } = useTranslation();
  switch (view.kind) {
    case 'empty':
      return hasHits ? null : (
        <StatePanel tone="empty" title={t('lookup.emptyTitle')} testId="lookup-empty">
          {t('lookup.emptyBody')}
        </StatePanel>
      );
    case 'loading':
      return (
        <StatePanel tone="loading" title={t('lookup.loading')} testId="lookup-loading">
          <code className="code">{printableCode(view.text)}</code>
        </StatePanel>
      );
    case 'found':
      return (
        <LookupResultView result={view.result} source={view.source} refreshing={view.refreshing} locations={locations} ownStore={ownStore} onOpenCustomer={onOpenCustomer} />
      );
    case 'unknown':
      return (
        <StatePanel tone="warning" title={t('lookup.unknownTitle')} testId="lookup-unknown" action={<SourceBadge source={view.source} />}>
          {t('lookup.unknownBody', { code: printableCode(view.code) })}
        </StatePanel>
      );
    case 'malformed':
      return (
        <StatePanel tone="warning" title={t('lookup.malformedTitle')} testId="lookup-malformed" action={<SourceBadge source={view.source} />}>
          {t('lookup.malformedBody', { code: printableCode(view.code) })}
        </StatePanel>
      );
    case 'misread':
      return (
        <StatePanel tone="warning" title={t('scanner.misreadTitle')} testId="lookup-misread" action={<SourceBadge source={view.source} />}>
          {t('scanner.misreadBody', { code: printableCode(view.code) })}
        </StatePanel>
      );
    case 'no-hits':
      return (
        <StatePanel tone="empty" title={t('lookup.searchNone', { text: view.text })} testId="search-none">
          {t('lookup.emptyBody')}
        </StatePanel>
      );
    case 'error':
      return (
        <ErrorPanel testId="lookup-error" error={view.error} onRetry={onRetry} />
      );
  }
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../api/client-context';
import { printableCode } from '../lookup/lookup-text';
import { useLocations } from '../lookup/use-locations';
import { useProductLookup, type LookupView } from '../lookup/use-product-lookup';
import { useWedgeScanner } from '../scanner/use-wedge-scanner';
import { LookupResultView, SourceBadge } from './lookup-result-view';
import { SearchHitList } from './search-hit-list';
import { StatePanel } from './state-panel';
import { ErrorPanel } from './error-panel';

/**
 * Stays mounted while another page shows (`active` false) so the last product is
 * still there on return; a scan from anywhere lands here and calls `onScan`.
 */
export function ProductLookupScreen({ store, active, onScan }: { store: string; active: boolean; onScan(): void }) {
  const { t } = useTranslation();
  const lookup = useProductLookup();
  const locations = useLocations();
  const [query, setQuery] = useState('');
  const queryBeforeBurst = useRef('');
  const input = useRef<HTMLInputElement>(null);

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
        if (event.event !== 'device.scan') return;
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
      setQuery(queryBeforeBurst.current);
      lookup.scanned(code);
      onScan();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
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
          value={query}
          onChange={(event) => setQuery(event.target.value)}
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
            onPick={lookup.pickHit}
          />
        ) : null}
        <div className="lookup__main" aria-live="polite">
          <LookupOutcome view={lookup.view} hasHits={lookup.search !== null} locations={locations} ownStore={store} onRetry={lookup.retry} />
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
}: {
  view: LookupView;
  hasHits: boolean;
  locations: ReturnType<typeof useLocations>;
  ownStore: string;
  onRetry(): void;
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
        <LookupResultView result={view.result} source={view.source} refreshing={view.refreshing} locations={locations} ownStore={ownStore} />
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

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { ProductUnit } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { formatCount, formatWeight } from '../format/store-formats';
import { useErrorText } from './error-text';

type StoreStock = { store: string; atp: number };
type OtherStoresView =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'answered'; stores: StoreStock[] }
  /** HQ gave no answer: no link, or none in time. */
  | { kind: 'unreachable' }
  | { kind: 'error'; error: ApiError };

/**
 * Available-to-promise of this product in the chain's stores, asked of HQ only
 * when staff press the button: it is a round trip to HQ, not local data.
 */
export function OtherStores({ sku, unit, ownStore }: { sku: string; unit: ProductUnit; ownStore: string | null }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const [view, setView] = useState<OtherStoresView>({ kind: 'idle' });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const check = async () => {
    setView({ kind: 'checking' });
    const result = await client.call('hq.stockLookup', { sku });
    if (!mounted.current) return;
    if (!result.ok) setView({ kind: 'error', error: result.error });
    // The client parsed the reply with the contract's schema.
    else if (result.value === null) setView({ kind: 'unreachable' });
    else setView({ kind: 'answered', stores: result.value });
  };

  const quantity = (atp: number) => (unit === 'g' ? formatWeight(atp, i18n.language) : formatCount(atp, i18n.language));

  return (
    <section className="other-stores" aria-labelledby="other-stores-title" aria-busy={view.kind === 'checking' || undefined}>
      <div className="other-stores__header">
        <h3 id="other-stores-title" className="stock__title">
          {t('otherStores.title')}
        </h3>
        <button type="button" className="button" data-testid="other-stores-check" disabled={view.kind === 'checking'} onClick={() => void check()}>
          {view.kind === 'checking' ? t('otherStores.checking') : view.kind === 'idle' ? t('otherStores.check') : t('otherStores.checkAgain')}
        </button>
      </div>
      <div aria-live="polite">
        {view.kind === 'unreachable' ? (
          <p className="notice notice--warning" data-testid="other-stores-unreachable" role="alert">
            <strong>{t('otherStores.unreachableTitle')}.</strong> {t('otherStores.unreachableBody')}
          </p>
        ) : view.kind === 'error' ? (
          <p className="notice notice--bad" data-testid="other-stores-error" role="alert">
            {errorText(view.error)}
          </p>
        ) : view.kind === 'answered' && view.stores.length === 0 ? (
          <p className="muted" data-testid="other-stores-none">
            {t('otherStores.none')}
          </p>
        ) : view.kind === 'answered' ? (
          <table className="stock-table other-stores__table">
            <thead>
              <tr>
                <th scope="col">{t('otherStores.store')}</th>
                <th scope="col" className="number">
                  {t('otherStores.atp')}
                </th>
              </tr>
            </thead>
            <tbody>
              {view.stores.map((row) => (
                <tr key={row.store} data-testid={`other-store-${row.store}`}>
                  <th scope="row">
                    <span className="code">{row.store}</span>
                    {row.store === ownStore ? <span className="muted"> ({t('otherStores.thisStore')})</span> : null}
                  </th>
                  <td className="number" data-testid="other-store-atp" data-value={row.atp}>
                    {quantity(row.atp)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </section>
  );
}

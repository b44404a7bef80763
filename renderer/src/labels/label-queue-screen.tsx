import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { ShelfLabelInfo } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { useStoreQuery } from '../api/use-store-query';
import { formatDateTime, formatMoney } from '../format/store-formats';
import { plainT } from '../i18n/plain-t';
import { useErrorText } from '../screens/error-text';
import { StatePanel } from '../screens/state-panel';

const labelPrinters = ['label', 'counter', 'backoffice'] as const;
type LabelPrinter = (typeof labelPrinters)[number];

/** The clock the "late" marks follow: a label turns late on screen when its price takes effect. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * The shelf-label queue: every label HQ's price announcements queued, in shelf order, printed all
 * at once, a chosen part, or one by one. A label whose price is already in force is late: the shelf
 * and the till disagree until it is on the shelf.
 */
export function LabelQueueScreen() {
  const { t, i18n } = useTranslation();
  const pt = plainT(t);
  const queue = useStoreQuery('labels.queue', {});
  const client = useClient();
  const errorText = useErrorText();
  const now = useNow(1000);
  const [printer, setPrinter] = useState<LabelPrinter>('label');
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [error, setError] = useState<ApiError | null>(null);
  const [sent, setSent] = useState<number | null>(null);

  if (queue.view.kind === 'loading') return <StatePanel tone="loading" title={t('labels.loading')} />;
  if (queue.view.kind === 'error') return <StatePanel tone="error" title={errorText(queue.view.error)} />;
  const labels = queue.view.value;
  const isLate = (label: ShelfLabelInfo) => new Date(label.effectiveAt).getTime() <= now;
  const late = labels.filter(isLate).length;
  const selected = labels.filter((label) => chosen.has(label.id));

  const print = async (ids: number[] | null) => {
    setError(null);
    setSent(null);
    const result = await client.call('labels.print', ids ? { printer, ids } : { printer });
    if (!result.ok) return setError(result.error);
    setSent(result.value.labelIds.length);
    setChosen(new Set());
  };
  const toggle = (id: number) =>
    setChosen((before) => {
      const next = new Set(before);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const money = (cents: number) => formatMoney(cents, i18n.language);

  return (
    <section className="screen" aria-labelledby="labels-title" data-testid="labels-screen">
      <h1 id="labels-title" className="screen__title">
        {t('labels.title')}
      </h1>
      <p className="muted">{t('labels.intro')}</p>
      <div className="form-row">
        <label>
          {t('labels.printer')}{' '}
          <select data-testid="labels-printer" value={printer} onChange={(e) => setPrinter(e.target.value as LabelPrinter)}>
            {labelPrinters.map((name) => (
              <option key={name} value={name}>
                {pt(`devices.printers.names.${name}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" data-testid="labels-print-all" disabled={labels.length === 0} onClick={() => void print(null)}>
          {t('labels.printAll', { count: labels.length })}
        </button>
        <button type="button" className="button button--quiet" data-testid="labels-print-selected" disabled={selected.length === 0} onClick={() => void print(selected.map((l) => l.id))}>
          {t('labels.printSelected', { count: selected.length })}
        </button>
      </div>
      <p data-testid="labels-summary" data-waiting={labels.length} data-late={late} aria-live="polite">
        {t('labels.summary', { count: labels.length })} {late > 0 ? <strong className="badge badge--warning">{t('labels.lateCount', { count: late })}</strong> : null}
      </p>
      {sent !== null ? (
        <p role="status" className="notice" data-testid="labels-sent">
          {t('labels.sent', { count: sent })}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="notice notice--error" data-testid="labels-error">
          {errorText(error)}
        </p>
      ) : null}
      {labels.length === 0 ? (
        <p className="muted" data-testid="labels-empty">
          {t('labels.none')}
        </p>
      ) : (
        <table className="table" data-testid="labels-table">
          <caption className="visually-hidden">{t('labels.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('labels.choose')}</th>
              <th scope="col">{t('labels.location')}</th>
              <th scope="col">{t('labels.product')}</th>
              <th scope="col">{t('labels.newPrice')}</th>
              <th scope="col">{t('labels.unitPrice')}</th>
              <th scope="col">{t('labels.lowest30d')}</th>
              <th scope="col">{t('labels.effective')}</th>
              <th scope="col">{t('labels.state')}</th>
              <th scope="col">{t('labels.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {labels.map((label) => {
              const lateNow = isLate(label);
              const perUnit = label.netContent && label.netContent.amount > 0 ? Math.round(label.priceCents / label.netContent.amount) : null;
              return (
                <tr key={label.id} data-testid={`label-row-${label.sku}`} data-label-id={label.id} data-late={lateNow} className={lateNow ? 'row--warning' : undefined}>
                  <td>
                    <input type="checkbox" aria-label={t('labels.chooseOne', { name: label.name })} data-testid="label-choose" checked={chosen.has(label.id)} onChange={() => toggle(label.id)} />
                  </td>
                  <td data-testid="label-location">{label.shelfLocation ?? '—'}</td>
                  <td>
                    {label.name} <span className="muted">{label.sku}</span>
                  </td>
                  <td data-testid="label-price">
                    {money(label.priceCents)}
                    {label.previousCents !== null ? <span className="muted"> ({t('labels.was', { price: money(label.previousCents) })})</span> : null}
                    {label.promotionId ? <span className="badge">{t('labels.promotion')}</span> : null}
                  </td>
                  <td data-testid="label-unit-price">{perUnit !== null && label.netContent ? `${money(perUnit)} / ${pt(`labels.units.${label.netContent.unit}`)}` : '—'}</td>
                  <td data-testid="label-lowest">
                    {label.referenceSource === null ? '—' : label.lowest30dCents === null ? <span className="badge badge--warning">{t('labels.noReference')}</span> : money(label.lowest30dCents)}
                  </td>
                  <td>{formatDateTime(label.effectiveAt, i18n.language)}</td>
                  <td data-testid="label-state">{label.printing ? t('labels.printing') : lateNow ? <strong className="badge badge--warning">{t('labels.late')}</strong> : t('labels.waiting')}</td>
                  <td>
                    <button type="button" className="button button--quiet" data-testid="label-print-one" onClick={() => void print([label.id])}>
                      {t('labels.printOne')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

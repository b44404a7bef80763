import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { CashDaySummary } from '../../../main/api/types';
import { ApprovalDialog } from '../approval/approval-dialog';
import { useManagerCall } from '../approval/use-manager-call';
import { useStoreQuery } from '../api/use-store-query';
import { formatDateTime, formatMoney } from '../format/store-formats';
import { plainT } from '../i18n/plain-t';
import { useErrorText } from '../screens/error-text';
import { StatePanel } from '../screens/state-panel';
import '../styles/orders.css';

/** Today as the store's calendar has it (the core files cash under the local day too). */
function today(): string {
  const at = new Date();
  return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
}

/**
 * The end-of-day cash: what each station collected and paid out at the counter (exchanges,
 * refunds), movement by movement, and a manager's confirmation per station. A movement after the
 * confirmation shows the station as changed, to be confirmed again.
 */
export function EndOfDayScreen() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [day, setDay] = useState(today);
  const { view, set } = useStoreQuery('cash.endOfDay', { day });
  const manager = useManagerCall();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const money = (cents: number) => formatMoney(cents, i18n.language);

  const confirm = async (station: string) => {
    setBusy(station);
    setError(null);
    const result = await manager.call('cash.confirmDay', { day, station }, setError);
    setBusy(null);
    if (result === null) return;
    if (result.ok) set(result.value);
    else setError(result.error);
  };

  return (
    <section className="end-of-day" aria-labelledby="end-of-day-title" data-testid="end-of-day">
      <h2 id="end-of-day-title">{t('cash.title')}</h2>
      <p className="muted">{t('cash.intro')}</p>
      <label className="field">
        <span className="field__label">{t('cash.day')}</span>
        <input className="orders-input" type="date" data-testid="cash-day" value={day} onChange={(event) => event.target.value && setDay(event.target.value)} />
      </label>
      {error ? (
        <p className="form-error" role="alert" data-testid="cash-error" data-code={error.code}>
          {errorText(error)}
        </p>
      ) : null}
      {view.kind === 'loading' ? (
        <StatePanel tone="loading" title={t('cash.loading')} />
      ) : view.kind === 'error' ? (
        <StatePanel tone="error" title={errorText(view.error)} />
      ) : view.value.stations.length === 0 ? (
        <StatePanel tone="empty" title={t('cash.emptyTitle')} testId="cash-empty">
          {t('cash.emptyBody')}
        </StatePanel>
      ) : (
        view.value.stations.map((s) => <StationCash key={s.station} station={s} busy={busy === s.station} onConfirm={() => void confirm(s.station)} money={money} />)
      )}
      {manager.asking ? <ApprovalDialog request={manager.asking} /> : null}
    </section>
  );
}

function StationCash({
  station: s,
  busy: confirming,
  onConfirm,
  money,
}: {
  station: CashDaySummary['stations'][number];
  busy: boolean;
  onConfirm(): void;
  money(cents: number): string;
}) {
  const { t, i18n } = useTranslation();
  const say = plainT(t);
  return (
    <article className="panel end-of-day__station" data-testid={`cash-station-${s.station}`} data-net={s.netCents} data-confirmed={s.confirmed ? 'yes' : 'no'}>
      <header className="order-detail__header">
        <h3 className="panel__title">{t('cash.station', { station: s.station })}</h3>
        <span data-testid={`cash-status-${s.station}`}>
          {s.confirmed ? t('cash.confirmed', { by: s.confirmed.by, net: money(s.confirmed.netCents) }) : t('cash.unconfirmed')}
        </span>
      </header>
      <dl className="end-of-day__totals">
        <dt>{t('cash.in')}</dt>
        <dd data-testid={`cash-in-${s.station}`}>{money(s.inCents)}</dd>
        <dt>{t('cash.out')}</dt>
        <dd data-testid={`cash-out-${s.station}`}>{money(s.outCents)}</dd>
        <dt>{t('cash.net')}</dt>
        <dd data-testid={`cash-net-${s.station}`}>
          <strong>{money(s.netCents)}</strong>
        </dd>
      </dl>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('cash.at')}</th>
            <th scope="col">{t('cash.kind')}</th>
            <th scope="col">{t('cash.ref')}</th>
            <th scope="col">{t('cash.staff')}</th>
            <th scope="col">{t('cash.approvedBy')}</th>
            <th scope="col" className="number">
              {t('cash.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {s.movements.map((m) => (
            <tr key={m.id} data-testid={`cash-movement-${m.ref}`}>
              <td>{formatDateTime(m.at, i18n.language)}</td>
              <td>{say(`cash.kinds.${m.kind}`, { defaultValue: m.kind })}</td>
              <td className="code">{m.ref}</td>
              <td>{m.staff}</td>
              <td>{m.approvedBy ?? ''}</td>
              <td className="number">{money(m.amountCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.changedSinceConfirmed ? (
        <p className="notice" role="status" data-testid={`cash-changed-${s.station}`}>
          {t('cash.changedSince')}
        </p>
      ) : null}
      {!s.confirmed || s.changedSinceConfirmed ? (
        <button type="button" className="button button--primary button--large" data-testid={`cash-confirm-${s.station}`} disabled={confirming} onClick={onConfirm}>
          {t('cash.confirm', { station: s.station })}
        </button>
      ) : null}
    </article>
  );
}

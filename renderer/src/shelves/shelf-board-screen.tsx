import { useTranslation } from 'react-i18next';
import type { CountInfo, ShelfAlert, ShelfInfo } from '../../../main/api/types';
import { useStoreQuery } from '../api/use-store-query';
import type { AlertCenter } from '../alerts/use-alert-center';
import { formatCount, formatDateTime, formatWeight } from '../format/store-formats';
import { plainT } from '../i18n/plain-t';
import { ErrorPanel } from '../screens/error-panel';
import { StatePanel } from '../screens/state-panel';
import '../styles/devices.css';

/** Counts a shelf opened and nobody has closed yet. */
const openCount = (c: CountInfo) => c.origin === 'shelf' && (c.status === 'counting' || c.status === 'review' || c.status === 'recount');

/**
 * The shelf board (issue 15): every monitored shelf live (units, threshold, last stable reading,
 * sensor), the alerts waiting for a person, the latest acknowledged, and the spot counts shelves
 * opened by themselves where they disagreed with the ledger (the Counts page works them).
 */
export function ShelfBoardScreen({ alerts }: { alerts: AlertCenter }) {
  const { t } = useTranslation();
  const shelves = useStoreQuery('shelves.list', {});
  const latest = useStoreQuery('shelves.alerts', { open: false });
  const counts = useStoreQuery('counts.list', {});
  const spotCounts = counts.view.kind === 'ready' ? counts.view.value.filter(openCount) : [];
  const acknowledged = latest.view.kind === 'ready' ? latest.view.value.filter((a) => a.acknowledgedAt !== null).slice(0, 10) : [];

  return (
    <section className="screen shelf-board" aria-labelledby="shelf-board-title" data-testid="shelf-board">
      <h1 id="shelf-board-title" className="screen__title">
        {t('shelfBoard.title')}
      </h1>

      <section className="panel" aria-labelledby="shelf-board-alerts">
        <h2 id="shelf-board-alerts" className="panel__title">
          {t('shelfBoard.openAlerts')}
        </h2>
        {alerts.shelfAlerts.length === 0 ? (
          <p className="muted" data-testid="shelf-board-no-alerts">
            {t('shelfBoard.noAlerts')}
          </p>
        ) : (
          <AlertTable rows={alerts.shelfAlerts} onAcknowledge={(id) => void alerts.acknowledge(id)} testId="shelf-board-open" />
        )}
      </section>

      <section className="panel" aria-labelledby="shelf-board-shelves">
        <h2 id="shelf-board-shelves" className="panel__title">
          {t('shelfBoard.shelves')}
        </h2>
        {shelves.view.kind === 'loading' ? (
          <StatePanel tone="loading" title={t('devices.shelves.loading')} />
        ) : shelves.view.kind === 'error' ? (
          <ErrorPanel error={shelves.view.error} onRetry={shelves.reload} testId="shelf-board-error" />
        ) : shelves.view.value.length === 0 ? (
          <StatePanel tone="empty" title={t('devices.shelves.emptyTitle')} testId="shelf-board-empty">
            {t('devices.shelves.emptyBody')}
          </StatePanel>
        ) : (
          <div className="table-scroll">
            <table className="data-table shelves" data-testid="shelf-board-shelves">
              <thead>
                <tr>
                  <th scope="col">{t('devices.shelves.product')}</th>
                  <th scope="col">{t('devices.shelves.location')}</th>
                  <th scope="col" className="number">
                    {t('devices.shelves.units')}
                  </th>
                  <th scope="col" className="number">
                    {t('shelfBoard.threshold')}
                  </th>
                  <th scope="col">{t('shelfBoard.stable')}</th>
                  <th scope="col">{t('devices.shelves.sensor')}</th>
                </tr>
              </thead>
              <tbody>
                {shelves.view.value.map((shelf) => (
                  <BoardRow key={shelf.sensorId} shelf={shelf} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="shelf-board-counts">
        <h2 id="shelf-board-counts" className="panel__title">
          {t('shelfBoard.spotCounts')}
        </h2>
        <p className="muted">{t('shelfBoard.spotCountsIntro')}</p>
        {spotCounts.length === 0 ? (
          <p className="muted" data-testid="shelf-board-no-counts">
            {t('shelfBoard.noSpotCounts')}
          </p>
        ) : (
          <ul className="shelf-board__counts" data-testid="shelf-board-counts">
            {spotCounts.map((c) => (
              <li key={c.countId} data-testid={`shelf-spot-count-${c.countId}`} data-sensor={c.originRef ?? ''} data-status={c.status}>
                <span className="code">{c.countId}</span> · {plainT(t)(`stock.locations.${c.location}`, { defaultValue: c.location })} · {c.originRef} ·{' '}
                {plainT(t)(`counts.statuses.${c.status}`, { defaultValue: c.status })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="panel" aria-labelledby="shelf-board-acknowledged">
        <h2 id="shelf-board-acknowledged" className="panel__title">
          {t('shelfBoard.acknowledged')}
        </h2>
        {acknowledged.length === 0 ? <p className="muted">{t('shelfBoard.noneAcknowledged')}</p> : <AlertTable rows={acknowledged} testId="shelf-board-acknowledged" />}
      </section>
    </section>
  );
}

function BoardRow({ shelf }: { shelf: ShelfInfo }) {
  const { t, i18n } = useTranslation();
  const id = `board-shelf-${shelf.sensorId}`;
  return (
    <tr className="shelf-row" data-testid={id} data-level={shelf.level ?? ''} data-sensor={shelf.sensor} data-units={shelf.units ?? ''}>
      <th scope="row">
        <span className="shelf-row__name">{shelf.name ?? shelf.sku}</span>
        <span className="code muted shelf-row__sku">{shelf.sku}</span>
        {shelf.misplaced ? <p className="shelf-row__flag shelf-row__flag--warning">{t('devices.shelves.misplaced')}</p> : null}
        {shelf.discrepancy ? <p className="shelf-row__flag shelf-row__flag--bad">{t('devices.shelves.discrepancy')}</p> : null}
      </th>
      <td>{plainT(t)(`stock.locations.${shelf.location}`, { defaultValue: shelf.location })}</td>
      <td className="number">
        {shelf.units === null ? '—' : formatCount(shelf.units, i18n.language)}{' '}
        <span className="level-badge" data-level={shelf.level ?? 'none'}>
          {shelf.level ? plainT(t)(`devices.shelves.levels.${shelf.level}`) : t('devices.shelves.noLevel')}
        </span>
      </td>
      <td className="number">{formatCount(shelf.lowThreshold, i18n.language)}</td>
      <td>
        {shelf.stableGrams !== null && shelf.stableAt ? (
          <>
            {formatWeight(shelf.stableGrams, i18n.language)} · <time dateTime={shelf.stableAt}>{formatDateTime(shelf.stableAt, i18n.language)}</time>
          </>
        ) : (
          <span className="muted">{t('devices.never')}</span>
        )}
      </td>
      <td>
        <span className="device-state" data-state={shelf.sensor}>
          <span className="device-state__dot" aria-hidden="true" />
          {plainT(t)(`devices.shelves.sensorStates.${shelf.sensor}`)}
        </span>
      </td>
    </tr>
  );
}

function AlertTable({ rows, onAcknowledge, testId }: { rows: ShelfAlert[]; onAcknowledge?(alertId: number): void; testId: string }) {
  const { t, i18n } = useTranslation();
  const pt = plainT(t);
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('shelfBoard.alert')}</th>
            <th scope="col">{t('devices.shelves.product')}</th>
            <th scope="col">{t('shelfBoard.raisedAt')}</th>
            <th scope="col">{onAcknowledge ? <span className="visually-hidden">{t('alerts.shelves.acknowledge')}</span> : t('shelfBoard.acknowledgedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((alert) => (
            <tr key={alert.alertId} data-testid={`${testId}-${alert.alertId}`} data-kind={alert.kind} data-sensor={alert.sensorId}>
              <td>{pt(`alerts.shelves.kinds.${alert.kind}`)}</td>
              <td>
                {alert.name ?? alert.sku} <span className="code muted">{alert.sensorId}</span>
              </td>
              <td>
                <time dateTime={alert.raisedAt}>{formatDateTime(alert.raisedAt, i18n.language)}</time>
              </td>
              <td>
                {onAcknowledge ? (
                  <button type="button" className="button" data-testid={`${testId}-ack-${alert.alertId}`} onClick={() => onAcknowledge(alert.alertId)}>
                    {t('alerts.shelves.acknowledge')}
                  </button>
                ) : (
                  <span data-testid={`${testId}-by-${alert.alertId}`}>
                    {alert.acknowledgedBy} · {alert.acknowledgedAt ? formatDateTime(alert.acknowledgedAt, i18n.language) : ''}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

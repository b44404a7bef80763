import { useTranslation } from 'react-i18next';
import type { ShelfInfo } from '../../../main/api/types';
import { formatDateTime } from '../format/store-formats';
import { useErrorText } from '../screens/error-text';
import { StatePanel } from '../screens/state-panel';
import type { useShelves } from './use-printing';

/** The weighed shelves: how many units each holds, whether it runs low, and whether its sensor is there. */
export function ShelvesPanel({ shelves }: { shelves: ReturnType<typeof useShelves> }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { view, reload } = shelves;
  return (
    <section className="panel" aria-labelledby="shelves-title">
      <div>
        <h2 id="shelves-title" className="panel__title">
          {t('devices.shelves.title')}
        </h2>
        <p className="muted panel__intro">{t('devices.shelves.intro')}</p>
      </div>
      {view.kind === 'loading' ? (
        <StatePanel tone="loading" title={t('devices.shelves.loading')} testId="shelves-loading" />
      ) : view.kind === 'error' ? (
        <StatePanel
          tone="error"
          title={t('errors.title')}
          testId="shelves-error"
          action={
            <button type="button" className="button" onClick={reload}>
              {t('status.retryNow')}
            </button>
          }
        >
          {errorText(view.error)}
        </StatePanel>
      ) : view.value.length === 0 ? (
        <StatePanel tone="empty" title={t('devices.shelves.emptyTitle')} testId="shelves-empty">
          {t('devices.shelves.emptyBody')}
        </StatePanel>
      ) : (
        <div className="table-scroll">
          <table className="data-table shelves">
            <thead>
              <tr>
                <th scope="col">{t('devices.shelves.product')}</th>
                <th scope="col">{t('devices.shelves.location')}</th>
                <th scope="col" className="number">
                  {t('devices.shelves.units')}
                </th>
                <th scope="col">{t('devices.shelves.level')}</th>
                <th scope="col">{t('devices.shelves.sensor')}</th>
                <th scope="col">{t('devices.shelves.lastSeen')}</th>
              </tr>
            </thead>
            <tbody>
              {view.value.map((shelf) => (
                <ShelfRow key={shelf.sensorId} shelf={shelf} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ShelfRow({ shelf }: { shelf: ShelfInfo }) {
  const { t, i18n } = useTranslation();
  const id = `shelf-${shelf.sensorId}`;
  return (
    <tr className="shelf-row" data-testid={id} data-level={shelf.level ?? ''} data-sensor={shelf.sensor} data-misplaced={shelf.misplaced} data-discrepancy={shelf.discrepancy}>
      <th scope="row">
        <span className="shelf-row__name">{shelf.name ?? shelf.sku}</span>
        <span className="code muted shelf-row__sku">{shelf.sku}</span>
        {shelf.misplaced ? <p className="shelf-row__flag shelf-row__flag--warning">{t('devices.shelves.misplaced')}</p> : null}
        {shelf.discrepancy ? <p className="shelf-row__flag shelf-row__flag--bad">{t('devices.shelves.discrepancy')}</p> : null}
      </th>
      <td>{t(`stock.locations.${shelf.location}`, { defaultValue: shelf.location })}</td>
      <td className="number" data-testid={`${id}-units`} data-value={shelf.units ?? ''}>
        {shelf.units ?? '—'}
      </td>
      <td>
        <span className="level-badge" data-level={shelf.level ?? 'none'} data-testid={`${id}-level`}>
          {shelf.level ? t(`devices.shelves.levels.${shelf.level}`) : t('devices.shelves.noLevel')}
        </span>
      </td>
      <td>
        <span className="device-state" data-state={shelf.sensor} data-testid={`${id}-sensor`}>
          <span className="device-state__dot" aria-hidden="true" />
          {t(`devices.shelves.sensorStates.${shelf.sensor}`)}
        </span>
      </td>
      <td>{shelf.lastSeenAt ? <time dateTime={shelf.lastSeenAt}>{formatDateTime(shelf.lastSeenAt, i18n.language)}</time> : <span className="muted">{t('devices.never')}</span>}</td>
    </tr>
  );
}

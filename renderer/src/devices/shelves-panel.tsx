import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShelfInfo } from '../../../main/api/types';
import type { useManagerCall } from '../approval/use-manager-call';
import { formatDateTime } from '../format/store-formats';
import { StatePanel } from '../screens/state-panel';
import { NoticeLine, type Notice } from './notice';
import { ShelfMapForm } from './shelf-map-form';
import type { useShelves } from './device-queries';
import { ErrorPanel } from '../screens/error-panel';

type ManagerCall = ReturnType<typeof useManagerCall>['call'];

/** The weighed shelves: how many units each holds, whether it runs low, and whether its sensor is there; a manager maps them here. */
export function ShelvesPanel({ shelves, managerCall }: { shelves: ReturnType<typeof useShelves>; managerCall: ManagerCall }) {
  const { t } = useTranslation();
  const { view, reload } = shelves;
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  const close = () => {
    setEditing(false);
    toggle.current?.focus();
  };
  const saved = () => {
    close();
    setNotice({ tone: 'ok', say: (t) => t('devices.shelfMap.saved') });
    // The core also says shelves.changed; reading now does not wait for it.
    reload();
  };

  return (
    <section className="panel" aria-labelledby="shelves-title">
      <div className="panel__header">
        <div>
          <h2 id="shelves-title" className="panel__title">
            {t('devices.shelves.title')}
          </h2>
          <p className="muted panel__intro">{t('devices.shelves.intro')}</p>
        </div>
        <button
          ref={toggle}
          type="button"
          className="button"
          data-testid="shelf-map-open"
          aria-expanded={editing}
          aria-controls={editing ? 'shelf-map' : undefined}
          onClick={() => {
            setNotice(null);
            setEditing((open) => !open);
          }}
        >
          {t('devices.shelfMap.open')}
        </button>
      </div>
      <NoticeLine notice={notice} testId="shelf-map-notice" />
      {editing ? (
        <div id="shelf-map">
          <ShelfMapForm
            managerCall={managerCall}
            watchedSensors={view.kind === 'ready' ? view.value.map((shelf) => shelf.sensorId) : []}
            onSaved={saved}
            onCancel={close}
          />
        </div>
      ) : null}
      {view.kind === 'loading' ? (
        <StatePanel tone="loading" title={t('devices.shelves.loading')} testId="shelves-loading" />
      ) : view.kind === 'error' ? (
        <ErrorPanel testId="shelves-error" error={view.error} onRetry={reload} />
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

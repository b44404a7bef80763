import { useTranslation } from 'react-i18next';
import type { ShelfAlert } from '../../../main/api/types';
import { formatDateTime } from '../format/store-formats';
import { plainT } from '../i18n/plain-t';
import type { AlertCenter } from './use-alert-center';
import '../styles/alerts.css';

/** At most this many toasts of each kind at once; the rest wait on the shelf board and the queue. */
const shown = 3;

/** The toast region, on every page: shelf alerts to acknowledge, and orders to open. */
export function AlertToasts({ center, onShowShelves, onShowOrders }: { center: AlertCenter; onShowShelves(): void; onShowOrders(): void }) {
  const { t } = useTranslation();
  const { shelfAlerts, orderAlerts } = center;
  const moreShelf = shelfAlerts.length - shown;
  const moreOrders = orderAlerts.length - shown;
  return (
    <div className="alert-toasts" role="region" aria-label={t('alerts.region')} data-testid="alert-toasts">
      <div aria-live="polite" className="alert-toasts__stack">
        {orderAlerts.slice(0, shown).map((alert) => (
          <div key={alert.orderId} className="alert-toast alert-toast--order" data-testid={`order-toast-${alert.orderId}`} data-kind={alert.kind}>
            <p className="alert-toast__title">{alert.kind === 'new' ? t('alerts.orders.new', { orderId: alert.orderId }) : t('alerts.orders.due', { orderId: alert.orderId })}</p>
            {alert.customerName ? <p className="alert-toast__body">{alert.customerName}</p> : null}
            <div className="alert-toast__actions">
              <button type="button" className="button button--primary" data-testid={`order-toast-open-${alert.orderId}`} onClick={() => center.openOrder(alert.orderId)}>
                {t('alerts.orders.open')}
              </button>
              <button type="button" className="button" data-testid={`order-toast-dismiss-${alert.orderId}`} onClick={() => center.dismissOrder(alert.orderId)}>
                {t('alerts.dismiss')}
              </button>
            </div>
          </div>
        ))}
        {moreOrders > 0 ? (
          <button type="button" className="alert-toasts__more" data-testid="order-toasts-more" onClick={onShowOrders}>
            {t('alerts.orders.more', { n: moreOrders })}
          </button>
        ) : null}
        {shelfAlerts.slice(0, shown).map((alert) => (
          <ShelfToast key={alert.alertId} alert={alert} center={center} />
        ))}
        {moreShelf > 0 ? (
          <button type="button" className="alert-toasts__more" data-testid="shelf-toasts-more" onClick={onShowShelves}>
            {t('alerts.shelves.more', { n: moreShelf })}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function ShelfToast({ alert, center }: { alert: ShelfAlert; center: AlertCenter }) {
  const { t, i18n } = useTranslation();
  const pt = plainT(t);
  const problem = center.ackProblem?.alertId === alert.alertId ? center.ackProblem.text : null;
  return (
    <div className="alert-toast alert-toast--shelf" role="alert" data-testid={`shelf-toast-${alert.alertId}`} data-kind={alert.kind} data-sensor={alert.sensorId}>
      <p className="alert-toast__title">{pt(`alerts.shelves.kinds.${alert.kind}`)}</p>
      <p className="alert-toast__body">
        {alert.name ?? alert.sku} · {pt(`stock.locations.${alert.location}`, { defaultValue: alert.location })}
        {alert.kind === 'stock.low' && alert.units !== null ? ` · ${t('alerts.shelves.units', { n: alert.units })}` : ''}
      </p>
      <p className="alert-toast__time muted">
        <time dateTime={alert.raisedAt}>{formatDateTime(alert.raisedAt, i18n.language)}</time>
      </p>
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="alert-toast__actions">
        <button type="button" className="button button--primary" data-testid={`shelf-toast-ack-${alert.alertId}`} onClick={() => void center.acknowledge(alert.alertId)}>
          {t('alerts.shelves.acknowledge')}
        </button>
      </div>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { useStoreQuery } from '../api/use-store-query';
import { formatDateTime } from '../format/store-formats';
import { plainT } from '../i18n/plain-t';

/**
 * The demo customer's phone: the handover code of each open order, as HQ sent it to the
 * customer (read from the embedded HQ simulator, never from the store, which keeps only a
 * hash). Staff type it at the handover as a customer would read it out.
 */
export function CustomerPhoneBench() {
  const { t, i18n } = useTranslation();
  const { view } = useStoreQuery('dev.customerCodes', {});
  const statusText = (status: string | null) => {
    if (status === null) return t('devices.dev.phoneSent');
    const key = `orders.status.${status}`;
    const text = plainT(t)(key);
    return text === key ? status : text;
  };
  return (
    <div className="dev-bench" data-testid="dev-customer-phone">
      <h3 className="subpanel__title">{t('devices.dev.phoneTitle')}</h3>
      <p className="muted">{t('devices.dev.phoneIntro')}</p>
      {view.kind !== 'ready' ? null : view.value.length === 0 ? (
        <p className="muted" data-testid="dev-customer-phone-empty">
          {t('devices.dev.phoneEmpty')}
        </p>
      ) : (
        <ul className="dev-phone">
          {view.value.map((order) => (
            <li key={order.orderId} className="dev-phone__order" data-testid={`dev-customer-code-${order.orderId}`}>
              <span className="code">{order.orderId}</span>
              <span>{order.customerName}</span>
              <span className="muted">
                {statusText(order.status)}
                {order.promisedAt ? ` · ${formatDateTime(order.promisedAt, i18n.language)}` : ''}
              </span>
              <span className="dev-phone__code code" aria-label={t('devices.dev.phoneCode')} data-testid={`dev-customer-code-${order.orderId}-code`}>
                {order.code}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

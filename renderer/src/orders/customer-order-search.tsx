import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { OrderInfo } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { formatDateTime } from '../format/store-formats';
import { useErrorText } from '../screens/error-text';
import { customerNameText } from './customer-name';
import { plainT } from '../i18n/plain-t';

/** Collected orders of a customer at this store, by name or phone, for a return without the QR. */
export function CustomerOrderSearch({ onPick }: { onPick(orderId: string): void }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<OrderInfo[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    const text = query.trim();
    if (text.length < 2) return;
    const result = await client.call('orders.queue', { status: 'collected', search: text });
    if (!result.ok) return setError(result.error);
    setError(null);
    setFound(result.value);
  };

  return (
    <section className="customer-search" aria-labelledby="customer-search-title">
      <form className="order-find" role="search" onSubmit={(e) => void search(e)}>
        <label className="field order-find__field">
          <span className="field__label" id="customer-search-title">
            {t('orders.returns.byCustomer')}
          </span>
          <input
            className="orders-input"
            data-testid="return-customer"
            autoComplete="off"
            placeholder={t('orders.returns.byCustomerPlaceholder')}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
        <button type="submit" className="button button--large" data-testid="return-customer-submit">
          {t('orders.find.submit')}
        </button>
      </form>
      {error ? <p className="form-error" role="alert">{errorText(error)}</p> : null}
      {found && found.length === 0 ? (
        <p className="muted" data-testid="return-customer-none">
          {t('orders.returns.byCustomerNone')}
        </p>
      ) : null}
      {found && found.length > 0 ? (
        <ul className="customer-search__results">
          {found.map((order) => (
            <li key={order.orderId}>
              <button type="button" className="button button--large" data-testid={`return-customer-order-${order.orderId}`} onClick={() => onPick(order.orderId)}>
                {t('orders.returns.byCustomerPick', { orderId: order.orderId, name: customerNameText(order.customerName, plainT(t)), date: formatDateTime(order.updatedAt, i18n.language) })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureOutput } from '../../../main/api/contract';
import type { ApiError } from '../../../main/api/result';
import { useClient } from '../api/client-context';
import { formatDateTime } from '../format/store-formats';
import { useErrorText } from '../screens/error-text';
import { isCustomerCode } from './customer-codes';

type Fulfilment = 'pickup-here' | 'delivery' | 'reserve';
type Chosen = { customerId: string; name: string; via: 'scan' | 'search' };
type Placed = ProcedureOutput<'customers.orderElsewhere'>;
/** The online warehouse: always a source, since HQ's stock lookup lists stores only. */
export const onlineSource = 'online';

/**
 * Saving the sale from the product view (issue 17): the item is out of stock here, so staff find the
 * customer, pick a store that has it (or the online warehouse) and how it reaches them, and HQ
 * answers with a promised date. The order then shows on the customer's card.
 */
export function OrderForCustomer({ sku, ownStore, onOpenCustomer }: { sku: string; ownStore: string | null; onOpenCustomer(customerId: string, via: 'scan' | 'search'): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <section className="order-for-customer" aria-labelledby="order-for-customer-title" data-testid="pv-order">
      <div className="other-stores__header">
        <h3 id="order-for-customer-title" className="stock__title">
          {t('saveSale.title')}
        </h3>
        <button type="button" className="button" data-testid="pv-order-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('saveSale.close') : t('saveSale.start')}
        </button>
      </div>
      {open ? <OrderForm sku={sku} ownStore={ownStore} onOpenCustomer={onOpenCustomer} /> : null}
    </section>
  );
}

function OrderForm({ sku, ownStore, onOpenCustomer }: { sku: string; ownStore: string | null; onOpenCustomer(customerId: string, via: 'scan' | 'search'): void }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const [query, setQuery] = useState('');
  const [code, setCode] = useState('');
  const [hits, setHits] = useState<ProcedureOutput<'customers.search'> | undefined>(undefined);
  const [customer, setCustomer] = useState<Chosen | null>(null);
  const [customerProblem, setCustomerProblem] = useState<string | null>(null);
  const [sources, setSources] = useState<{ store: string; atp: number }[] | null>(null);
  const [from, setFrom] = useState('');
  const [fulfilment, setFulfilment] = useState<Fulfilment>('pickup-here');
  const [qty, setQty] = useState('1');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [placed, setPlaced] = useState<Placed | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  // Where the product is in stock elsewhere: asked of HQ once, when staff start the order.
  useEffect(() => {
    let current = true;
    void client.call('hq.stockLookup', { sku }).then((result) => {
      if (!current) return;
      setSources(result.ok && result.value ? result.value.filter((s) => s.store !== ownStore && s.atp > 0) : []);
    });
    return () => {
      current = false;
    };
  }, [client, sku, ownStore]);

  const openByCode = async (text: string) => {
    setCustomerProblem(null);
    const result = await client.call('customers.open', { by: { kind: 'code', code: text.trim() }, via: 'scan' });
    if (!result.ok) return setCustomerProblem(errorText(result.error));
    if (!result.value.available) return setCustomerProblem(result.value.reason === 'offline' ? t('customers.unavailable') : t('customers.notFound'));
    setCustomer({ customerId: result.value.customerId, name: result.value.name, via: 'scan' });
  };
  // A loyalty card or app QR scanned while the order is open chooses the customer.
  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.event === 'device.scan' && isCustomerCode(event.payload.text)) void openByCode(event.payload.text);
      }),
    // openByCode reads only stable values and setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [client],
  );

  const search = async (event: FormEvent) => {
    event.preventDefault();
    setCustomerProblem(null);
    if (query.trim().length < 2) return setCustomerProblem(t('saveSale.searchTooShort'));
    const result = await client.call('customers.search', { query: query.trim() });
    if (!result.ok) return setCustomerProblem(errorText(result.error));
    if (result.value === null) return setCustomerProblem(t('customers.unavailable'));
    setHits(result.value);
  };
  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim()) return setCustomerProblem(t('saveSale.codeMissing'));
    void openByCode(code);
  };

  const quantity = Number(qty);
  const problems = {
    customer: customer ? null : t('saveSale.customerMissing'),
    from: !from ? t('saveSale.sourceMissing') : null,
    fulfilment: fulfilment === 'reserve' && from === onlineSource ? t('saveSale.reserveNeedsStore') : null,
    qty: Number.isInteger(quantity) && quantity >= 1 && quantity <= 100 ? null : t('saveSale.qtyInvalid'),
  };
  const place = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setError(null);
    if (!customer || Object.values(problems).some(Boolean)) return;
    setBusy(true);
    const result = await client.call('customers.orderElsewhere', { customerId: customer.customerId, sku, qty: quantity, from, fulfilment });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setPlaced(result.value);
  };
  const shown = (key: keyof typeof problems) => (tried ? problems[key] : null);
  const fieldError = (key: keyof typeof problems) =>
    shown(key) ? (
      <span id={`pv-order-${key}-error`} className="field__error" data-testid={`pv-order-${key}-error`} role="alert">
        {shown(key)}
      </span>
    ) : null;

  if (placed && customer) {
    return (
      <div role="status" className="notice" data-testid="pv-order-placed" data-order={placed.orderId}>
        <p>{t('saveSale.placed', { name: customer.name, orderId: placed.orderId })}</p>
        <p>
          {t('saveSale.promised')}{' '}
          <strong data-testid="pv-order-promised" data-promised-at={placed.promisedAt ?? ''}>
            {placed.promisedAt ? formatDateTime(placed.promisedAt, i18n.language) : t('saveSale.noDate')}
          </strong>
        </p>
        <button type="button" className="button" data-testid="pv-order-open-card" onClick={() => onOpenCustomer(customer.customerId, customer.via)}>
          {t('saveSale.openCard', { name: customer.name })}
        </button>
      </div>
    );
  }

  return (
    <div data-testid="pv-order-form">
      <fieldset>
        <legend>{t('saveSale.customer')}</legend>
        {customer ? (
          <p data-testid="pv-order-customer">
            <strong>{customer.name}</strong>{' '}
            <button type="button" className="link-button" onClick={() => setCustomer(null)}>
              {t('saveSale.changeCustomer')}
            </button>
          </p>
        ) : (
          <>
            <form className="form-row" onSubmit={(e) => void search(e)}>
              <label>
                {t('customers.search')} <input data-testid="pv-order-search" value={query} onChange={(e) => setQuery(e.target.value)} />
              </label>
              <button type="submit" className="button" data-testid="pv-order-search-go">
                {t('customers.find')}
              </button>
            </form>
            <form className="form-row" onSubmit={submitCode}>
              <label>
                {t('customers.code')} <input data-testid="pv-order-code" value={code} onChange={(e) => setCode(e.target.value)} />
              </label>
              <button type="submit" className="button" data-testid="pv-order-code-go">
                {t('customers.open')}
              </button>
            </form>
            {hits ? (
              <ul data-testid="pv-order-hits">
                {hits.map((hit) => (
                  <li key={hit.customerId}>
                    <button type="button" className="link-button" onClick={() => setCustomer({ customerId: hit.customerId, name: hit.name, via: 'search' })}>
                      {hit.name} <span className="muted">{hit.hint}</span>
                    </button>
                  </li>
                ))}
                {hits.length === 0 ? <li className="muted">{t('customers.noHits')}</li> : null}
              </ul>
            ) : null}
          </>
        )}
        {customerProblem ? (
          <span className="field__error" role="alert" data-testid="pv-order-customer-problem">
            {customerProblem}
          </span>
        ) : null}
        {fieldError('customer')}
      </fieldset>
      <form className="form-row" onSubmit={(e) => void place(e)} noValidate>
        <span className="order-for-customer__field">
        <label>
          {t('saveSale.from')}{' '}
          <select
            data-testid="pv-order-from"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            aria-invalid={shown('from') ? true : undefined}
            aria-describedby={shown('from') ? 'pv-order-from-error' : undefined}
          >
            <option value="">{sources === null ? t('saveSale.checkingStores') : t('saveSale.chooseSource')}</option>
            {(sources ?? []).map((s) => (
              <option key={s.store} value={s.store}>
                {t('saveSale.storeWith', { store: s.store, atp: s.atp })}
              </option>
            ))}
            <option value={onlineSource}>{t('saveSale.online')}</option>
          </select>
        </label>
        {fieldError('from')}
        </span>
        <span className="order-for-customer__field">
        <label>
          {t('customers.how')}{' '}
          <select
            data-testid="pv-order-fulfilment"
            value={fulfilment}
            onChange={(e) => setFulfilment(e.target.value as Fulfilment)}
            aria-invalid={shown('fulfilment') ? true : undefined}
            aria-describedby={shown('fulfilment') ? 'pv-order-fulfilment-error' : undefined}
          >
            <option value="pickup-here">{t('customers.fulfilment.pickup-here')}</option>
            <option value="delivery">{t('customers.fulfilment.delivery')}</option>
            <option value="reserve">{t('customers.fulfilment.reserve')}</option>
          </select>
        </label>
        {fieldError('fulfilment')}
        </span>
        <span className="order-for-customer__field">
        <label>
          {t('saveSale.qty')}{' '}
          <input
            data-testid="pv-order-qty"
            inputMode="numeric"
            size={3}
            value={qty}
            onChange={(e) => setQty(e.target.value)}
            aria-invalid={shown('qty') ? true : undefined}
            aria-describedby={shown('qty') ? 'pv-order-qty-error' : undefined}
          />
        </label>
        {fieldError('qty')}
        </span>
        <button type="submit" className="button button--primary" data-testid="pv-order-place" disabled={busy}>
          {t('customers.place')}
        </button>
        {error ? (
          <span role="alert" className="notice notice--error" data-testid="pv-order-error">
            {errorText(error)}
          </span>
        ) : null}
      </form>
    </div>
  );
}

import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerCardView } from '../../../main/api/customer-shapes';
import type { ProcedureInput, ProcedureOutput } from '../../../main/api/contract';
import type { ApiError } from '../../../main/api/result';
import { useClient } from '../api/client-context';
import { useStoreQuery } from '../api/use-store-query';
import { formatDate } from '../format/store-formats';
import { plainT, type PlainT } from '../i18n/plain-t';
import { useErrorText } from '../screens/error-text';
import { StatePanel } from '../screens/state-panel';

type OpenBy = ProcedureInput<'customers.open'>['by'];
type Via = ProcedureInput<'customers.open'>['via'];
type Card = Extract<CustomerCardView, { available: true }>;
type Browsed = NonNullable<Card['browsing']>['viewed'][number];

/**
 * Opens a customer's card through HQ: each opening is audited by the core, so the card re-opens
 * only when staff ask or when HQ says this customer changed (an order's tracking).
 */
function useCustomerCard(by: OpenBy | null, via: Via) {
  const client = useClient();
  const [card, setCard] = useState<CustomerCardView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const key = by ? JSON.stringify(by) : null;
  const [generation, setGeneration] = useState(0);
  // Callers key the component by what it opens, so a new customer starts from an empty card.
  useEffect(() => {
    if (!key) return;
    let current = true;
    void client.call('customers.open', { by: JSON.parse(key) as OpenBy, via }).then((result) => {
      if (!current) return;
      if (result.ok) {
        setCard(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [client, key, via, generation]);
  const open = useCallback(() => setGeneration((g) => g + 1), []);
  const customerId = card?.available ? card.customerId : null;
  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.event === 'customers.changed' && customerId && event.payload.customerIds.includes(customerId)) open();
      }),
    [client, customerId, open],
  );
  return { card, error, reopen: open };
}

/** Customers at the counter: who checked in, opening a card by scan or search, and follow-ups. */
export function CustomersScreen({ role, openRequest = null }: { role: string; openRequest?: { customerId: string; via: 'scan' | 'search'; n: number } | null }) {
  const { t } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<ProcedureOutput<'customers.search'> | undefined>(undefined);
  const [opened, setOpened] = useState<{ by: OpenBy; via: Via } | null>(
    openRequest ? { by: { kind: 'id', customerId: openRequest.customerId }, via: openRequest.via } : null,
  );
  const [error, setError] = useState<ApiError | null>(null);

  const openCode = useCallback((text: string) => setOpened({ by: { kind: 'code', code: text.trim() }, via: 'scan' }), []);
  // A scanned loyalty card or app QR opens the card; an app QR also checks the customer in.
  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.event !== 'device.scan') return;
        const text = event.payload.text.trim();
        if (text.startsWith('MOSTRADOR:CUSTOMER:')) void client.call('customers.checkIn', { code: text });
        if (text.startsWith('MOSTRADOR:CUSTOMER:') || text.startsWith('LOY-')) openCode(text);
      }),
    [client, openCode],
  );

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) openCode(code);
  };
  const search = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const result = await client.call('customers.search', { query: query.trim() });
    if (!result.ok) return setError(result.error);
    setHits(result.value);
  };

  return (
    <section className="screen" aria-labelledby="customers-title" data-testid="customers-screen">
      <h1 id="customers-title" className="screen__title">
        {t('customers.title')}
      </h1>
      <ArrivalsPanel />
      <form className="form-row" onSubmit={submitCode}>
        <label>
          {t('customers.code')} <input data-testid="customer-code" value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
        <button type="submit" className="button" data-testid="customer-open-code" disabled={code.trim() === ''}>
          {t('customers.open')}
        </button>
      </form>
      <form className="form-row" onSubmit={(e) => void search(e)}>
        <label>
          {t('customers.search')} <input data-testid="customer-search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <button type="submit" className="button" data-testid="customer-search-go" disabled={query.trim().length < 2}>
          {t('customers.find')}
        </button>
      </form>
      {error ? (
        <p role="alert" className="notice notice--error">
          {errorText(error)}
        </p>
      ) : null}
      {hits === null ? (
        <p className="notice" data-testid="customer-unavailable">
          {t('customers.unavailable')}
        </p>
      ) : hits ? (
        <ul data-testid="customer-hits">
          {hits.map((hit) => (
            <li key={hit.customerId}>
              <button type="button" className="link-button" onClick={() => setOpened({ by: { kind: 'id', customerId: hit.customerId }, via: 'search' })}>
                {hit.name} <span className="muted">{hit.hint}</span>
              </button>
            </li>
          ))}
          {hits.length === 0 ? <li className="muted">{t('customers.noHits')}</li> : null}
        </ul>
      ) : null}
      {opened ? <CustomerCardPanel key={JSON.stringify(opened)} by={opened.by} via={opened.via} canSell={role !== 'pickup'} /> : null}
      {role !== 'pickup' ? <TaskList /> : null}
    </section>
  );
}

/** Who said "I'm here" (the app's check-in, or staff scanning the app QR), with what they came for. */
function ArrivalsPanel() {
  const { t } = useTranslation();
  const arrivals = useStoreQuery('customers.arrivals', {});
  if (arrivals.view.kind !== 'ready' || arrivals.view.value.length === 0) return null;
  return (
    <section aria-labelledby="arrivals-title" data-testid="customer-arrivals" className="notice">
      <h2 id="arrivals-title" className="screen__subtitle">
        {t('customers.arrivals')}
      </h2>
      {arrivals.view.value.map((arrival) => (
        <ArrivalCard key={arrival.id} id={arrival.id} customerId={arrival.customerId} via={arrival.via} />
      ))}
    </section>
  );
}

function ArrivalCard({ id, customerId, via }: { id: number; customerId: string; via: 'app' | 'scan' }) {
  const { t } = useTranslation();
  const client = useClient();
  const { card } = useCustomerCard({ kind: 'id', customerId }, 'arrival');
  if (!card) return <p className="muted">{t('customers.loading')}</p>;
  if (!card.available) return <p data-testid="arrival-unavailable">{t('customers.unavailable')}</p>;
  const pickups = (card.openOrders ?? []).filter((o) => o.fulfilment === 'pickup-here');
  return (
    <article data-testid="arrival" aria-label={card.name}>
      <p>
        <strong>{card.name}</strong> · {via === 'app' ? t('customers.viaApp') : t('customers.viaScan')}{' '}
        <button type="button" className="link-button" onClick={() => void client.call('customers.dismissArrival', { id })}>
          {t('customers.dismiss')}
        </button>
      </p>
      {pickups.length > 0 ? (
        <p data-testid="arrival-pickups">
          {t('customers.cameFor')} {pickups.map((o) => o.orderId).join(', ')}
        </p>
      ) : null}
      {card.browsing && card.browsing.viewed.length > 0 ? <BrowsedList testId="arrival-viewed" title={t('customers.viewed')} items={card.browsing.viewed} /> : null}
    </article>
  );
}

function BrowsedList({ testId, title, items }: { testId: string; title: string; items: Browsed[] }) {
  const { t } = useTranslation();
  if (items.length === 0) {
    return (
      <p className="muted" data-testid={testId}>
        {title}: {t('customers.none')}
      </p>
    );
  }
  return (
    <table className="table" data-testid={testId}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th>{t('customers.item')}</th>
          <th>{t('customers.here')}</th>
          <th>{t('customers.nearby')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.sku} data-sku={item.sku}>
            <td>
              {item.name} <span className="muted">{item.sku}</span>
              {item.qty ? ` ×${item.qty}` : ''}
            </td>
            <td data-testid="stock-here">{item.here ?? '—'}</td>
            <td>{item.nearby.filter((n) => n.atp > 0).map((n) => `${n.store}: ${n.atp}`).join(', ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One panel of the card: what consent and role let this person see, under its title. */
function CardPanel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section data-testid={`panel-${id}`}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** HQ's tracking status in the operator's language; one HQ has not told us of yet, as HQ wrote it. */
const trackingText = (pt: PlainT, status: string) => pt(`customers.tracking.${status}`, { defaultValue: status });

export function CustomerCardPanel({ by, via, canSell }: { by: OpenBy; via: Via; canSell: boolean }) {
  const { t, i18n } = useTranslation();
  const pt = plainT(t);
  const errorText = useErrorText();
  const { card, error } = useCustomerCard(by, via);
  if (error) return <StatePanel tone="error" title={errorText(error)} />;
  if (!card) return <StatePanel tone="loading" title={t('customers.loading')} />;
  if (!card.available) {
    return (
      <p role="status" className="notice" data-testid="customer-card-unavailable">
        {card.reason === 'offline' ? t('customers.unavailable') : t('customers.notFound')}
      </p>
    );
  }
  return (
    <article className="customer-card" data-testid="customer-card" aria-labelledby="customer-card-name">
      <h2 id="customer-card-name" className="screen__subtitle">
        {card.name}
      </h2>
      {card.hidden.map((h) => (
        <p key={h.panel} className="muted" data-testid={`hidden-${h.panel}`}>
          {pt(`customers.panels.${h.panel}`)}: {pt(`customers.hiddenBecause.${h.reason}`)}
        </p>
      ))}
      {card.profile ? (
        <CardPanel id="profile" title={t('customers.panels.profile')}>
          <p>
            {card.profile.phone ?? '—'} · {card.profile.email ?? '—'}
          </p>
          <p className="muted">
            {t('customers.contactBy')}{' '}
            {(['email', 'sms', 'phone'] as const)
              .filter((k) => card.profile!.contact[k])
              .map((k) => pt(`customers.channels.${k}`))
              .join(', ') || t('customers.noContact')}
          </p>
        </CardPanel>
      ) : null}
      {card.loyalty ? (
        <CardPanel id="loyalty" title={t('customers.panels.loyalty')}>
          <p>
            {card.loyalty.tier} · {card.loyalty.points} {t('customers.points')}
          </p>
        </CardPanel>
      ) : null}
      {card.history ? (
        <CardPanel id="history" title={t('customers.panels.history')}>
          <ul>
            {card.history.map((h) => (
              <li key={h.ref}>
                {formatDate(h.at, i18n.language)} · {pt(`customers.kinds.${h.kind}`)} · {pt(`customers.channelsOf.${h.channel}`)} ({h.store}):{' '}
                {h.lines.map((l) => `${l.qty}× ${l.name}${l.size ? ` (${l.size})` : ''}`).join(', ')}
              </li>
            ))}
          </ul>
        </CardPanel>
      ) : null}
      {card.openOrders ? (
        <CardPanel id="orders" title={t('customers.panels.openOrders')}>
          <ul>
            {card.openOrders.map((o) => (
              <li key={o.orderId} data-testid="customer-order" data-order={o.orderId}>
                {o.orderId} · {o.lines.map((l) => `${l.qty}× ${l.name}`).join(', ')} · {pt(`customers.fulfilment.${o.fulfilment}`)} · {t('customers.promised')}{' '}
                {o.promisedAt ? formatDate(o.promisedAt, i18n.language) : '—'} · <strong data-testid="order-status">{trackingText(pt, o.tracking.at(-1)?.status ?? o.status)}</strong>
                {o.tracking.at(-1)?.where ? ` (${o.tracking.at(-1)!.where})` : ''}
              </li>
            ))}
          </ul>
        </CardPanel>
      ) : null}
      {card.notes ? (
        <CardPanel id="notes" title={t('customers.panels.notes')}>
          <ul>
            {card.notes.notes.map((n) => (
              <li key={n.at}>{n.text}</li>
            ))}
          </ul>
          <p>{card.notes.sizes.map((s) => `${s.kind}: ${s.size}`).join(' · ')}</p>
        </CardPanel>
      ) : null}
      {card.browsing ? (
        <CardPanel id="browsing" title={t('customers.panels.browsing')}>
          <BrowsedList testId="browsing-viewed" title={t('customers.viewed')} items={card.browsing.viewed} />
          <BrowsedList testId="browsing-wishlist" title={t('customers.wishlist')} items={card.browsing.wishlist} />
          <BrowsedList testId="browsing-cart" title={t('customers.cart')} items={card.browsing.cart} />
        </CardPanel>
      ) : null}
      {canSell ? <OrderElsewhere customerId={card.customerId} /> : null}
      {canSell && card.contactConsent ? <FollowUp customerId={card.customerId} /> : null}
    </article>
  );
}

/** Saving the sale: an item out of stock here, ordered from another store or online, or reserved there. */
function OrderElsewhere({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const [sku, setSku] = useState('');
  const [from, setFrom] = useState('');
  const [fulfilment, setFulfilment] = useState<'pickup-here' | 'delivery' | 'reserve'>('delivery');
  const [placed, setPlaced] = useState<ProcedureOutput<'customers.orderElsewhere'> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const result = await client.call('customers.orderElsewhere', { customerId, sku: sku.trim(), qty: 1, from: from.trim(), fulfilment });
    if (!result.ok) return setError(result.error);
    setPlaced(result.value);
  };
  return (
    <form className="form-row" onSubmit={(e) => void submit(e)} data-testid="order-elsewhere" aria-label={t('customers.orderElsewhere')}>
      <strong>{t('customers.orderElsewhere')}</strong>
      <label>
        {t('customers.sku')} <input data-testid="order-sku" value={sku} onChange={(e) => setSku(e.target.value)} />
      </label>
      <label>
        {t('customers.from')} <input data-testid="order-from" value={from} onChange={(e) => setFrom(e.target.value)} placeholder="online" />
      </label>
      <label>
        {t('customers.how')}{' '}
        <select data-testid="order-fulfilment" value={fulfilment} onChange={(e) => setFulfilment(e.target.value as typeof fulfilment)}>
          <option value="delivery">{t('customers.fulfilment.delivery')}</option>
          <option value="pickup-here">{t('customers.fulfilment.pickup-here')}</option>
          <option value="reserve">{t('customers.fulfilment.reserve')}</option>
        </select>
      </label>
      <button type="submit" className="button" data-testid="order-place" disabled={!sku.trim() || !from.trim()}>
        {t('customers.place')}
      </button>
      {placed ? (
        <span role="status" data-testid="order-placed">
          {t('customers.placed', { orderId: placed.orderId, date: placed.promisedAt ? formatDate(placed.promisedAt, i18n.language) : '—' })}
        </span>
      ) : null}
      {error ? (
        <span role="alert" className="notice notice--error">
          {errorText(error)}
        </span>
      ) : null}
    </form>
  );
}

/** A follow-up for this customer (they consented to contact), with a warning on special-category notes. */
function FollowUp({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const pt = plainT(t);
  const client = useClient();
  const errorText = useErrorText();
  const [note, setNote] = useState('');
  const [days, setDays] = useState(2);
  const [checked, setChecked] = useState<{ note: string; warning: ProcedureOutput<'customers.checkNote'> }>({ note: '', warning: null });
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const latest = useRef(0);
  useEffect(() => {
    const ask = ++latest.current;
    if (!note.trim()) return;
    void client.call('customers.checkNote', { text: note }).then((r) => ask === latest.current && r.ok && setChecked({ note, warning: r.value }));
  }, [client, note]);
  // A warning answers the note as it was typed; an emptied or newer note shows none until checked.
  const warning = checked.note === note ? checked.warning : null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const dueAt = new Date(Date.now() + days * 86_400_000).toISOString();
    const result = await client.call('customers.addTask', { customerId, dueAt, note: note.trim() });
    if (!result.ok) return setError(result.error);
    setSaved(true);
    setNote('');
  };
  return (
    <form className="form-row" onSubmit={(e) => void submit(e)} data-testid="follow-up" aria-label={t('customers.followUp')}>
      <strong>{t('customers.followUp')}</strong>
      <label>
        {t('customers.inDays')} <input type="number" min={0} max={60} value={days} onChange={(e) => setDays(Number(e.target.value))} />
      </label>
      <label>
        {t('customers.note')} <input data-testid="follow-up-note" value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="button" disabled={!note.trim()}>
        {t('customers.setFollowUp')}
      </button>
      {warning ? (
        <span role="alert" className="notice notice--error" data-testid="special-category-warning">
          {t('customers.specialWarning', { category: pt(`customers.categories.${warning.category}`) })}
        </span>
      ) : null}
      {saved ? <span role="status">{t('customers.followUpSaved')}</span> : null}
      {error ? (
        <span role="alert" className="notice notice--error">
          {errorText(error)}
        </span>
      ) : null}
    </form>
  );
}

/** Follow-ups per associate: everyone's, or one person's. */
function TaskList() {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const tasks = useStoreQuery('customers.tasks', {});
  if (tasks.view.kind !== 'ready' || tasks.view.value.length === 0) return null;
  const byAssignee = new Map<string, typeof tasks.view.value>();
  for (const task of tasks.view.value) byAssignee.set(task.assignee, [...(byAssignee.get(task.assignee) ?? []), task]);
  return (
    <section data-testid="customer-tasks" aria-labelledby="tasks-title">
      <h2 id="tasks-title" className="screen__subtitle">
        {t('customers.tasks')}
      </h2>
      {[...byAssignee].map(([assignee, list]) => (
        <div key={assignee}>
          <h3>{assignee}</h3>
          <ul>
            {list.map((task) => (
              <li key={task.id}>
                {formatDate(task.dueAt, i18n.language)} · {task.customerName ?? task.customerId} · {task.note}{' '}
                <button type="button" className="link-button" onClick={() => void client.call('customers.completeTask', { id: task.id })}>
                  {t('customers.done')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

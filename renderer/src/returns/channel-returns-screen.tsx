import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { ChannelOrderInfo, ChannelReturnInfo, DocumentCursor } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { ApprovalDialog } from '../approval/approval-dialog';
import { useManagerCall } from '../approval/use-manager-call';
import type { StoreQueryKey } from '../api/query-cache';
import { PagedVirtualList, usePagedQuery } from '../lists/paged-virtual-list';
import { formatMoney } from '../format/store-formats';
import { plainT } from '../i18n/plain-t';
import { useErrorText } from '../screens/error-text';

const refundMethods = ['cash', 'store-credit', 'original-payment'] as const;
type RefundMethod = (typeof refundMethods)[number];
const returnReasons = ['changed-mind', 'defective', 'wrong-item'] as const;
const damageReasons = ['broken', 'soiled', 'missing-parts'] as const;
const returnPageSize = 30;

/** Returns of orders sold in any channel: found through HQ, counted by HQ, then sent to stock or damaged. */
export function ChannelReturnsScreen() {
  const { t, i18n } = useTranslation();
  const pt = plainT(t);
  const client = useClient();
  const errorText = useErrorText();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ reachable: boolean; orders: ChannelOrderInfo[] } | null>(null);
  const [order, setOrder] = useState<ChannelOrderInfo | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const fetchRecent = useCallback(
    async (before: DocumentCursor | undefined) => {
      const result = await client.call('returns.list', { limit: returnPageSize, ...(before === undefined ? {} : { before }) });
      if (!result.ok) throw result.error;
      return result.value;
    },
    [client],
  );
  // Keyed by returns.list, so returns.changed re-reads its pages (query-cache.ts).
  const recentKey: StoreQueryKey = useMemo(() => ['returns.list', { paged: true }], []);
  const recent = usePagedQuery<ChannelReturnInfo, DocumentCursor>({ queryKey: recentKey, pageSize: returnPageSize, fetchPage: fetchRecent, cursorOf: (r) => ({ at: r.at, id: r.returnId }) });

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (query.trim().length < 2) return;
    const result = await client.call('returns.lookup', { query: query.trim() });
    if (!result.ok) return setError(result.error);
    setError(null);
    setOrder(null);
    setFound(result.value);
    if (result.value.orders.length === 1) setOrder(result.value.orders[0]!);
  };

  return (
    <section className="channel-returns" aria-labelledby="channel-returns-title">
      <h2 id="channel-returns-title">{pt('channelReturns.title')}</h2>
      <form className="order-find" role="search" onSubmit={(e) => void search(e)}>
        <label className="field order-find__field">
          <span className="field__label">{pt('channelReturns.find')}</span>
          <input className="orders-input" data-testid="channel-return-query" autoComplete="off" placeholder={pt('channelReturns.findPlaceholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <button type="submit" className="button button--large" data-testid="channel-return-search">
          {pt('channelReturns.search')}
        </button>
      </form>
      {error ? (
        <p className="form-error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
      {found && !found.reachable ? (
        <>
          <p className="form-error" role="alert" data-testid="channel-return-offline">
            {pt('channelReturns.hqOffline')}
          </p>
          <OfflineReturnForm key={query} scanned={query.trim()} onDone={() => setFound(null)} />
        </>
      ) : null}
      {found && found.reachable && found.orders.length === 0 ? <p data-testid="channel-return-none">{pt('channelReturns.none')}</p> : null}
      {found && found.orders.length > 1 ? (
        <ul className="customer-search__results">
          {found.orders.map((o) => (
            <li key={o.orderId}>
              <button type="button" className="button button--large" data-testid={`channel-return-order-${o.orderId}`} onClick={() => setOrder(o)}>
                {o.orderId} · {o.customer.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {order ? <ReturnForm key={`${order.orderId}:${order.lines.map((l) => l.returned).join(",")}`} order={order} onDone={() => setOrder(null)} /> : null}
      <h3>{pt('channelReturns.recent')}</h3>
      <PagedVirtualList
        list={recent}
        testId="channel-returns-list"
        label={pt('channelReturns.recent')}
        rowHeight={120}
        height={420}
        itemKey={(r) => r.returnId}
        empty={null}
        renderRow={(r) => <RecentReturn r={r} language={i18n.language} pt={pt} />}
      />
    </section>
  );
}

function ReturnForm({ order, onDone }: { order: ChannelOrderInfo; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const pt = plainT(t);
  const client = useClient();
  const errorText = useErrorText();
  const [qty, setQty] = useState<Record<string, number>>({});
  const [reason, setReason] = useState<string>(returnReasons[0]);
  const [refund, setRefund] = useState<RefundMethod>('cash');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // Validated here, in the console, before anything is sent: never more than what is left to return.
  const over = order.lines.filter((l) => (qty[l.lineId] ?? 0) > l.qty - l.returned);
  const chosen = order.lines.filter((l) => (qty[l.lineId] ?? 0) > 0);
  const total = chosen.reduce((sum, l) => sum + (qty[l.lineId] ?? 0) * l.unitPriceCents, 0);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (over.length > 0 || chosen.length === 0 || busy) return;
    setBusy(true);
    const result = await client.call('returns.record', { offline: false, orderId: order.orderId, refundMethod: refund, lines: chosen.map((l) => ({ lineId: l.lineId, qty: qty[l.lineId]!, reason })) });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    onDone();
  };

  return (
    <form className="return-form panel" data-testid="channel-return-form" data-order={order.orderId} onSubmit={(e) => void submit(e)} noValidate>
      <header className="order-detail__header">
        <h3 className="order-detail__title">{t('orders.detail.title', { orderId: order.orderId })}</h3>
        <span>{order.customer.name}</span>
        <span data-testid="channel-return-channel">{pt(`channelReturns.channels.${order.channel}`)}</span>
      </header>
      <table className="data-table return-lines">
        <thead>
          <tr>
            <th scope="col">{t('orders.detail.product')}</th>
            <th scope="col" className="number">{pt('channelReturns.sold')}</th>
            <th scope="col" className="number">{pt('channelReturns.alreadyReturned')}</th>
            <th scope="col" className="number">{pt('channelReturns.price')}</th>
            <th scope="col">{t('orders.returns.qty')}</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => {
            const left = line.qty - line.returned;
            const tooMany = (qty[line.lineId] ?? 0) > left;
            return (
              <tr key={line.lineId} data-testid={`channel-return-line-${line.lineId}`} data-returned={line.returned}>
                <th scope="row">
                  {line.name} <span className="muted code">{line.sku}</span>
                </th>
                <td className="number">{line.qty}</td>
                <td className="number">{line.returned}</td>
                <td className="number">{formatMoney(line.unitPriceCents, i18n.language)}</td>
                <td>
                  <input
                    className="orders-input orders-input--qty"
                    type="number"
                    min={0}
                    data-testid={`channel-return-qty-${line.lineId}`}
                    aria-label={t('orders.returns.qtyFor', { sku: line.sku })}
                    aria-invalid={tooMany}
                    value={qty[line.lineId] ?? 0}
                    onChange={(e) => setQty((q) => ({ ...q, [line.lineId]: Math.max(0, Math.trunc(Number(e.target.value) || 0)) }))}
                  />
                  {tooMany ? (
                    <span className="field__error" role="alert" data-testid={`channel-return-too-many-${line.lineId}`}>
                      {pt('channelReturns.tooMany', { left })}
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <label className="field">
        <span className="field__label">{t('orders.returns.reason')}</span>
        <select className="orders-input" data-testid="channel-return-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
          {returnReasons.map((code) => (
            <option key={code} value={code}>
              {pt(`channelReturns.reasons.${code}`)}
            </option>
          ))}
        </select>
      </label>
      <RefundSelect testId="channel-return-refund" value={refund} onChange={setRefund} />
      <p data-testid="channel-return-total">{pt('channelReturns.total', { amount: formatMoney(total, i18n.language) })}</p>
      {error ? (
        <p className="form-error" role="alert" data-testid="channel-return-error" data-code={error.code}>
          {error.code === 'OVER_RETURN'
            ? t('orders.returns.overReturn', { delivered: String(error.details?.delivered ?? '?'), already: String(error.details?.alreadyReturned ?? '?') })
            : errorText(error)}
        </p>
      ) : null}
      <button type="submit" className="button button--primary button--large" data-testid="channel-return-confirm" disabled={busy || chosen.length === 0 || over.length > 0}>
        {t('orders.returns.confirm')}
      </button>
    </form>
  );
}

interface OfflineLine {
  sku: string;
  qty: number;
}

/** HQ does not answer: the return is recorded against the scanned receipt, on a manager's approval, and settles when HQ answers. */
function OfflineReturnForm({ scanned, onDone }: { scanned: string; onDone(): void }) {
  const { t } = useTranslation();
  const pt = plainT(t);
  const errorText = useErrorText();
  const manager = useManagerCall();
  const [receipt, setReceipt] = useState(scanned);
  const [lines, setLines] = useState<OfflineLine[]>([]);
  const [sku, setSku] = useState('');
  const [qty, setQty] = useState(1);
  const [refund, setRefund] = useState<RefundMethod>('cash');
  const [error, setError] = useState<ApiError | null>(null);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const code = sku.trim();
    if (code.length === 0 || qty < 1) return;
    setLines((ls) => [...ls.filter((l) => l.sku !== code), { sku: code, qty: (ls.find((l) => l.sku === code)?.qty ?? 0) + qty }]);
    setSku('');
    setQty(1);
  };
  const submit = async () => {
    if (receipt.trim().length === 0 || lines.length === 0) return;
    const result = await manager.call('returns.record', { offline: true, orderId: receipt.trim(), refundMethod: refund, lines: lines.map((l) => ({ ...l, reason: 'changed-mind' })) });
    if (result === null) return;
    if (!result.ok) return setError(result.error);
    onDone();
  };

  return (
    <div className="return-form panel" data-testid="channel-return-offline-form">
      <h3>{pt('channelReturns.offlineTitle')}</h3>
      <label className="field">
        <span className="field__label">{pt('channelReturns.receipt')}</span>
        <input className="orders-input" data-testid="offline-return-receipt" value={receipt} onChange={(e) => setReceipt(e.target.value)} />
      </label>
      <form className="order-find" onSubmit={add}>
        <label className="field">
          <span className="field__label">{pt('channelReturns.sku')}</span>
          <input className="orders-input" data-testid="offline-return-sku" autoComplete="off" value={sku} onChange={(e) => setSku(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t('orders.returns.qty')}</span>
          <input className="orders-input orders-input--qty" type="number" min={1} data-testid="offline-return-qty" value={qty} onChange={(e) => setQty(Math.max(1, Math.trunc(Number(e.target.value) || 1)))} />
        </label>
        <button type="submit" className="button" data-testid="offline-return-add">
          {pt('channelReturns.addLine')}
        </button>
      </form>
      <ul>
        {lines.map((l) => (
          <li key={l.sku} data-testid={`offline-return-line-${l.sku}`}>
            {l.sku} × {l.qty}
          </li>
        ))}
      </ul>
      <RefundSelect testId="offline-return-refund" value={refund} onChange={setRefund} />
      {error ? (
        <p className="form-error" role="alert" data-testid="offline-return-error">
          {errorText(error)}
        </p>
      ) : null}
      <button type="button" className="button button--primary button--large" data-testid="offline-return-confirm" disabled={lines.length === 0 || receipt.trim().length === 0} onClick={() => void submit()}>
        {pt('channelReturns.recordOffline')}
      </button>
      {manager.asking ? <ApprovalDialog request={manager.asking} /> : null}
    </div>
  );
}

function RecentReturn({ r, language, pt }: { r: ChannelReturnInfo; language: string; pt: (key: string, options?: Record<string, unknown>) => string }) {
  const client = useClient();
  const errorText = useErrorText();
  const [error, setError] = useState<ApiError | null>(null);
  const [damage, setDamage] = useState<string>(damageReasons[0]);
  const dispose = async (lineId: string, to: 'stock' | 'damaged', qty: number) => {
    const result = await client.call('returns.dispose', { returnId: r.returnId, lineId, to, qty, reason: to === 'stock' ? 'resellable' : damage });
    setError(result.ok ? null : result.error);
  };
  return (
    <div className="panel" data-testid={`channel-return-${r.returnId}`} data-state={r.state} data-refund={r.refundState ?? ''}>
      <p>
        <strong className="code">{r.returnId}</strong> · {r.orderId} · {pt(`channelReturns.states.${r.state}`)} · {pt(`channelReturns.refunds.${r.refundMethod}`)}{' '}
        {formatMoney(r.amountCents, language)}
        {r.refundState ? <span data-testid="channel-return-refund-state"> · {pt(`channelReturns.refundStates.${r.refundState}`)}</span> : null}
        {r.voucherId ? <span className="code"> · {r.voucherId}</span> : null}
        {r.hqReason ? <span> · {r.hqReason}</span> : null}
      </p>
      <ul>
        {r.lines.map((l) => {
          const waiting = l.qty - l.toStock - l.toDamaged;
          return (
            <li key={l.lineId} data-testid={`channel-return-${r.returnId}-${l.lineId}`} data-waiting={waiting}>
              {l.sku} × {l.qty} · {pt('channelReturns.waiting', { count: waiting })}
              {waiting > 0 ? (
                <>
                  {' '}
                  <button type="button" className="button" data-testid={`dispose-stock-${r.returnId}-${l.lineId}`} onClick={() => void dispose(l.lineId, 'stock', waiting)}>
                    {pt('channelReturns.toStock')}
                  </button>{' '}
                  <select className="orders-input" aria-label={pt('channelReturns.damageReason')} value={damage} onChange={(e) => setDamage(e.target.value)}>
                    {damageReasons.map((code) => (
                      <option key={code} value={code}>
                        {pt(`channelReturns.damage.${code}`)}
                      </option>
                    ))}
                  </select>{' '}
                  <button type="button" className="button" data-testid={`dispose-damaged-${r.returnId}-${l.lineId}`} onClick={() => void dispose(l.lineId, 'damaged', waiting)}>
                    {pt('channelReturns.toDamaged')}
                  </button>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
      {error ? (
        <p className="form-error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
    </div>
  );
}

/** How the customer gets their money back, in both return forms. */
function RefundSelect({ testId, value, onChange }: { testId: string; value: RefundMethod; onChange(method: RefundMethod): void }) {
  const { t } = useTranslation();
  const pt = plainT(t);
  return (
    <label className="field">
      <span className="field__label">{t('orders.returns.refund')}</span>
      <select className="orders-input" data-testid={testId} value={value} onChange={(e) => onChange(e.target.value as RefundMethod)}>
        {refundMethods.map((m) => (
          <option key={m} value={m}>
            {pt(`channelReturns.refunds.${m}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

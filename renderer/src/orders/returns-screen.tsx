import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { ExchangeResult, OrderDetail, SettlementMethod } from '../../../main/api/types';
import { ApprovalDialog } from '../approval/approval-dialog';
import { useManagerCall } from '../approval/use-manager-call';
import { formatMoney } from '../format/store-formats';
import { ExchangeSettlement, methodsFor, useExchangeQuote } from './exchange-settlement';
import { useErrorText } from '../screens/error-text';
import { StatePanel } from '../screens/state-panel';
import { CustomerOrderSearch } from './customer-order-search';
import { delivered } from './order-progress';
import { OrderFindForm } from './order-find-form';
import { ReplacementList, type Replacement } from './replacement-list';
import { StatusBadge } from './order-queue';
import { refundMethods, returnConditions, returnReasons, type RefundMethod, type ReturnCondition } from './reasons';
import { useOrderAction } from './use-order-action';
import { useCounterRound } from './use-order-finder';
import { useLineProducts } from './use-products';
import { customerNameText } from './customer-name';
import { plainT } from '../i18n/plain-t';

/** A return of an online purchase: find the collected order, choose lines, refund. */
export function ReturnsScreen({ active }: { active: boolean }) {
  const { t, i18n } = useTranslation();
  const { finder, done, setDone, again } = useCounterRound<Done>(active);

  return (
    <section className="returns" aria-labelledby="returns-title">
      <h2 id="returns-title" className="visually-hidden">
        {t('orders.returns.title')}
      </h2>
      {done ? (
        <StatePanel
          tone="empty"
          title={t('orders.returns.doneTitle')}
          testId="return-done"
          action={
            <button type="button" className="button button--primary button--large" autoFocus onClick={again}>
              {t('orders.returns.next')}
            </button>
          }
        >
          {t('orders.returns.doneBody', { orderId: done.orderId })}{' '}
          <strong className="code" data-testid="return-id">
            {done.returnId}
          </strong>
          {done.newOrderId ? (
            <span className="done__exchange" data-testid="exchange-order">
              {' '}
              {t('orders.returns.exchangeDoneBody', { orderId: done.orderId, newOrderId: done.newOrderId })}
            </span>
          ) : null}
          {done.exchange ? (
            <span className="done__exchange" data-testid="exchange-money" data-settlement={done.exchange.settlement}>
              {' '}
              {done.exchange.settlement === 'none'
                ? t('exchange.doneEven', { due: new Date(done.exchange.promisedAt).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'es-ES', { hour: '2-digit', minute: '2-digit' }) })
                : t('exchange.doneMoney', {
                    amount: formatMoney(done.exchange.differenceCents, i18n.language),
                    settlement: t(`exchange.settlements.${done.exchange.settlement}`),
                    method: done.exchange.method ? t(`exchange.methods.${done.exchange.method}`) : '',
                    due: new Date(done.exchange.promisedAt).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'es-ES', { hour: '2-digit', minute: '2-digit' }),
                  })}
            </span>
          ) : null}
        </StatePanel>
      ) : finder.view.kind === 'found' ? (
        <ReturnForm key={finder.view.order.orderId} order={finder.view.order} onDone={setDone} onCancel={again} />
      ) : (
        <>
          <OrderFindForm testId="return-find" view={finder.view} onFind={(code) => void finder.find(code)} />
          <CustomerOrderSearch onPick={(orderId) => void finder.find(orderId)} />
        </>
      )}
    </section>
  );
}

interface Done {
  returnId: string;
  orderId: string;
  /** An exchange: the order that holds the replacements. */
  newOrderId?: string;
  /** An exchange: its difference, how it was settled, the new order's deadline. */
  exchange?: Pick<ExchangeResult, 'differenceCents' | 'settlement' | 'method' | 'promisedAt'>;
}

interface LineChoice {
  qty: number;
  reason: string;
  condition: ReturnCondition;
}

function ReturnForm({ order, onDone, onCancel }: { order: OrderDetail; onDone(done: Done): void; onCancel(): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const action = useOrderAction();
  const products = useLineProducts(order.lines.map((l) => l.sku));
  const [choices, setChoices] = useState<Record<string, LineChoice>>({});
  const [refund, setRefund] = useState<RefundMethod>('original-payment');
  const [mode, setMode] = useState<'refund' | 'exchange'>('refund');
  const [replacements, setReplacements] = useState<Replacement[]>([]);
  const [settle, setSettle] = useState<SettlementMethod | null>(null);
  // Over HQ's threshold the core asks for a manager, who approves this exchange on the spot.
  const manager = useManagerCall();
  const [exchangeBusy, setExchangeBusy] = useState(false);
  const [exchangeError, setExchangeError] = useState<ApiError | null>(null);
  const collected = order.status === 'collected';
  const chosen = Object.entries(choices).filter(([, c]) => c.qty > 0);
  const lines = chosen.map(([lineId, c]) => ({ lineId, qty: c.qty, reason: c.reason, condition: c.condition }));
  const exchangeKey = JSON.stringify([lines, replacements.map(({ sku, qty }) => ({ sku, qty }))]);
  const exchange = useMemo(() => {
    const [l, n] = JSON.parse(exchangeKey) as [typeof lines, { sku: string; qty: number }[]];
    return mode === 'exchange' && collected && l.length > 0 && n.length > 0 ? { orderId: order.orderId, lines: l, newLines: n } : null;
  }, [exchangeKey, mode, collected, order.orderId]);
  const quote = useExchangeQuote(exchange);
  const settled = quote !== null && (quote.differenceCents === 0 || (settle !== null && methodsFor(quote.differenceCents).includes(settle)));
  // More than a line delivered is refused here, beside its field, not by the browser's bubble or the core.
  const overMax = order.lines.some((line) => (choices[line.lineId]?.qty ?? 0) > delivered(line));
  const canConfirm = collected && chosen.length > 0 && !overMax && action.busy === null && !exchangeBusy && (mode === 'refund' || (replacements.length > 0 && settled));

  const choice = (lineId: string): LineChoice => choices[lineId] ?? { qty: 0, reason: returnReasons[0], condition: 'resellable' };
  const update = (lineId: string, change: Partial<LineChoice>) => setChoices((c) => ({ ...c, [lineId]: { ...choice(lineId), ...change } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canConfirm) return;
    if (mode === 'exchange' && exchange && quote) {
      setExchangeBusy(true);
      setExchangeError(null);
      const settlement = quote.differenceCents !== 0 && settle ? { settlement: settle } : {};
      const result = await manager.call('orders.exchange', { ...exchange, ...settlement }, setExchangeError);
      setExchangeBusy(false);
      if (result === null) return; // nobody approved: the form stays as it was
      if (!result.ok) return setExchangeError(result.error);
      const { returnId, orderId: newOrderId, differenceCents, settlement: how, method, promisedAt } = result.value;
      onDone({ returnId, orderId: order.orderId, newOrderId, exchange: { differenceCents, settlement: how, method, promisedAt } });
      return;
    }
    const result = await action.run('orders.return', { orderId: order.orderId, refundMethod: refund, lines });
    if (result) onDone({ returnId: result.returnId, orderId: order.orderId });
  };

  return (
    <>
      <form className="return-form panel" data-testid="return-order" data-order={order.orderId} noValidate onSubmit={(e) => void submit(e)}>
        <header className="order-detail__header">
          <h3 className="order-detail__title">{t('orders.detail.title', { orderId: order.orderId })}</h3>
          <StatusBadge status={order.status} />
          <span>{customerNameText(order.customerName, plainT(t))}</span>
        </header>
        {!collected ? (
          <p className="form-error" role="alert" data-testid="return-not-collected">
            {t('orders.returns.notCollected', { status: t(`orders.status.${order.status}`) })}
          </p>
        ) : null}
        <table className="data-table return-lines">
          <thead>
            <tr>
              <th scope="col">{t('orders.detail.product')}</th>
              <th scope="col" className="number">
                {t('orders.returns.delivered')}
              </th>
              <th scope="col">{t('orders.returns.qty')}</th>
              <th scope="col">{t('orders.returns.reason')}</th>
              <th scope="col">{t('orders.returns.condition')}</th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => {
              const max = delivered(line);
              const c = choice(line.lineId);
              const tooMany = c.qty > max;
              const errorId = `return-line-${line.lineId}-error`;
              return (
                <tr key={line.lineId} data-testid={`return-line-${line.lineId}`}>
                  <th scope="row">
                    {products.get(line.sku)?.name ?? line.sku} <span className="muted code">{line.sku}</span>
                  </th>
                  <td className="number">{max}</td>
                  <td>
                    <input
                      className="orders-input orders-input--qty"
                      type="number"
                      data-testid={`return-line-${line.lineId}-qty`}
                      aria-label={t('orders.returns.qtyFor', { sku: line.sku })}
                      min={0}
                      max={max}
                      disabled={!collected || max === 0}
                      value={c.qty}
                      aria-invalid={tooMany || undefined}
                      aria-describedby={tooMany ? errorId : undefined}
                      onChange={(event) => update(line.lineId, { qty: Math.max(0, Math.trunc(Number(event.target.value) || 0)) })}
                    />
                    {tooMany ? (
                      <span className="field__error return-lines__error" id={errorId} role="alert" data-testid={errorId}>
                        {t('orders.returns.overMax', { max })}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <select
                      className="orders-input"
                      data-testid={`return-line-${line.lineId}-reason`}
                      aria-label={t('orders.returns.reason')}
                      disabled={!collected}
                      value={c.reason}
                      onChange={(event) => update(line.lineId, { reason: event.target.value })}
                    >
                      {returnReasons.map((code) => (
                        <option key={code} value={code}>
                          {t(`orders.reasons.return.${code}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      className="orders-input"
                      data-testid={`return-line-${line.lineId}-condition`}
                      aria-label={t('orders.returns.condition')}
                      disabled={!collected}
                      value={c.condition}
                      onChange={(event) => update(line.lineId, { condition: event.target.value as ReturnCondition })}
                    >
                      {returnConditions.map((code) => (
                        <option key={code} value={code}>
                          {t(`orders.returns.conditions.${code}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <fieldset className="return-mode" disabled={!collected}>
          <legend className="field__label">{t('orders.returns.mode')}</legend>
          {(['refund', 'exchange'] as const).map((m) => (
            <label key={m} className="return-mode__choice">
              <input type="radio" name="return-mode" data-testid={`return-mode-${m}`} checked={mode === m} onChange={() => setMode(m)} />{' '}
              {t(`orders.returns.modes.${m}`)}
            </label>
          ))}
        </fieldset>
        {mode === 'refund' ? (
          <label className="field">
            <span className="field__label">{t('orders.returns.refund')}</span>
            <select className="orders-input" data-testid="return-refund" disabled={!collected} value={refund} onChange={(event) => setRefund(event.target.value as RefundMethod)}>
              {refundMethods.map((method) => (
                <option key={method} value={method}>
                  {t(`orders.returns.refunds.${method}`)}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <>
            <ReplacementList items={replacements} onChange={setReplacements} />
            {exchange ? (
              <ExchangeSettlement exchange={exchange} method={settle} onMethod={setSettle} names={new Map([...products].map(([sku, p]) => [sku, p.name]))} />
            ) : null}
          </>
        )}
        {exchangeError && mode === 'exchange' ? (
          <p className="form-error" role="alert" data-testid="exchange-submit-error" data-code={exchangeError.code}>
            {errorText(exchangeError)}
          </p>
        ) : null}
        {overMax ? (
          <p className="muted" data-testid="return-fix-quantities">
            {t('orders.returns.overMaxSummary')}
          </p>
        ) : null}
        {action.error ? (
          <p className="form-error" role="alert" data-testid="return-error" data-code={action.error.error.code}>
            {action.error.error.code === 'OVER_RETURN'
              ? t('orders.returns.overReturn', {
                  delivered: String(action.error.error.details?.delivered ?? '?'),
                  already: String(action.error.error.details?.alreadyReturned ?? '?'),
                })
              : errorText(action.error.error)}
          </p>
        ) : null}
        <div className="order-actions">
          <button type="submit" className="button button--primary button--large" data-testid="return-confirm" disabled={!canConfirm}>
            {mode === 'exchange' ? t('orders.returns.confirmExchange') : t('orders.returns.confirm')}
          </button>
          <button type="button" className="button button--large" onClick={onCancel}>
            {t('orders.returns.another')}
          </button>
        </div>
      </form>
      {manager.asking ? <ApprovalDialog request={manager.asking} /> : null}
    </>
  );
}

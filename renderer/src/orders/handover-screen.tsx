import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { OrderDetail, OrderInfo } from '../../../main/api/types';
import { ApprovalDialog } from '../approval/approval-dialog';
import { useManagerCall } from '../approval/use-manager-call';
import { StatePanel } from '../screens/state-panel';
import { useErrorText } from '../screens/error-text';
import { OrderFindForm } from './order-find-form';
import { StatusBadge } from './order-queue';
import { useCounterRound } from './use-order-finder';
import { useLineProducts } from './use-products';
import { customerNameText } from './customer-name';
import { plainT } from '../i18n/plain-t';

/** The customer is at the counter: find their order, verify them, hand it over. */
export function HandoverScreen({ active, initial }: { active: boolean; initial: OrderDetail | null }) {
  const { t } = useTranslation();
  const { finder, done, setDone, again } = useCounterRound<OrderInfo>(active, initial);

  return (
    <section className="handover" aria-labelledby="handover-title">
      <h2 id="handover-title" className="visually-hidden">
        {t('orders.handover.title')}
      </h2>
      {done ? (
        <StatePanel
          tone="empty"
          title={t('orders.handover.doneTitle', { orderId: done.orderId })}
          testId="handover-done"
          action={
            <button type="button" className="button button--primary button--large" data-testid="handover-next" autoFocus onClick={again}>
              {t('orders.handover.next')}
            </button>
          }
        >
          {t('orders.handover.doneBody', { name: customerNameText(done.customerName, plainT(t)) })}
        </StatePanel>
      ) : finder.view.kind === 'found' ? (
        <HandoverForm key={finder.view.order.orderId} order={finder.view.order} onDone={setDone} onCancel={again} />
      ) : (
        <OrderFindForm testId="handover-find" view={finder.view} onFind={(code) => void finder.find(code)} />
      )}
    </section>
  );
}

function HandoverForm({ order, onDone, onCancel }: { order: OrderDetail; onDone(order: OrderInfo): void; onCancel(): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  // Past the order's wrong-code limit the core asks for a manager, who approves the try on the spot.
  const manager = useManagerCall();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const products = useLineProducts(order.lines.map((l) => l.sku));
  const [code, setCode] = useState('');
  const [idChecked, setIdChecked] = useState(false);
  const [refused, setRefused] = useState<Record<string, number>>({});
  const ageRestricted = order.lines.some((l) => l.ageRestricted);
  const canHand = order.status === 'ready';
  const ready = canHand && code.trim() !== '' && (!ageRestricted || idChecked) && !busy;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    const refusedLines = Object.entries(refused)
      .filter(([, qty]) => qty > 0)
      .map(([lineId, qty]) => ({ lineId, qty }));
    setBusy(true);
    setError(null);
    const result = await manager.call(
      'orders.handover',
      {
        orderId: order.orderId,
        verificationCode: code.trim(),
        ...(refusedLines.length > 0 ? { refused: refusedLines } : {}),
        ...(ageRestricted ? { idChecked } : {}),
      },
      setError, // "too many wrong codes" stays on screen if nobody approves
    );
    setBusy(false);
    if (result === null) return; // nobody approved: the form stays as it was
    if (result.ok) onDone(result.value);
    else setError(result.error);
  };

  return (
    <>
      <form className="handover-form panel" data-testid="handover-order" data-order={order.orderId} onSubmit={(e) => void submit(e)}>
        <header className="order-detail__header">
          <h3 className="order-detail__title">{t('orders.detail.title', { orderId: order.orderId })}</h3>
          <StatusBadge status={order.status} testId="handover-status" />
          <span className="handover-form__customer">
            {customerNameText(order.customerName, plainT(t))}
            {order.customerPhone ? <span className="muted"> · {order.customerPhone}</span> : null}
          </span>
        </header>
        {!canHand ? (
          <p className="form-error" role="alert" data-testid="handover-not-ready">
            {t('orders.handover.notReady', { status: t(`orders.status.${order.status}`) })}
          </p>
        ) : null}
        <p className="muted">{t('orders.handover.checkName')}</p>
        <label className="field">
          <span className="field__label">{t('orders.handover.code')}</span>
          <input
            className="orders-input orders-input--large code"
            data-testid="handover-code"
            autoComplete="off"
            inputMode="numeric"
            autoFocus
            disabled={!canHand}
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
              setError(null);
            }}
          />
        </label>
        {ageRestricted ? (
          <label className="choice choice--large">
            <input type="checkbox" data-testid="handover-id-check" checked={idChecked} disabled={!canHand} onChange={(event) => setIdChecked(event.target.checked)} />
            {t('orders.handover.idCheck')}
          </label>
        ) : null}
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('orders.detail.product')}</th>
              <th scope="col" className="number">
                {t('orders.handover.toHand')}
              </th>
              <th scope="col" className="number">
                {t('orders.handover.refused')}
              </th>
            </tr>
          </thead>
          <tbody>
            {order.lines.map((line) => {
              const max = Math.max(0, line.picked - line.refused);
              return (
                <tr key={line.lineId}>
                  <th scope="row">
                    {products.get(line.sku)?.name ?? line.sku} <span className="muted code">{line.sku}</span>
                    {line.ageRestricted ? <span className="badge badge--warning">{t('orders.ageRestricted')}</span> : null}
                  </th>
                  <td className="number">{max - (refused[line.lineId] ?? 0)}</td>
                  <td className="number">
                    <input
                      className="orders-input orders-input--qty"
                      type="number"
                      data-testid={`handover-refuse-${line.lineId}`}
                      aria-label={t('orders.handover.refuseLine', { sku: line.sku })}
                      min={0}
                      max={max}
                      disabled={!canHand || max === 0}
                      value={refused[line.lineId] ?? 0}
                      onChange={(event) => {
                        const qty = Math.min(max, Math.max(0, Math.trunc(Number(event.target.value) || 0)));
                        setRefused((r) => ({ ...r, [line.lineId]: qty }));
                      }}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {error ? (
          <p className="form-error" role="alert" data-testid="handover-error" data-code={error.code}>
            {error.code === 'VERIFICATION_FAILED' && error.details?.idCheck === true ? t('orders.handover.idRequired') : errorText(error)}
            {error.code === 'VERIFICATION_FAILED' && typeof error.details?.attemptsLeft === 'number' ? (
              <span data-testid="handover-attempts-left"> {t('handoverCode.attemptsLeft', { count: error.details.attemptsLeft })}</span>
            ) : null}
          </p>
        ) : null}
        <div className="order-actions">
          <button type="submit" className="button button--primary button--large" data-testid="handover-confirm" disabled={!ready}>
            {t('orders.handover.confirm')}
          </button>
          <button type="button" className="button button--large" data-testid="handover-cancel" onClick={onCancel}>
            {t('orders.handover.another')}
          </button>
        </div>
      </form>
      {/* Outside the form: the dialog has a form of its own, and forms do not nest. */}
      {manager.asking ? <ApprovalDialog request={manager.asking} /> : null}
    </>
  );
}

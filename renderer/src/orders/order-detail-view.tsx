import { useState } from 'react';
import type { ApiError } from '../../../main/api/result';
import { ApprovalDialog } from '../approval/approval-dialog';
import { useManagerCall } from '../approval/use-manager-call';
import { plainT } from '../i18n/plain-t';
import { useTranslation } from 'react-i18next';
import type { OrderDetail } from '../../../main/api/types';
import { useErrorText } from '../screens/error-text';
import { allLinesDone, cancellable, pickProgress } from './order-progress';
import { SlaCountdown, StatusBadge } from './order-queue';
import { cancelReasons, rejectReasons } from './reasons';
import { ReasonForm } from './reason-form';
import { useOrderAction } from './use-order-action';
import { useLineProducts } from './use-products';
import { historyRowText } from './history-text';
import { formatDateTime } from '../format/store-formats';
import { OrderCustomerCard } from '../customers/order-customer-card';
import { customerNameText } from './customer-name';

type Asking = 'reject' | 'cancel' | null;

export function OrderDetailView({ order, onBack, onPick, onHandover }: { order: OrderDetail; onBack(): void; onPick(): void; onHandover(): void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const action = useOrderAction();
  // Cancelling is a manager's decision: a clerk's attempt asks for a manager's PIN on the spot.
  const manager = useManagerCall();
  const [cancelError, setCancelError] = useState<ApiError | null>(null);
  const products = useLineProducts(order.lines.map((l) => l.sku));
  const [asking, setAsking] = useState<Asking>(null);
  const progress = pickProgress(order);
  const { orderId, status } = order;
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  const productName = (sku: string) => products.get(sku)?.name ?? sku;

  const shownError = cancelError ?? action.error?.error ?? null;
  const errorMessage = shownError ? (shownError.code === 'FORBIDDEN' && cancelError ? t('orders.detail.cancelForbidden') : errorText(shownError)) : null;

  return (
    <section className="order-detail" data-testid="order-detail" data-order={orderId} aria-labelledby="order-detail-title">
      <header className="order-detail__header">
        <button type="button" className="button button--quiet" data-testid="order-back" onClick={onBack}>
          ← {t('orders.backToQueue')}
        </button>
        <h2 id="order-detail-title" className="order-detail__title">
          {t('orders.detail.title', { orderId })}
        </h2>
        <StatusBadge status={status} testId="order-status" />
        <SlaCountdown order={order} />
      </header>

      <dl className="facts order-detail__facts">
        <div className="facts__item">
          <dt>{t('orders.detail.customer')}</dt>
          <dd data-testid="order-customer">{customerNameText(order.customerName, plainT(t))}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('orders.detail.phone')}</dt>
          <dd>{order.customerPhone ?? '—'}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('orders.detail.promised')}</dt>
          <dd>{order.promisedAt ? when(order.promisedAt) : '—'}</dd>
        </div>
        <div className="facts__item">
          <dt>{t('orders.detail.progress')}</dt>
          <dd>{t('orders.queue.units', { picked: progress.picked, total: progress.total })}</dd>
        </div>
      </dl>
      <OrderCustomerCard key={orderId} orderId={orderId} />

      <div className="order-actions" role="group" aria-label={t('orders.detail.actions')}>
        {status === 'received' ? (
          <>
            <button
              type="button"
              className="button button--primary button--large"
              data-testid="order-accept"
              disabled={action.busy !== null}
              onClick={() => void action.run('orders.accept', { orderId })}
            >
              {t('orders.detail.accept')}
            </button>
            <button type="button" className="button button--large" data-testid="order-reject" disabled={action.busy !== null} onClick={() => setAsking('reject')}>
              {t('orders.detail.reject')}
            </button>
          </>
        ) : null}
        {status === 'accepted' || status === 'picking' ? (
          <button
            type="button"
            className={`button button--large${allLinesDone(order) ? '' : ' button--primary'}`}
            data-testid="order-start-pick"
            onClick={onPick}
          >
            {status === 'picking' ? t('orders.detail.continuePicking') : t('orders.detail.startPicking')}
          </button>
        ) : null}
        {(status === 'accepted' || status === 'picking') && allLinesDone(order) ? (
          <button
            type="button"
            className="button button--primary button--large"
            data-testid="order-ready"
            disabled={action.busy !== null}
            onClick={() => void action.run('orders.ready', { orderId })}
          >
            {t('orders.detail.ready')}
          </button>
        ) : null}
        {status === 'ready' ? (
          <button type="button" className="button button--primary button--large" data-testid="order-handover" onClick={onHandover}>
            {t('orders.detail.handover')}
          </button>
        ) : null}
        {cancellable.includes(status) ? (
          <button type="button" className="button button--large order-actions__cancel" data-testid="order-cancel" disabled={action.busy !== null} onClick={() => setAsking('cancel')}>
            {t('orders.detail.cancel')}
          </button>
        ) : null}
        {status === 'received' || cancellable.includes(status) ? (
          <p className="muted order-actions__help" data-testid="order-reject-or-cancel">
            {t('orders.detail.rejectOrCancel')}
          </p>
        ) : null}
      </div>

      {asking === 'reject' ? (
        <ReasonForm
          testId="order-reject-form"
          title={t('orders.detail.rejectTitle')}
          kind="reject"
          reasons={rejectReasons}
          confirm={t('orders.detail.rejectConfirm')}
          busy={action.busy !== null}
          onCancel={() => setAsking(null)}
          onConfirm={async (reason) => {
            if (await action.run('orders.reject', { orderId, reason })) setAsking(null);
          }}
        />
      ) : null}
      {asking === 'cancel' ? (
        <ReasonForm
          testId="order-cancel-form"
          title={t('orders.detail.cancelTitle')}
          kind="cancel"
          reasons={cancelReasons}
          confirm={t('orders.detail.cancelConfirm')}
          busy={action.busy !== null}
          onCancel={() => setAsking(null)}
          onConfirm={async (reason) => {
            setCancelError(null);
            const result = await manager.call('orders.cancel', { orderId, reason });
            if (result?.ok) setAsking(null);
            else if (result) setCancelError(result.error);
          }}
        />
      ) : null}
      {manager.asking ? <ApprovalDialog request={manager.asking} /> : null}
      {errorMessage ? (
        <p className="form-error" role="alert" data-testid="order-action-error" data-code={shownError?.code}>
          {errorMessage}
        </p>
      ) : null}

      <h3 className="panel__title">{t('orders.detail.lines')}</h3>
      <table className="data-table order-lines">
        <thead>
          <tr>
            <th scope="col">{t('orders.detail.product')}</th>
            <th scope="col" className="number">
              {t('orders.detail.qty')}
            </th>
            <th scope="col" className="number">
              {t('orders.detail.picked')}
            </th>
            <th scope="col" className="number">
              {t('orders.detail.short')}
            </th>
            <th scope="col" className="number">
              {t('orders.detail.refused')}
            </th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.lineId} data-testid={`order-line-${line.lineId}`}>
              <th scope="row">
                <span className="code">{line.sku}</span> {products.get(line.sku)?.name ?? ''}
                {line.ageRestricted ? <span className="badge badge--warning">{t('orders.ageRestricted')}</span> : null}
                {line.shortReason ? <span className="muted"> · {t(`orders.reasons.short.${line.shortReason}`, { defaultValue: line.shortReason })}</span> : null}
              </th>
              <td className="number">{line.qty}</td>
              <td className="number">{line.picked}</td>
              <td className="number">{line.shortQty}</td>
              <td className="number">{line.refused}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3 className="panel__title">{t('orders.detail.history')}</h3>
      <ol className="order-history" data-testid="order-history">
        {order.history.length === 0 ? <li className="muted">{t('orders.detail.noHistory')}</li> : null}
        {order.history.map((h, i) => (
          <li key={i} className="order-history__item">
            <time dateTime={h.at}>{when(h.at)}</time>
            <span>
              {h.fromStatus && h.fromStatus !== h.toStatus
                ? t('orders.detail.moved', { from: statusText(t, h.fromStatus), to: statusText(t, h.toStatus) })
                : statusText(t, h.toStatus)}
              {historyRowText(plainT(t), h, productName) ? <span className="muted"> · {historyRowText(plainT(t), h, productName)}</span> : null}
            </span>
            <span className="muted">
              {h.staff} @ {h.station}
              {h.approvedBy ? <span data-testid="order-history-approver"> · {t('orders.history.approvedBy', { name: h.approvedBy })}</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function statusText(t: ReturnType<typeof useTranslation>['t'], status: string): string {
  // A status this build has no words for shows as sent (i18next answers a missing key with the key).
  const key = `orders.status.${status}`;
  const text = plainT(t)(key);
  return text === key ? status : text;
}

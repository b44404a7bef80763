import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderInfo, OrderStage, OrderStatus } from '../../../main/api/types';
import { formatShortDateTime } from '../format/store-formats';
import { StatePanel } from '../screens/state-panel';
import { formatDuration, orderStatuses, pickProgress, slaSeconds } from './order-progress';
import { useNow } from './use-now';
import { defaultShown, useOrderQueue } from './use-order-queue';
import { ErrorPanel } from '../screens/error-panel';
import { useProvisioning } from '../sync/store-provisioning';
import { customerNameText } from './customer-name';
import { plainT } from '../i18n/plain-t';

/** What the filter shows: the work to do (the default), finished orders, everything, or one status. */
type Shown = { stage: OrderStage } | { status: OrderStatus } | 'all';
const stages: readonly OrderStage[] = ['open', 'finished'];
const shownValue = (shown: Shown) => (shown === 'all' ? 'all' : 'stage' in shown ? `stage:${shown.stage}` : `status:${shown.status}`);
function shownOf(value: string): Shown {
  const [kind, name] = value.split(':') as [string, string];
  if (kind === 'stage') return { stage: name as OrderStage };
  if (kind === 'status') return { status: name as OrderStatus };
  return 'all';
}

/** Orders by promised time, each with its countdown: the work to do by default, finished orders a filter away; and search. */
export function OrderQueue({ onOpen }: { onOpen(orderId: string): void }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<Shown>(defaultShown);
  const [search, setSearch] = useState('');
  const queue = useOrderQueue({ ...(shown === 'all' ? {} : shown), search });
  const { view } = queue;
  const filtered = shownValue(shown) !== shownValue(defaultShown) || search.trim() !== '';
  // A store from zero gets no orders until its catalog and stock are in: say so, not "no orders".
  const loadingStore = useProvisioning()?.ready === false;

  const { seen } = queue;
  // Stable, so the memoised rows re-render only when their order or mark changes.
  const open = useCallback(
    (orderId: string) => {
      seen(orderId);
      onOpen(orderId);
    },
    [seen, onOpen],
  );

  return (
    <section className="order-queue" aria-labelledby="orders-queue-title">
      <h2 id="orders-queue-title" className="visually-hidden">
        {t('orders.queue.title')}
      </h2>
      <div className="order-queue__tools" role="search">
        <label className="field order-queue__search">
          <span className="field__label">{t('orders.queue.searchLabel')}</span>
          <input
            className="orders-input"
            data-testid="orders-search"
            type="search"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('orders.queue.searchPlaceholder')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('orders.queue.filterLabel')}</span>
          <select className="orders-input" data-testid="orders-filter" value={shownValue(shown)} onChange={(event) => setShown(shownOf(event.target.value))}>
            {stages.map((stage) => (
              <option key={stage} value={`stage:${stage}`}>
                {t(`orders.queue.stages.${stage}`)}
              </option>
            ))}
            <option value="all">{t('orders.queue.allStatuses')}</option>
            <optgroup label={t('orders.queue.oneStatus')}>
              {orderStatuses.map((s) => (
                <option key={s} value={`status:${s}`}>
                  {t(`orders.status.${s}`)}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
      </div>
      {loadingStore ? (
        <StatePanel tone="loading" title={t('provisioning.queueLoadingTitle')} testId="orders-store-loading">
          {t('provisioning.queueLoadingBody')}
        </StatePanel>
      ) : null}
      {view.kind === 'loading' ? (
        <StatePanel tone="loading" title={t('orders.queue.loading')} testId="orders-loading" />
      ) : view.kind === 'error' ? (
        <ErrorPanel title={t('orders.queue.errorTitle')} testId="orders-error" error={view.error} onRetry={() => void queue.reload()} />
      ) : view.orders.length === 0 && loadingStore ? null : view.orders.length === 0 ? (
        <StatePanel tone="empty" title={filtered ? t('orders.queue.noMatchTitle') : t('orders.queue.emptyTitle')} testId="orders-empty">
          {filtered ? t('orders.queue.noMatchBody') : t('orders.queue.emptyBody')}
        </StatePanel>
      ) : (
        <QueueList orders={view.orders} refreshing={view.refreshing} fresh={queue.fresh} onOpen={open} />
      )}
    </section>
  );
}

/** A row's height before it is measured: one line of a wide screen. */
const estimateSize = () => 64;

/**
 * The queue holds up to 10,000 orders: only the rows in view (and a few either
 * side) are in the page, each placed at its measured offset in a list as tall
 * as all of them. Each row tells assistive tech its place in the whole list.
 */
function QueueList({ orders, refreshing, fresh, onOpen }: { orders: OrderInfo[]; refreshing: boolean; fresh: ReadonlySet<string>; onOpen(orderId: string): void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const keyOf = useCallback((index: number) => orders[index]!.orderId, [orders]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser re-renders this list as it scrolls; left unmemoised by the compiler is what it needs (the rows are memo'd)
  const rows = useVirtualizer({
    count: orders.length,
    getScrollElement: () => scroller.current,
    estimateSize,
    // Stable between renders of the same list: a new one makes the virtualiser re-place all 10,000.
    getItemKey: keyOf,
    gap: 8,
    overscan: 6,
  });
  return (
    <div ref={scroller} className="order-queue__scroller" data-testid="orders-queue-scroller">
      <ol className="order-queue__list" data-testid="orders-queue" aria-busy={refreshing || undefined} style={{ height: rows.getTotalSize() }}>
        {rows.getVirtualItems().map((item) => {
          const order = orders[item.index]!;
          return (
            <li
              key={item.key}
              ref={rows.measureElement}
              data-index={item.index}
              aria-setsize={orders.length}
              aria-posinset={item.index + 1}
              className="order-queue__item"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <QueueRow order={order} fresh={fresh.has(order.orderId)} onOpen={onOpen} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}

const QueueRow = memo(function QueueRow({ order, fresh, onOpen }: { order: OrderInfo; fresh: boolean; onOpen(orderId: string): void }) {
  const { t } = useTranslation();
  const progress = pickProgress(order);
  return (
    <>
      <button
        type="button"
        className="order-row"
        data-testid={`order-row-${order.orderId}`}
        data-status={order.status}
        data-fresh={fresh || undefined}
        onClick={() => onOpen(order.orderId)}
      >
        <span className="order-row__id code">{order.orderId}</span>
        <span className="order-row__customer">
          {customerNameText(order.customerName, plainT(t))}
          {order.customerPhone ? <span className="muted"> · {order.customerPhone}</span> : null}
        </span>
        <StatusBadge status={order.status} />
        <span className="order-row__lines muted">
          {t('orders.queue.units', { picked: progress.picked, total: progress.total })}
        </span>
        <SlaCountdown order={order} />
        {fresh ? <span className="badge order-row__new">{t('orders.queue.new')}</span> : null}
      </button>
    </>
  );
});

export function StatusBadge({ status, testId }: { status: OrderStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span className="order-status" data-status={status} data-testid={testId}>
      {t(`orders.status.${status}`)}
    </span>
  );
}

export function SlaCountdown({ order }: { order: Pick<OrderInfo, 'status' | 'promisedAt'> }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const seconds = slaSeconds(order, now);
  if (seconds === null) {
    return <span className="sla sla--none muted">{order.promisedAt ? t('orders.sla.promisedAt', { time: formatShortDateTime(order.promisedAt, i18n.language) }) : '—'}</span>;
  }
  const overdue = seconds < 0;
  const soon = !overdue && seconds < 15 * 60;
  return (
    <span className={`sla${overdue ? ' sla--overdue' : soon ? ' sla--soon' : ''}`} data-testid="order-sla" data-overdue={overdue}>
      {overdue ? t('orders.sla.overdue', { time: formatDuration(seconds) }) : t('orders.sla.left', { time: formatDuration(seconds) })}
    </span>
  );
}

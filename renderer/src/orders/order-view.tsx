import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderDetail } from '../../../main/api/types';
import { useErrorText } from '../screens/error-text';
import { StatePanel } from '../screens/state-panel';
import { OrderDetailView } from './order-detail-view';
import { PickScreen } from './pick-screen';
import { useOrderDetail } from './use-order-detail';
import { useOrderScans } from './use-order-scans';

/**
 * One order: its detail, or its pick list. A product scanned on the detail of
 * an order being picked opens the pick list with that scan.
 */
export function OrderView({
  orderId,
  active,
  onBack,
  onHandover,
}: {
  orderId: string;
  active: boolean;
  onBack(): void;
  onHandover(order: OrderDetail): void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { view, reload } = useOrderDetail(orderId);
  const [mode, setMode] = useState<'detail' | 'pick'>('detail');
  const [firstScan, setFirstScan] = useState<{ code: string; symbology: string | null; n: number } | null>(null);
  const order = view.kind === 'ready' ? view.order : null;
  const pickable = order !== null && (order.status === 'accepted' || order.status === 'picking');

  useOrderScans(active && mode === 'detail' && pickable, (code, symbology) => {
    setFirstScan((last) => ({ code, symbology, n: (last?.n ?? 0) + 1 }));
    setMode('pick');
  });

  if (view.kind === 'loading') return <StatePanel tone="loading" title={t('orders.detail.loading')} testId="order-loading" />;
  if (view.kind === 'error') {
    return (
      <StatePanel
        tone="error"
        title={t('orders.detail.errorTitle', { orderId })}
        testId="order-error"
        action={
          <div className="order-actions">
            <button type="button" className="button" onClick={() => void reload()}>
              {t('status.retryNow')}
            </button>
            <button type="button" className="button" onClick={onBack}>
              {t('orders.backToQueue')}
            </button>
          </div>
        }
      >
        {errorText(view.error)}
      </StatePanel>
    );
  }
  if (mode === 'pick' && pickable) {
    return <PickScreen order={view.order} active={active} firstScan={firstScan} onDone={() => setMode('detail')} />;
  }
  return <OrderDetailView order={view.order} onBack={onBack} onPick={() => setMode('pick')} onHandover={() => onHandover(view.order)} />;
}

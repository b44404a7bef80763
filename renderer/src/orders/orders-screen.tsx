import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderDetail } from '../../../main/api/types';
import { useClient, useConnection } from '../api/client-context';
import { useErrorText } from '../screens/error-text';
import { useHqLink } from '../sync/use-hq-link';
import { HandoverScreen } from './handover-screen';
import { OrderQueue } from './order-queue';
import { OrderView } from './order-view';
import { ReturnsScreen } from './returns-screen';
import { useOrderScans } from './use-order-scans';
import '../styles/orders.css';

const sections = ['queue', 'handover', 'returns'] as const;
type Section = (typeof sections)[number];

/**
 * The pickup counter: the queue (and an order's detail and pick list),
 * handover and returns. `active` is false while another console page shows;
 * only the active part listens to the scanner.
 */
export function OrdersScreen({ active, openRequest = null }: { active: boolean; /** An order to open, from the alert center's toast (a new `n` each time). */ openRequest?: { orderId: string; n: number } | null }) {
  const { t } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const [section, setSection] = useState<Section>('queue');
  const [openOrder, setOpenOrder] = useState<string | null>(null);
  const [handoverOrder, setHandoverOrder] = useState<OrderDetail | null>(null);
  const [scanProblem, setScanProblem] = useState<string | null>(null);

  // A toast on any page opened an order: show it over whatever this page showed (adjusted while rendering, once per request).
  const [handledRequest, setHandledRequest] = useState(openRequest);
  if (openRequest !== handledRequest) {
    setHandledRequest(openRequest);
    if (openRequest) {
      setSection('queue');
      setHandoverOrder(null);
      setOpenOrder(openRequest.orderId);
    }
  }

  // A QR scanned at the queue opens that order.
  useOrderScans(active && section === 'queue' && openOrder === null, (code) => {
    void client.call('orders.find', { code }).then((result) => {
      if (result.ok) {
        setScanProblem(null);
        setOpenOrder(result.value.orderId);
      } else {
        setScanProblem(`${errorText(result.error)} (${code})`);
      }
    });
  });

  // A section's tab opens that section afresh: "Cola" is the queue, never the order last open in it.
  const go = (next: Section) => {
    setSection(next);
    setOpenOrder(null);
    setScanProblem(null);
    if (next !== 'handover') setHandoverOrder(null);
  };

  return (
    <section className="screen orders" aria-labelledby="orders-title" data-testid="orders-screen">
      <div className="orders__top">
        <h1 id="orders-title" className="screen__title">
          {t('orders.title')}
        </h1>
        <div className="segmented orders__sections" role="group" aria-label={t('orders.sectionsLabel')}>
          {sections.map((name) => (
            <button
              key={name}
              type="button"
              className="segmented__option orders__section"
              data-testid={`orders-tab-${name}`}
              aria-pressed={section === name}
              onClick={() => go(name)}
            >
              {t(`orders.sections.${name}`)}
            </button>
          ))}
        </div>
      </div>
      <OfflineNotice />
      {scanProblem ? (
        <p className="form-error" role="alert" data-testid="orders-scan-error">
          {scanProblem}
        </p>
      ) : null}
      {/* The queue stays mounted so it keeps its filter and still hears new orders while an order is open. */}
      <div hidden={section !== 'queue' || openOrder !== null}>
        <OrderQueue onOpen={setOpenOrder} />
      </div>
      {section === 'queue' && openOrder ? (
        <OrderView
          key={openOrder}
          orderId={openOrder}
          active={active}
          onBack={() => setOpenOrder(null)}
          onHandover={(order) => {
            setHandoverOrder(order);
            setOpenOrder(null);
            setSection('handover');
          }}
        />
      ) : section === 'handover' ? (
        <HandoverScreen key={handoverOrder?.orderId ?? ''} active={active} initial={handoverOrder} />
      ) : section === 'returns' ? (
        <ReturnsScreen active={active} />
      ) : null}
    </section>
  );
}

/** The counter keeps working on what it has; staff should know when that may be stale. */
function OfflineNotice() {
  const { t } = useTranslation();
  const connection = useConnection();
  const { view } = useHqLink();
  if (connection.status === 'disconnected') {
    // A refused tab is told what to do above every screen (ConsoleRefusedBanner); here, only that it is stale.
    return (
      <p className="orders-notice orders-notice--bad" role="alert" data-testid="orders-offline" data-refused={connection.refused || undefined}>
        {connection.refused ? t('status.refused') : t('orders.offline.store')}
      </p>
    );
  }
  if (view.kind === 'linked' && view.status.state !== 'online') {
    return (
      <p className="orders-notice" role="status" data-testid="orders-hq-offline" data-state={view.status.state}>
        {t('orders.offline.hq')}
      </p>
    );
  }
  return null;
}

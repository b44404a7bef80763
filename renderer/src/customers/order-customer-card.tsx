import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CustomerCardPanel } from './customers-screen';

/** Opens the card of an order's customer from the order itself (HQ finds them by the order id); each opening is audited. */
export function OrderCustomerCard({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className="button button--quiet" data-testid="order-customer-card" onClick={() => setOpen(true)}>
        {t('customers.openFromOrder')}
      </button>
    );
  }
  // Selling from the order view is for the Customers page; here the card serves the order.
  return <CustomerCardPanel by={{ kind: 'code', code: orderId }} via="order" canSell={false} />;
}

import type { OrderDetail, OrderHistoryEvent } from '../../../main/api/types';
import type { PlainT } from '../i18n/plain-t';

/**
 * One history row's event in the operator's language. Reason codes from this console are
 * translated; free text from HQ (a customer's cancellation reason) is shown as HQ wrote it.
 */
export function historyEventText(t: PlainT, event: OrderHistoryEvent, toStatus: string, productName: (sku: string) => string): string {
  switch (event.kind) {
    case 'picked':
      return t('orders.history.picked', { count: event.qty, name: productName(event.sku) });
    case 'short':
      return t('orders.history.short', { count: event.qty, name: productName(event.sku), reason: t(`orders.reasons.short.${event.reason}`, { defaultValue: event.reason }) });
    case 'reason': {
      const group = toStatus === 'rejected' ? 'reject' : 'cancel';
      return t('orders.history.reason', { reason: t(`orders.reasons.${group}.${event.reason}`, { defaultValue: event.reason }) });
    }
    case 'changedByHq':
      return t('orders.history.changedByHq', { version: event.version });
    case 'returned':
      return t('orders.history.returned', { returnId: event.returnId, method: t(`orders.returns.refunds.${event.refundMethod}`, { defaultValue: event.refundMethod }) });
    case 'wrongCode':
      return t('orders.history.wrongCode', { count: event.count, limit: event.limit });
    case 'exchangeFor':
      return event.returnId ? t('orders.history.exchangeForReturn', { orderId: event.orderId, returnId: event.returnId }) : t('orders.history.exchangeFor', { orderId: event.orderId });
    case 'notCollected':
      return t('orders.history.notCollected', { count: event.days });
    case 'handedOver':
      return event.someRefused ? t('orders.history.someRefused') : '';
  }
}

/** A row from before events were recorded keeps HQ's English note. */
export function historyRowText(t: PlainT, row: OrderDetail['history'][number], productName: (sku: string) => string): string {
  return row.event ? historyEventText(t, row.event, row.toStatus, productName) : (row.note ?? '');
}

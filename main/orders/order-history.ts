import type { OrderHistoryEvent } from '../api/types';

/**
 * The English note HQ has always received for each history event (docs/protocol.md, `order.status`
 * `note`): the console words the event itself, in the operator's language, from the event's data.
 */
export function historyNote(event: OrderHistoryEvent): string {
  switch (event.kind) {
    case 'picked':
      return `picked ${event.sku} ×${event.qty}`;
    case 'short':
      return `short ${event.qty} of ${event.sku}: ${event.reason}`;
    case 'reason':
      return event.reason;
    case 'changedByHq':
      return `changed by HQ (v${event.version})`;
    case 'returned':
      return `return ${event.returnId} (${event.refundMethod})`;
    case 'wrongCode':
      return `wrong handover code (${event.count} of ${event.limit})`;
    case 'exchangeFor':
      return event.returnId ? `exchange for ${event.orderId} (return ${event.returnId})` : `exchange for ${event.orderId}`;
    case 'notCollected':
      return `not collected within ${event.days} days`;
    case 'handedOver':
      return event.someRefused ? 'some items refused' : '';
  }
}

import { StoreError } from '../kernel/errors';
import type { HandlerMap } from '../kernel/handler-types';
import type { ShelvesPort } from '../shelves/shelves-port';
import type { CustomerPhone } from './customer-phone';
import type { Simulators } from './simulators';

type Names = 'dev.fireScan' | 'dev.printerPreview' | 'dev.printerState' | 'dev.setPrinter' | 'dev.setShelfWeight' | 'dev.customerCodes';

/** The customer's phone shows a handful of open orders. */
const customerCodesShown = 20;

/** The developer panel: the demo store's simulated hardware, refused (NOT_CONFIGURED) anywhere else. */
export function developerHandlers({
  simulators,
  shelves,
  customer,
}: {
  simulators: Simulators;
  shelves: Pick<ShelvesPort, 'list'>;
  customer: CustomerPhone;
}): HandlerMap<Names> {
  return {
    'dev.customerCodes': () => customer.openOrders(customerCodesShown),
    'dev.fireScan': (_ctx, { text }) => simulators.fireScan(text),
    'dev.printerPreview': (_ctx, { limit }) => simulators.printerPreview(limit ?? 10),
    'dev.printerState': () => simulators.setPrinter({}),
    'dev.setPrinter': (_ctx, change) => simulators.setPrinter(change),
    'dev.setShelfWeight': (_ctx, { sensorId, grams }) => {
      try {
        simulators.setShelfWeight(sensorId, grams);
      } catch (error) {
        if (error instanceof RangeError) throw new StoreError('VALIDATION', error.message, { sensorId });
        throw error;
      }
      return shelves.list();
    },
  };
}

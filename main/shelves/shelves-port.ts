import type { ShelfAlert, ShelfInfo } from '../api/types';
import { StoreError } from '../kernel/errors';
import { notConfigured } from '../kernel/not-configured';
import type { ShelfConfig, ShelfMapping } from './shelf-monitor';

/** What the rest of the store asks of the shelves room. */
export interface ShelvesPort {
  list(): ShelfInfo[];
  /** The shelves mapped in settings (the demo's simulated ones are not). */
  mapping(): ShelfMapping[];
  configure(shelves: ShelfConfig[]): Promise<void>;
  /** The open alerts (or the latest, acknowledged ones too), newest first. */
  alerts(open: boolean): ShelfAlert[];
  acknowledge(alertId: number, staff: string): ShelfAlert;
}

export const shelvesNotConfigured: ShelvesPort = {
  list: () => [],
  mapping: () => [],
  configure: async () => notConfigured('shelf monitoring'),
  alerts: () => [],
  acknowledge: (alertId) => {
    throw new StoreError('UNKNOWN_ALERT', `There is no shelf alert ${alertId}: no shelf is monitored here.`, { alertId });
  },
};

import type { ShelfInfo } from '../api/types';
import { notConfigured } from '../kernel/not-configured';
import type { ShelfConfig, ShelfMapping } from './shelf-monitor';

/** What the rest of the store asks of the shelves room. */
export interface ShelvesPort {
  list(): ShelfInfo[];
  /** The shelves mapped in settings (the demo's simulated ones are not). */
  mapping(): ShelfMapping[];
  configure(shelves: ShelfConfig[]): Promise<void>;
}

export const shelvesNotConfigured: ShelvesPort = {
  list: () => [],
  mapping: () => [],
  configure: async () => notConfigured('shelf monitoring'),
};

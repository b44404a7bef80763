import { notConfigured } from '../kernel/not-configured';
import type { PrintingService } from './printing-service';

/** What the rest of the store asks of the printing room. */
export type PrintingPort = Pick<PrintingService, 'print' | 'printLabels' | 'job' | 'reprint' | 'dismiss' | 'jobs' | 'openDrawer' | 'printers' | 'configure'>;

/**
 * A console without printers: nothing to list, and a document a command would
 * print (an order's slip) is simply not printed, as on a station with no
 * counter printer. What staff ask of a printer directly is refused.
 */
export const printingNotConfigured: PrintingPort = {
  print: () => null,
  printLabels: () => null,
  job: () => null,
  printers: () => [],
  jobs: () => ({ pending: [], recent: [] }),
  reprint: () => notConfigured('printers'),
  dismiss: () => notConfigured('printers'),
  openDrawer: async () => notConfigured('printers'),
  configure: async () => notConfigured('printers'),
};

import type { ApiError } from '../../../main/api/result';
import { useStoreQuery } from '../api/use-store-query';

/** Elsewhere than in the demo store the developer calls are refused for good. */
const refusedForGood = (error: ApiError) => error.code === 'FORBIDDEN' || error.code === 'NOT_CONFIGURED';

export const usePrinters = (enabled = true) => useStoreQuery('printing.printers', {}, { enabled });
export const usePrintJobs = (enabled = true) => useStoreQuery('printing.jobs', {}, { enabled });
export const useShelves = () => useStoreQuery('shelves.list', {});
export const useDevices = () => useStoreQuery('devices.list', {});

/** The demo store's virtual printer output; refused (NOT_CONFIGURED) anywhere else, which hides the developer panel. */
export const usePrinterPreview = () => useStoreQuery('dev.printerPreview', { limit: 10 }, { final: refusedForGood });

import type { ApiError } from '../../../main/api/result';
import { useStoreQuery } from '../api/query-cache';

/** Elsewhere than in the demo store the developer calls are refused for good. */
const refusedForGood = (error: ApiError) => error.code === 'FORBIDDEN';

export const usePrinters = (enabled = true) => useStoreQuery('printing.printers', {}, { enabled });
export const usePrintJobs = (enabled = true) => useStoreQuery('printing.jobs', {}, { enabled });
export const useShelves = () => useStoreQuery('shelves.list', {});
export const useDevices = () => useStoreQuery('devices.list', {});

/** The demo store's virtual printer output; refused (FORBIDDEN) anywhere else, which hides the developer panel. */
export const usePrinterPreview = () => useStoreQuery('dev.printerPreview', { limit: 10 }, { final: refusedForGood });

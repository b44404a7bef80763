import { useCallback } from 'react';
import type { CoreEventName } from '../../../main/api/contract';
import type { ApiError } from '../../../main/api/result';
import { useClient } from '../api/client-context';
import { isDeviceList, isPrinterList, isPrinterPreview, isPrintJobs, isShelfList } from './device-shapes';
import { useLiveRead } from './use-live-read';

const printingEvents: readonly CoreEventName[] = ['printing.changed'];
const shelfEvents: readonly CoreEventName[] = ['shelves.changed'];
const deviceEvents: readonly CoreEventName[] = ['devices.changed'];
/** Elsewhere than in the demo store the developer calls are refused for good. */
const refusedForGood = (error: ApiError) => error.code === 'FORBIDDEN' || error.code === 'NOT_CONFIGURED';

/** A safety net only: the page follows the core's events, and re-reads this often in case one was missed. */
export const pageRereadMs = 10_000;

export function usePrinters(everyMs: number | null, enabled = true) {
  const client = useClient();
  const read = useCallback(() => client.call('printing.printers', {}), [client]);
  return useLiveRead({ read, check: isPrinterList, events: printingEvents, everyMs, enabled });
}

export function usePrintJobs(everyMs: number | null, enabled = true) {
  const client = useClient();
  const read = useCallback(() => client.call('printing.jobs', {}), [client]);
  return useLiveRead({ read, check: isPrintJobs, events: printingEvents, everyMs, enabled });
}

export function useShelves(everyMs: number | null) {
  const client = useClient();
  const read = useCallback(() => client.call('shelves.list', {}), [client]);
  return useLiveRead({ read, check: isShelfList, events: shelfEvents, everyMs });
}

export function useDevices(everyMs: number | null) {
  const client = useClient();
  const read = useCallback(() => client.call('devices.list', {}), [client]);
  return useLiveRead({ read, check: isDeviceList, events: deviceEvents, everyMs });
}

/** The demo store's virtual printer output; refused (NOT_CONFIGURED) anywhere else, which hides the developer panel. */
export function usePrinterPreview(everyMs: number | null) {
  const client = useClient();
  const read = useCallback(() => client.call('dev.printerPreview', { limit: 10 }), [client]);
  return useLiveRead({ read, check: isPrinterPreview, events: printingEvents, everyMs, final: refusedForGood });
}

import type { CoreEvent } from '../../../main/api/contract';
import type { DeviceInfo, DeviceScan, PrinterInfo, PrintJobInfo, ShelfInfo } from '../../../main/api/types';

// What the core answers about devices, printers and shelves, checked before a screen shows it.

type Unknown = Record<string, unknown>;
const isObject = (value: unknown): value is Unknown => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isTextOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';
const isOptionalText = (value: unknown) => value === undefined || typeof value === 'string';
const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: unknown): value is T =>
    typeof value === 'string' && (values as readonly string[]).includes(value);
const listOf =
  <T>(check: (value: unknown) => value is T) =>
  (value: unknown): value is T[] =>
    Array.isArray(value) && value.every(check);

export const printerStatuses = ['online', 'offline', 'paper-out', 'cover-open', 'unsupported', 'unreachable', 'unknown'] as const satisfies readonly PrinterInfo['status'][];
export const jobStates = ['queued', 'sending', 'done', 'unconfirmed'] as const satisfies readonly PrintJobInfo['state'][];
export const waitingReasons = [
  'cover-open',
  'paper-out',
  'offline',
  'unreachable',
  'link-lost-while-sending',
  'link-lost-after-sending',
  'restarted-while-printing',
  'not-confirmed',
] as const satisfies readonly NonNullable<PrintJobInfo['waitingReason']>[];
export const deviceStatuses = ['closed', 'online', 'offline', 'unknown', 'absent'] as const satisfies readonly DeviceInfo['status'][];
export const shelfLevels = ['ok', 'low', 'out'] as const satisfies readonly NonNullable<ShelfInfo['level']>[];
export const sensorStates = ['unknown', 'online', 'offline'] as const satisfies readonly ShelfInfo['sensor'][];

export function isPrinterInfo(value: unknown): value is PrinterInfo {
  return (
    isObject(value) &&
    oneOf(['counter', 'backoffice'] as const)(value.name) &&
    typeof value.configured === 'boolean' &&
    typeof value.simulated === 'boolean' &&
    isTextOrNull(value.connection) &&
    isTextOrNull(value.profile) &&
    oneOf(printerStatuses)(value.status) &&
    typeof value.paperNearEnd === 'boolean' &&
    typeof value.drawerOpen === 'boolean' &&
    isTextOrNull(value.lastError)
  );
}

export function isPrintJobInfo(value: unknown): value is PrintJobInfo {
  return (
    isObject(value) &&
    typeof value.id === 'number' &&
    isText(value.printer) &&
    isText(value.kind) &&
    oneOf(jobStates)(value.state) &&
    (value.waitingReason === null || oneOf(waitingReasons)(value.waitingReason)) &&
    isTextOrNull(value.waitingDetail) &&
    typeof value.attempts === 'number' &&
    (value.reprintOf === null || typeof value.reprintOf === 'number') &&
    isText(value.requestedBy) &&
    isText(value.createdAt) &&
    isTextOrNull(value.doneAt)
  );
}

export function isDeviceInfo(value: unknown): value is DeviceInfo {
  return (
    isObject(value) &&
    isText(value.identity) &&
    oneOf(['serial', 'hid'] as const)(value.kind) &&
    isText(value.path) &&
    isOptionalText(value.vendorId) &&
    isOptionalText(value.productId) &&
    isOptionalText(value.serialNumber) &&
    isOptionalText(value.manufacturer) &&
    isOptionalText(value.product) &&
    isTextOrNull(value.role) &&
    oneOf(deviceStatuses)(value.status) &&
    isTextOrNull(value.lastError)
  );
}

export function isShelfInfo(value: unknown): value is ShelfInfo {
  return (
    isObject(value) &&
    isText(value.sensorId) &&
    isText(value.sku) &&
    isText(value.location) &&
    isTextOrNull(value.name) &&
    oneOf(sensorStates)(value.sensor) &&
    (value.units === null || typeof value.units === 'number') &&
    (value.level === null || oneOf(shelfLevels)(value.level)) &&
    typeof value.misplaced === 'boolean' &&
    typeof value.discrepancy === 'boolean' &&
    isTextOrNull(value.lastSeenAt)
  );
}

export function isDeviceScan(value: unknown): value is DeviceScan {
  return isObject(value) && isText(value.text) && isTextOrNull(value.symbology) && isText(value.device);
}

export const isPrinterList = listOf(isPrinterInfo);
export const isDeviceList = listOf(isDeviceInfo);
export const isShelfList = listOf(isShelfInfo);

export function isPrintJobs(value: unknown): value is { pending: PrintJobInfo[]; recent: PrintJobInfo[] } {
  return isObject(value) && listOf(isPrintJobInfo)(value.pending) && listOf(isPrintJobInfo)(value.recent);
}

export function isPrinterPreview(value: unknown): value is { receipts: string[]; inProgress: string } {
  return isObject(value) && listOf(isText)(value.receipts) && isText(value.inProgress);
}

/**
 * The device events as the transport should pass them on (renderer/src/api/reply-shape.ts
 * parseCoreEvent can hand these three to this); null for anything else.
 */
export function parseDeviceEvent(event: unknown, payload: unknown): CoreEvent | null {
  if (!isObject(payload)) return null;
  switch (event) {
    case 'devices.changed':
      return isDeviceList(payload.devices) ? { event, payload: { devices: payload.devices } } : null;
    case 'printing.changed':
      return isPrinterList(payload.printers) && listOf(isPrintJobInfo)(payload.pending)
        ? { event, payload: { printers: payload.printers, pending: payload.pending } }
        : null;
    case 'shelves.changed':
      return isShelfList(payload.shelves) ? { event, payload: { shelves: payload.shelves } } : null;
    default:
      return null;
  }
}

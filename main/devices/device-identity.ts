import { z } from 'zod';
import type { DeviceInfo } from '../api/types';

/** What discovery sees of a device, before any driver claims it. */
export type DiscoveredDevice = Pick<DeviceInfo, 'kind' | 'path' | 'vendorId' | 'productId' | 'serialNumber' | 'manufacturer' | 'product'>;

/**
 * A device's stable identity: VID, PID, serial number and port path. The
 * enumeration index changes after a replug; these do not.
 */
export function deviceIdentity(d: DiscoveredDevice): string {
  return [d.kind, d.vendorId ?? '', d.productId ?? '', d.serialNumber ?? '', d.path].join(':');
}

/**
 * A serial port named by hand, for ports discovery cannot list (built-in COM or
 * ttyS, adapters without a serial number, ptys): an absolute device path, or a
 * Windows COM port.
 */
export const serialPortPathSchema = z
  .string()
  .min(2)
  .max(200)
  .regex(/^(\/[^\0:]+|COM[1-9]\d{0,2}|\\\\\.\\COM[1-9]\d{0,2})$/, 'must be an absolute device path such as /dev/ttyS0, or COM3');

/** A serial scanner added by its path, with its framing: from the Devices page or IT's policy file. */
export const serialScannerByPathSchema = z
  .object({
    path: serialPortPathSchema,
    role: z.enum(['counter-scanner', 'backoffice-scanner']).default('counter-scanner'),
    baudRate: z.number().int().min(300).max(921_600).optional(),
    parity: z.enum(['none', 'even', 'odd']).optional(),
    suffix: z.enum(['CR', 'LF', 'CRLF', 'none']).optional(),
  })
  .strict();
export type SerialScannerByPath = z.output<typeof serialScannerByPathSchema>;

export const deviceRoles = ['counter-scanner', 'backoffice-scanner', 'receipt-printer', 'shelf-sensor', 'ignored'] as const;
export type DeviceRole = (typeof deviceRoles)[number];

export const deviceSettingsSchema = z
  .object({
    role: z.enum(deviceRoles),
    baudRate: z.number().int().min(300).max(921_600).optional(),
    parity: z.enum(['none', 'even', 'odd']).optional(),
    suffix: z.enum(['CR', 'LF', 'CRLF', 'none']).optional(),
    interByteTimeoutMs: z.number().int().min(5).max(2000).optional(),
  })
  .strict();
export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

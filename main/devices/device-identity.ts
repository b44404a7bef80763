import { z } from 'zod';
import { deviceRoles, scanSuffixes, serialParities, type serialScannerByPathSchema } from '../api/input-schemas';
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

export type SerialScannerByPath = z.output<typeof serialScannerByPathSchema>;

export type DeviceRole = (typeof deviceRoles)[number];

export const deviceSettingsSchema = z
  .object({
    role: z.enum(deviceRoles),
    baudRate: z.number().int().min(300).max(921_600).optional(),
    parity: z.enum(serialParities).optional(),
    suffix: z.enum(scanSuffixes).optional(),
    interByteTimeoutMs: z.number().int().min(5).max(2000).optional(),
  })
  .strict();
export type DeviceSettings = z.infer<typeof deviceSettingsSchema>;

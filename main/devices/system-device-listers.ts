// The real listings behind the device manager: serialport and node-hid.
import HID from 'node-hid';
import { SerialPort } from 'serialport';
import type { HidDeviceLike } from '../../drivers/scanner/hid-pos-scanner';
import { hidPosUsagePage } from '../../drivers/scanner/hid-pos-report';
import type { DiscoveredDevice } from './device-identity';

export async function listSerialPorts(): Promise<DiscoveredDevice[]> {
  const ports = await SerialPort.list();
  return ports.map((p) => ({
    kind: 'serial' as const,
    path: p.path,
    ...(p.vendorId ? { vendorId: p.vendorId.toLowerCase() } : {}),
    ...(p.productId ? { productId: p.productId.toLowerCase() } : {}),
    ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
    ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
  }));
}

/** HID POS scanners only (usage page 0x8C): a keyboard-wedge scanner is a keyboard, handled in the renderer. */
export function listHidPosScanners(): DiscoveredDevice[] {
  return HID.devices()
    .filter((d) => d.usagePage === hidPosUsagePage && d.path)
    .map((d) => ({
      kind: 'hid' as const,
      path: d.path!,
      vendorId: d.vendorId.toString(16).padStart(4, '0'),
      productId: d.productId.toString(16).padStart(4, '0'),
      ...(d.serialNumber ? { serialNumber: d.serialNumber } : {}),
      ...(d.manufacturer ? { manufacturer: d.manufacturer } : {}),
      ...(d.product ? { product: d.product } : {}),
    }));
}

export const openHidDevice = (path: string): HidDeviceLike => new HID.HID(path) as unknown as HidDeviceLike;

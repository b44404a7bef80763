import { scanFromText, type Scan } from '../barcode/scan';
import { DeviceLifecycle, type DeviceEvents } from '../device-lifecycle';

/**
 * An in-process scanner for the demo store and the developer panel: it yields
 * Scans exactly as a serial or HID scanner does, with no port underneath.
 */
export class VirtualScanner extends DeviceLifecycle<DeviceEvents<Scan>> {
  constructor(readonly device: string) {
    super();
    this.setStatus('online');
  }

  /** One scan, optionally with an AIM identifier prefix such as "]E0". */
  fire(text: string): Scan {
    const scan = scanFromText(text, { device: this.device, at: Date.now() });
    this.emit('data', scan);
    return scan;
  }

  close(): void {
    this.setStatus('closed');
  }
}

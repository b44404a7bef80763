import { scanFromBytes, type Scan } from '../barcode/scan';
import { DeviceLifecycle, type DeviceEvents } from '../device-lifecycle';
import { createHidPosDecoder, defaultHidPosLayout, type HidPosReportLayout } from './hid-pos-report';

/** The part of node-hid's HID device this driver uses; tests feed recorded reports through it. */
export interface HidDeviceLike {
  on(event: 'data', listener: (report: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  sendFeatureReport(data: number[] | Buffer): number;
  close(): void;
}

export interface HidPosScannerOptions {
  device: string;
  layout?: HidPosReportLayout;
  /** Some scanners only report in HID POS mode after a vendor feature report. */
  enableFeatureReport?: number[];
  log?: (entry: Record<string, unknown>) => void;
}

export class HidPosScanner extends DeviceLifecycle<DeviceEvents<Scan>> {
  private enabled = false;
  private readonly decoder;

  constructor(
    private readonly hid: HidDeviceLike,
    private readonly options: HidPosScannerOptions,
  ) {
    super();
    this.decoder = createHidPosDecoder(options.layout ?? defaultHidPosLayout);
  }

  open(): void {
    if (this.options.enableFeatureReport) this.hid.sendFeatureReport(this.options.enableFeatureReport);
    this.hid.on('data', (report) => this.onReport(report));
    this.hid.on('error', (error) => {
      this.options.log?.({ level: 'warn', msg: 'HID scanner lost', device: this.options.device, reason: error.message });
      this.emit('error', { locus: 'read', message: error.message });
      this.setStatus('offline');
    });
    this.setStatus('online');
  }

  enable(): void {
    this.enabled = true;
  }

  close(): void {
    this.enabled = false;
    this.hid.close();
    this.setStatus('closed');
  }

  private onReport(report: Buffer) {
    const event = this.decoder.push(report);
    if (!event) return;
    if (event.kind === 'ignored') {
      this.options.log?.({ level: 'info', msg: 'HID report ignored', device: this.options.device, reason: event.reason });
      return;
    }
    if (!this.enabled) return;
    const raw = new TextEncoder().encode(event.aim);
    const bytes = new Uint8Array(raw.length + event.data.length);
    bytes.set(raw);
    bytes.set(event.data, raw.length);
    this.emit('data', scanFromBytes(bytes, { device: this.options.device, at: Date.now() }));
  }
}

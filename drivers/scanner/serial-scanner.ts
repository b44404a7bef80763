import { scanFromBytes, type Scan } from '../barcode/scan';
import { DeviceLifecycle, type DeviceEvents } from '../device-lifecycle';
import { SerialLine } from '../serial/serial-line';
import { createSerialFrameDecoder, defaultFraming, type FrameDrop, type SerialFraming } from './serial-frame-decoder';

export interface SerialScannerOptions {
  path: string;
  /** Names the device in every Scan. */
  device: string;
  baudRate?: number;
  parity?: 'none' | 'even' | 'odd';
  dataBits?: 7 | 8;
  stopBits?: 1 | 2;
  framing?: SerialFraming;
  /** How often to check that the port still exists: serialport may not report an unplug. */
  watchMs?: number;
  log?: (entry: Record<string, unknown>) => void;
}

type Events = DeviceEvents<Scan> & { drop: [FrameDrop] };

/** A barcode scanner on RS-232 or a USB virtual COM port. */
export class SerialScanner extends DeviceLifecycle<Events> {
  private line: SerialLine | null = null;
  private enabled = false;
  private readonly decoder;
  private tickTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SerialScannerOptions) {
    super();
    this.decoder = createSerialFrameDecoder(options.framing ?? defaultFraming);
  }

  /** Opens and claims the port (serialport locks it exclusively). */
  async open(): Promise<void> {
    const { path, baudRate, parity, dataBits, stopBits, watchMs } = this.options;
    const line = await SerialLine.open({ path, baudRate, parity, dataBits, stopBits, watchMs });
    this.line = line;
    line.on('data', (chunk) => this.onBytes(chunk));
    line.on('lost', (reason) => this.lost('read', reason));
    this.tickTimer = setInterval(() => this.deliver(this.decoder.tick(Date.now())), 10);
    this.setStatus('online');
  }

  enable(): void {
    this.enabled = true;
  }

  disable(): void {
    this.enabled = false;
  }

  async close(): Promise<void> {
    this.enabled = false;
    this.stopTicking();
    const line = this.line;
    this.line = null;
    await line?.close();
    this.setStatus('closed');
  }

  private onBytes(chunk: Uint8Array) {
    this.deliver(this.decoder.push(chunk, Date.now()));
  }

  private deliver(events: ReturnType<typeof this.decoder.push>) {
    for (const event of events) {
      if (event.kind === 'drop') {
        this.options.log?.({ level: 'warn', msg: 'scanner frame dropped', device: this.options.device, ...event.drop });
        this.emit('drop', event.drop);
        continue;
      }
      if (!this.enabled) continue;
      this.emit('data', scanFromBytes(event.bytes, { device: this.options.device, at: event.at }));
    }
  }

  private lost(locus: string, message: string) {
    if (this.status !== 'online') return;
    this.options.log?.({ level: 'warn', msg: 'scanner lost', device: this.options.device, reason: message });
    this.stopTicking();
    this.line = null; // the line has already let the port go
    this.emit('error', { locus, message });
    this.setStatus('offline');
  }

  private stopTicking() {
    if (this.tickTimer) clearInterval(this.tickTimer);
    this.tickTimer = null;
  }
}

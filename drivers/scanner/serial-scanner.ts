import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { scanFromBytes, type Scan } from '../barcode/scan';
import { TypedEmitter, type DeviceEvents, type DeviceStatus } from '../device-lifecycle';
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
export class SerialScanner extends TypedEmitter<Events> {
  private port: SerialPort | null = null;
  private enabled = false;
  private state: DeviceStatus = 'closed';
  private readonly decoder;
  private tickTimer: NodeJS.Timeout | null = null;
  private watchTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: SerialScannerOptions) {
    super();
    this.decoder = createSerialFrameDecoder(options.framing ?? defaultFraming);
  }

  get status(): DeviceStatus {
    return this.state;
  }

  /** Opens and claims the port (serialport locks it exclusively). */
  async open(): Promise<void> {
    const { path, baudRate = 9600, parity = 'none', dataBits = 8, stopBits = 1 } = this.options;
    const port = new SerialPort({ path, baudRate, parity, dataBits, stopBits, autoOpen: false, lock: true });
    await new Promise<void>((done, failed) => port.open((error) => (error ? failed(error) : done())));
    this.port = port;
    port.on('data', (chunk: Buffer) => this.onBytes(chunk));
    port.on('error', (error) => this.lost('read', error.message));
    port.on('close', () => this.lost('read', 'port closed'));
    this.tickTimer = setInterval(() => this.deliver(this.decoder.tick(Date.now())), 10);
    this.watchTimer = setInterval(() => {
      if (!existsSync(path)) this.lost('read', `${path} disappeared (unplugged?)`);
    }, this.options.watchMs ?? 250);
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
    this.stopTimers();
    const port = this.port;
    this.port = null;
    port?.removeAllListeners();
    port?.on('error', () => {}); // a dying port may still report; nothing is listening for it now
    if (port?.isOpen) await new Promise<void>((done) => port.close(() => done()));
    this.setStatus('closed');
  }

  private onBytes(chunk: Buffer) {
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
    if (this.state !== 'online') return;
    this.options.log?.({ level: 'warn', msg: 'scanner lost', device: this.options.device, reason: message });
    this.stopTimers();
    const port = this.port;
    this.port = null;
    port?.removeAllListeners();
    port?.on('error', () => {}); // a dying port may still report; nothing is listening for it now
    if (port?.isOpen) port.close(() => {});
    this.emit('error', { locus, message });
    this.setStatus('offline');
  }

  private stopTimers() {
    if (this.tickTimer) clearInterval(this.tickTimer);
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.tickTimer = this.watchTimer = null;
  }

  private setStatus(status: DeviceStatus) {
    if (status === this.state) return;
    this.state = status;
    this.emit('status', status);
  }
}

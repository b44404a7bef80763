import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { TypedEmitter, type DeviceEvents, type DeviceStatus } from '../device-lifecycle';
import { createAsciiShelfDecoder, encodeCommand, type AsciiError } from './ascii-protocol';
import type { SensorCommand, ShelfReading } from './shelf-reading';

export interface SerialShelfOptions {
  path: string;
  /** Names the line in logs; the readings name their own sensors. */
  device: string;
  baudRate?: number;
  /** Send commands with a checksum (sensors that require one). */
  checksum?: boolean;
  /** How often to check that the port still exists: serialport may not report an unplug. */
  watchMs?: number;
  now?: () => number;
  log?: (entry: Record<string, unknown>) => void;
}

type Events = DeviceEvents<ShelfReading> & { reject: [AsciiError] };

/** A serial line carrying one or more ASCII-protocol shelf sensors (see ascii-protocol.ts). */
export class SerialShelfLine extends TypedEmitter<Events> {
  private port: SerialPort | null = null;
  private state: DeviceStatus = 'closed';
  private decoder = createAsciiShelfDecoder();
  private watchTimer: NodeJS.Timeout | null = null;
  private rejectedCount = 0;

  constructor(private readonly options: SerialShelfOptions) {
    super();
  }

  get status(): DeviceStatus {
    return this.state;
  }

  get rejected(): number {
    return this.rejectedCount;
  }

  async open(): Promise<void> {
    const { path, baudRate = 9600 } = this.options;
    const port = new SerialPort({ path, baudRate, autoOpen: false, lock: true });
    await new Promise<void>((done, failed) => port.open((error) => (error ? failed(error) : done())));
    this.port = port;
    this.decoder = createAsciiShelfDecoder(); // a half line from before a replug is not the start of a new one
    port.on('data', (chunk: Buffer) => this.onBytes(chunk));
    port.on('error', (error) => this.lost('read', error.message));
    port.on('close', () => this.lost('read', 'port closed'));
    this.watchTimer = setInterval(() => {
      if (!existsSync(path)) this.lost('read', `${path} disappeared (unplugged?)`);
    }, this.options.watchMs ?? 250);
    this.setStatus('online');
  }

  /** Writes a zero or tare command; the sensor's ack arrives as a reading. */
  command(sensorId: string, command: SensorCommand): Promise<void> {
    const port = this.port;
    if (!port) return Promise.reject(new Error(`${this.options.device} is not open`));
    const line = encodeCommand(sensorId, command, { checksum: this.options.checksum ?? false });
    return new Promise((done, failed) => port.write(line, (error) => (error ? failed(error) : port.drain(() => done()))));
  }

  async close(): Promise<void> {
    this.stopWatch();
    const port = this.port;
    this.port = null;
    port?.removeAllListeners();
    port?.on('error', () => {}); // a dying port may still report; nothing is listening for it now
    if (port?.isOpen) await new Promise<void>((done) => port.close(() => done()));
    this.setStatus('closed');
  }

  private onBytes(chunk: Buffer) {
    for (const event of this.decoder.push(chunk, (this.options.now ?? Date.now)())) {
      if (event.kind === 'reading') {
        this.emit('data', event.reading);
        continue;
      }
      this.rejectedCount++;
      this.options.log?.({ level: 'warn', msg: 'shelf line refused', device: this.options.device, ...event.error });
      this.emit('reject', event.error);
    }
  }

  private lost(locus: string, message: string) {
    if (this.state !== 'online') return;
    this.options.log?.({ level: 'warn', msg: 'shelf line lost', device: this.options.device, reason: message });
    this.stopWatch();
    const port = this.port;
    this.port = null;
    port?.removeAllListeners();
    port?.on('error', () => {});
    if (port?.isOpen) port.close(() => {});
    this.emit('error', { locus, message });
    this.setStatus('offline');
  }

  private stopWatch() {
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = null;
  }

  private setStatus(status: DeviceStatus) {
    if (status === this.state) return;
    this.state = status;
    this.emit('status', status);
  }
}

import { DeviceLifecycle, type DeviceEvents } from '../device-lifecycle';
import { SerialLine } from '../serial/serial-line';
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
export class SerialShelfLine extends DeviceLifecycle<Events> {
  private line: SerialLine | null = null;
  private decoder = createAsciiShelfDecoder();
  private rejectedCount = 0;

  constructor(private readonly options: SerialShelfOptions) {
    super();
  }

  get rejected(): number {
    return this.rejectedCount;
  }

  async open(): Promise<void> {
    const { path, baudRate, watchMs } = this.options;
    const line = await SerialLine.open({ path, baudRate, watchMs });
    this.line = line;
    this.decoder = createAsciiShelfDecoder(); // a half line from before a replug is not the start of a new one
    line.on('data', (chunk) => this.onBytes(chunk));
    line.on('lost', (reason) => this.lost('read', reason));
    this.setStatus('online');
  }

  /** Writes a zero or tare command; the sensor's ack arrives as a reading. */
  command(sensorId: string, command: SensorCommand): Promise<void> {
    if (!this.line) return Promise.reject(new Error(`${this.options.device} is not open`));
    return this.line.write(encodeCommand(sensorId, command, { checksum: this.options.checksum ?? false }));
  }

  async close(): Promise<void> {
    const line = this.line;
    this.line = null;
    await line?.close();
    this.setStatus('closed');
  }

  private onBytes(chunk: Uint8Array) {
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
    if (this.status !== 'online') return;
    this.options.log?.({ level: 'warn', msg: 'shelf line lost', device: this.options.device, reason: message });
    this.line = null; // the line has already let the port go
    this.emit('error', { locus, message });
    this.setStatus('offline');
  }
}

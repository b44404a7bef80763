// The console's end of a serial line (RS-232, RS-485 or a USB virtual COM port),
// shared by the scanner, shelf and printer drivers: they differ in what the bytes
// mean, not in how a port is claimed, watched and let go.
import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { TypedEmitter } from '../device-lifecycle';

export interface SerialLineOptions {
  path: string;
  baudRate?: number;
  parity?: 'none' | 'even' | 'odd';
  dataBits?: 7 | 8;
  stopBits?: 1 | 2;
  /** Hardware flow control, so a slow device (a printer's buffer) is not overrun. */
  rtscts?: boolean;
  /** How often to check that the port still exists: serialport may not report an unplug. */
  watchMs?: number;
}

interface SerialLineEvents {
  data: [Uint8Array];
  /** Once, when the port fails or vanishes; never after close(). The line is released by then. */
  lost: [reason: string];
}

/** Twice the time the bytes take on the wire (10 bits a byte), plus a margin: a stuck write is noticed, a long raster is not cut. */
const drainDeadlineMs = (bytes: number, baudRate: number) => 5000 + Math.ceil((bytes * 10 * 2 * 1000) / baudRate);

/** An open, claimed port: bytes in as 'data', out through write(), and one 'lost' if it fails or vanishes. */
export class SerialLine extends TypedEmitter<SerialLineEvents> {
  private port: SerialPort | null;
  private readonly pendingWrites = new Set<(error?: Error | null) => void>();
  private watchTimer: NodeJS.Timeout | null;

  /** Opens and claims the port (serialport locks it exclusively); rejects if it cannot. */
  static async open({
    path,
    baudRate = 9600,
    parity = 'none',
    dataBits = 8,
    stopBits = 1,
    rtscts = false,
    watchMs = 250,
  }: SerialLineOptions): Promise<SerialLine> {
    const port = new SerialPort({ path, baudRate, parity, dataBits, stopBits, rtscts, autoOpen: false, lock: true });
    await new Promise<void>((done, failed) => port.open((error) => (error ? failed(error) : done())));
    return new SerialLine(port, path, watchMs);
  }

  private constructor(port: SerialPort, readonly path: string, watchMs: number) {
    super();
    this.port = port;
    port.on('data', (chunk: Buffer) => this.emit('data', chunk));
    port.on('error', (error) => this.lose(error.message));
    port.on('close', () => this.lose('port closed'));
    // A pulled cable often leaves the fd quietly open until the next write fails.
    this.watchTimer = setInterval(() => {
      if (!existsSync(path)) this.lose(`${path} disappeared (unplugged?)`);
    }, watchMs);
  }

  get isOpen(): boolean {
    return this.port !== null;
  }

  /** Resolves once the OS has taken the bytes (after drain), so a caller can tell sent from queued. */
  write(bytes: Uint8Array | string): Promise<void> {
    const port = this.port;
    if (!port) return Promise.reject(new Error(`${this.path} is not open`));
    const chunk = typeof bytes === 'string' ? bytes : Buffer.from(bytes);
    return new Promise((done, failed) => {
      // A device that vanished mid-write may never call back: the loss, or a deadline, ends the wait.
      const deadline = drainDeadlineMs(chunk.length, port.baudRate);
      const timer = setTimeout(() => {
        settle(new Error(`${this.path}: write not drained in ${deadline} ms`));
        this.lose('write timed out');
      }, deadline);
      const settle = (error?: Error | null) => {
        if (!this.pendingWrites.delete(settle)) return;
        clearTimeout(timer);
        if (error) failed(error);
        else done();
      };
      this.pendingWrites.add(settle);
      port.write(chunk, (error) => (error ? settle(error) : port.drain((e) => settle(e))));
    });
  }

  /** Releases the port; emits no 'lost', since nothing was lost. */
  async close(): Promise<void> {
    for (const settle of [...this.pendingWrites]) settle(new Error(`${this.path} closed`));
    const port = this.release();
    if (port?.isOpen) await new Promise<void>((done) => port.close(() => done()));
  }

  private lose(reason: string) {
    const port = this.release();
    if (!port) return;
    for (const settle of [...this.pendingWrites]) settle(new Error(`${this.path} lost: ${reason}`));
    if (port.isOpen) port.close(() => {});
    this.emit('lost', reason);
  }

  private release(): SerialPort | null {
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = null;
    const port = this.port;
    this.port = null;
    port?.removeAllListeners();
    port?.on('error', () => {}); // a dying port may still report; nothing is listening for it now
    return port;
  }
}

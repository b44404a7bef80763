// The receipt printer driver: one claimed link, jobs written whole, status asked
// only between jobs. Every operation goes through one queue, so a DLE EOT can
// never land inside a job's raster data (where the printer would act on it and
// the image would lose three bytes).
import { TypedEmitter, type DeviceError } from '../device-lifecycle';
import { dleEot, ESC, processIdRequest } from './escpos-bytes';
import { createStatusReader, statusFromAsb, statusFromDleEot, type DleEotFunction, type PrinterStatus } from './printer-status';
import type { PrinterTransport } from './transports/printer-transport';

/** The printer could not be reached: nothing of the operation was sent. */
export class PrinterUnreachableError extends Error {
  override name = 'PrinterUnreachableError';
}

/** The link failed part-way: some bytes may have reached the printer. */
export class PrinterLinkLostError extends Error {
  override name = 'PrinterLinkLostError';
}

export type StatusReport = PrinterStatus | 'unsupported';

export interface EscposPrinterOptions {
  name: string;
  connect: () => Promise<PrinterTransport>;
  /** How long to wait for DLE EOT replies before calling status unsupported. */
  statusTimeoutMs?: number;
}

type Events = { status: [PrinterStatus]; error: [DeviceError]; link: ['up' | 'down'] };

const asked: DleEotFunction[] = [1, 2, 4];

export class EscposPrinter extends TypedEmitter<Events> {
  private transport: PrinterTransport | null = null;
  private readonly reader = createStatusReader();
  private waiting: { replies: Partial<Record<DleEotFunction, number>>; done: (lost?: string) => void } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextProcessId = 0;
  private readonly printedWaiters = new Map<string, { done: () => void; failed: (error: Error) => void }>();

  constructor(private readonly options: EscposPrinterOptions) {
    super();
  }

  get name() {
    return this.options.name;
  }

  /** Asks DLE EOT 1, 2 and 4 and folds the answers; 'unsupported' if none come back in time. */
  status(): Promise<StatusReport> {
    return this.serial(async () => {
      const transport = await this.link();
      const replies: Partial<Record<DleEotFunction, number>> = {};
      const timeoutMs = this.options.statusTimeoutMs ?? 1000;
      const lost = await new Promise<string | undefined>((done) => {
        const timer = setTimeout(() => done(undefined), timeoutMs);
        this.waiting = {
          replies,
          done: (reason) => {
            clearTimeout(timer);
            done(reason);
          },
        };
        for (const n of asked) this.reader.expect(n);
        transport.write(Uint8Array.from(asked.flatMap((n) => [...dleEot(n)]))).catch((e: Error) => this.waiting?.done(e.message));
      });
      this.waiting = null;
      this.reader.reset();
      if (lost !== undefined) throw new PrinterLinkLostError(lost);
      if (Object.keys(replies).length === 0) return 'unsupported';
      return statusFromDleEot(replies);
    });
  }

  /** Writes a whole job. Resolves when the bytes are handed to the OS, not when printed: ask status() for that. */
  send(bytes: Uint8Array): Promise<void> {
    return this.serial(async () => {
      const transport = await this.link();
      try {
        await transport.write(bytes);
      } catch (error) {
        this.drop(transport, (error as Error).message);
        throw new PrinterLinkLostError((error as Error).message);
      }
    });
  }

  /**
   * Writes a job followed by a process ID request. `printed` settles when the
   * printer answers it, which it does only after the job has come out; a
   * printer without GS ( H never answers, so callers also watch status().
   */
  async print(bytes: Uint8Array): Promise<{ printed: Promise<void> }> {
    const id = String(this.nextProcessId++ % 10_000).padStart(4, '0');
    const printed = new Promise<void>((done, failed) => this.printedWaiters.set(id, { done, failed }));
    printed.catch(() => {}); // a caller that stops listening must not leave an unhandled rejection
    const job = new Uint8Array(bytes.length + 11);
    job.set(bytes);
    job.set(processIdRequest(id), bytes.length);
    try {
      await this.send(job);
    } catch (error) {
      this.printedWaiters.delete(id);
      throw error;
    }
    return { printed };
  }

  /** ESC p: a pulse on the drawer connector (pin 2 or 5), 100 ms on, 500 ms off. */
  openDrawer(pin: 2 | 5 = 2): Promise<void> {
    return this.send(Uint8Array.of(ESC, 0x70, pin === 2 ? 0 : 1, 50, 250));
  }

  async close(): Promise<void> {
    await this.serial(async () => {
      const transport = this.transport;
      this.transport = null;
      await transport?.close();
    });
  }

  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => {});
    return run;
  }

  private async link(): Promise<PrinterTransport> {
    if (this.transport) return this.transport;
    let transport: PrinterTransport;
    try {
      transport = await this.options.connect();
    } catch (error) {
      throw new PrinterUnreachableError((error as Error).message);
    }
    this.transport = transport;
    transport.onData((bytes) => this.onBytes(bytes));
    transport.onClose((reason) => this.drop(transport, reason));
    this.emit('link', 'up');
    return transport;
  }

  private drop(transport: PrinterTransport, reason: string) {
    if (this.transport !== transport) return;
    this.transport = null;
    void transport.close().catch(() => {});
    this.waiting?.done(reason);
    for (const waiter of this.printedWaiters.values()) waiter.failed(new PrinterLinkLostError(reason));
    this.printedWaiters.clear();
    this.emit('link', 'down');
    this.emit('error', { locus: 'link', message: reason });
  }

  private onBytes(bytes: Uint8Array) {
    for (const reply of this.reader.push(bytes)) {
      if (reply.kind === 'asb') this.emit('status', statusFromAsb(reply.bytes));
      else if (reply.kind === 'process-id') {
        this.printedWaiters.get(reply.id)?.done();
        this.printedWaiters.delete(reply.id);
      } else if (this.waiting) {
        this.waiting.replies[reply.n] = reply.byte;
        if (asked.every((n) => this.waiting!.replies[n] !== undefined)) this.waiting.done();
      }
    }
  }
}

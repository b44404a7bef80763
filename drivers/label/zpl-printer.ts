// A Zebra-type label printer behind any byte pipe (TCP 9100, serial, a USB
// printer's device file). ZPL's status (~HS) is not used: a label job is done
// once its bytes are written ("bytes-written"), as for a raw port.
import type { PrinterTransport } from '../printer/transports/printer-transport';
import { PrinterUnreachableError } from '../printer/escpos-printer';

export class ZplPrinter {
  private transport: PrinterTransport | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: { name: string; connect: () => Promise<PrinterTransport> }) {}

  /** Never asked: a label job is confirmed by its bytes being written. */
  status(): Promise<'unsupported'> {
    return Promise.resolve('unsupported');
  }

  async print(bytes: Uint8Array): Promise<{ printed: Promise<void> }> {
    await this.send(bytes);
    return { printed: Promise.resolve() };
  }

  send(bytes: Uint8Array): Promise<void> {
    const next = this.chain.then(async () => {
      const transport = await this.link();
      await transport.write(bytes);
    });
    this.chain = next.catch(() => {});
    return next;
  }

  openDrawer(): Promise<void> {
    return Promise.reject(new Error(`${this.options.name} is a label printer: it has no cash drawer`));
  }

  async close(): Promise<void> {
    const transport = this.transport;
    this.transport = null;
    await transport?.close();
  }

  private async link(): Promise<PrinterTransport> {
    if (this.transport) return this.transport;
    try {
      const transport = await this.options.connect();
      transport.onClose(() => {
        if (this.transport === transport) this.transport = null;
      });
      this.transport = transport;
      return transport;
    } catch (error) {
      throw new PrinterUnreachableError(`${this.options.name}: ${(error as Error).message}`);
    }
  }
}

// A virtual Zebra-type label printer for tests, the demo and the developer
// panel: it keeps every label it received, as sent and as a readable preview.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { previewZplFormat, renderZplPreview, splitZplFormats, type LabelPreview } from './zpl-preview';

export class VirtualZplPrinterCore {
  readonly labels: LabelPreview[] = [];
  bytesReceived = 0;
  private readonly listeners = new Set<(label: LabelPreview) => void>();

  /** One connection's byte stream; formats may arrive split across chunks. */
  attach(): { receive(chunk: Uint8Array): void } {
    const decoder = new TextDecoder();
    let pending = '';
    return {
      receive: (chunk) => {
        this.bytesReceived += chunk.length;
        const { formats, rest } = splitZplFormats(pending + decoder.decode(chunk, { stream: true }));
        pending = rest;
        for (const format of formats) {
          const label = previewZplFormat(format);
          this.labels.push(label);
          for (const listener of [...this.listeners]) listener(label);
        }
      },
    };
  }

  onLabel(listener: (label: LabelPreview) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every label received, as the developer panel shows them. */
  previews(): string[] {
    return this.labels.map(renderZplPreview);
  }
}

export interface VirtualZplTcpPrinter {
  core: VirtualZplPrinterCore;
  host: string;
  port: number;
  close(): Promise<void>;
}

/** A label printer on its raw TCP port (9100 by convention); port 0 picks a free one. */
export async function startVirtualZplTcpPrinter({ port = 0, host = '127.0.0.1', core = new VirtualZplPrinterCore() } = {}): Promise<VirtualZplTcpPrinter> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const wire = core.attach();
    socket.on('data', (chunk: Buffer) => wire.receive(chunk));
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done, failed) => {
    server.once('error', failed);
    server.listen(port, host, () => done());
  });
  return {
    core,
    host,
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** The printer's end of a serial line (one side of a socat pty pair). */
export async function openVirtualZplSerialPrinter(path: string, core = new VirtualZplPrinterCore()) {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((done, failed) => port.open((error) => (error ? failed(error) : done())));
  const wire = core.attach();
  port.on('data', (chunk: Buffer) => wire.receive(chunk));
  port.on('error', () => {});
  return {
    core,
    async close() {
      if (port.isOpen) await new Promise<void>((done) => port.close(() => done()));
    },
  };
}

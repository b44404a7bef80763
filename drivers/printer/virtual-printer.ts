// A virtual ESC/POS printer for tests and the demo store. It renders what it is
// sent through the stream parser, answers DLE EOT in real time (as a printer
// does, even while stopped), sends ASB reports when enabled, and can run out of
// paper part-way through a job: it then stops, keeps the rest of the job in its
// buffer and finishes it once paper is loaded, as a thermal printer does. It can
// also play a clone that ignores GS ( H, or a raw port that answers nothing.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { SerialPort } from 'serialport';
import { processIdReply } from './escpos-bytes';
import { parseEscpos, type RenderItem } from './escpos-stream-parser';
import { encodeAsb, encodeDleEotReply, type DleEotFunction, type PrinterStatus } from './printer-status';

export type Reply = (bytes: Uint8Array) => void;

interface Connection {
  buffer: Uint8Array;
  /** Whole items of this connection's stream already printed. */
  printed: number;
  reply: Reply;
  /** The tail of the last chunk, so a DLE EOT split across chunks is still seen. */
  tail: number[];
  asbMask: number;
}

const paperCost = (item: RenderItem): number =>
  item.kind === 'text' ? item.scale : item.kind === 'feed' ? item.lines : item.kind === 'barcode' ? 3 : item.kind === 'qr' ? 6 : item.kind === 'image' ? Math.ceil(item.height / 24) : 0;

export interface VirtualPrinterAnswers {
  /** Answers a process ID request (GS ( H) once the job before it has printed. Many clones do not. */
  processId?: boolean;
  /** Answers DLE EOT and sends ASB. A plain raw port answers nothing at all. */
  status?: boolean;
}

/** The printer itself, whatever the wire: bytes in, rendering and status replies out. */
export class VirtualPrinterCore {
  /** Finished receipts, each closed by a cut. */
  readonly receipts: RenderItem[][] = [];
  readonly drawerKicks: number[] = [];
  private current: RenderItem[] = [];
  private paperLeft = Infinity;
  private flags = { offline: false, paperOut: false, paperNearEnd: false, coverOpen: false, drawerOpen: false };
  private readonly connections = new Set<Connection>();
  /** Bytes received, for tests that count what reached the printer. */
  bytesReceived = 0;
  private readonly answers: Required<VirtualPrinterAnswers>;

  constructor(answers: VirtualPrinterAnswers = {}) {
    this.answers = { processId: answers.processId ?? true, status: answers.status ?? true };
  }

  attach(reply: Reply): { receive(chunk: Uint8Array): void; detach(): void } {
    const connection: Connection = { buffer: new Uint8Array(0), printed: 0, reply, tail: [], asbMask: 0 };
    this.connections.add(connection);
    return {
      receive: (chunk) => this.receive(connection, chunk),
      detach: () => this.connections.delete(connection),
    };
  }

  get status(): PrinterStatus {
    const stopped = this.flags.paperOut || this.flags.coverOpen;
    return { ...this.flags, offline: stopped, online: !stopped };
  }

  /** What has come out since the last cut: a receipt stopped part-way shows here. */
  get inProgress(): RenderItem[] {
    return this.current;
  }

  /** Loads a roll with room for this many lines; Infinity for an endless one. */
  loadPaper(lines = Infinity): void {
    this.paperLeft = lines;
    this.setFlags({ paperOut: lines <= 0, paperNearEnd: false });
  }

  setPaperOut(out: boolean): void {
    if (out) this.paperLeft = 0;
    else if (this.paperLeft <= 0) this.paperLeft = Infinity;
    this.setFlags({ paperOut: out });
  }

  setCoverOpen(open: boolean): void {
    this.setFlags({ coverOpen: open });
  }

  setDrawerOpen(open: boolean): void {
    this.setFlags({ drawerOpen: open });
  }

  private setFlags(change: Partial<VirtualPrinterCore['flags']>) {
    const before = JSON.stringify(this.flags);
    Object.assign(this.flags, change);
    if (JSON.stringify(this.flags) === before) return;
    for (const c of this.connections) {
      if (c.asbMask && this.answers.status) c.reply(Uint8Array.from(encodeAsb(this.status)));
      this.print(c);
    }
  }

  private receive(c: Connection, chunk: Uint8Array) {
    this.bytesReceived += chunk.length;
    // DLE EOT is acted on as it arrives, before anything queued ahead of it prints.
    const scan = [...c.tail, ...chunk];
    for (let k = 0; k + 2 < scan.length; k++) {
      if (scan[k] === 0x10 && scan[k + 1] === 0x04 && k + 2 >= c.tail.length) {
        const n = scan[k + 2]!;
        if (n >= 1 && n <= 4 && this.answers.status) c.reply(Uint8Array.of(encodeDleEotReply(n as DleEotFunction, this.status)));
      }
    }
    c.tail = scan.slice(-2);
    const joined = new Uint8Array(c.buffer.length + chunk.length);
    joined.set(c.buffer);
    joined.set(chunk, c.buffer.length);
    c.buffer = joined;
    this.print(c);
  }

  private print(c: Connection) {
    if (this.flags.paperOut || this.flags.coverOpen) return;
    const { items, consumed } = parseEscpos(c.buffer);
    const whole = items.filter((item) => item.end <= consumed);
    while (c.printed < whole.length) {
      const { start: _s, end: _e, ...item } = whole[c.printed]!;
      const cost = paperCost(item);
      if (cost > this.paperLeft) {
        this.paperLeft = 0;
        this.setFlags({ paperOut: true });
        return;
      }
      this.paperLeft -= cost;
      c.printed++;
      if (item.kind === 'asb') {
        c.asbMask = item.mask;
        if (item.mask && this.answers.status) c.reply(Uint8Array.from(encodeAsb(this.status)));
      } else if (item.kind === 'process-id') {
        if (this.answers.processId) c.reply(processIdReply(item.id));
      } else if (item.kind === 'drawer') {
        this.drawerKicks.push(item.pin);
      } else if (item.kind !== 'status-request') {
        // What is left is paper: text, codes, images, feeds and cuts.
        this.current.push(item);
        if (item.kind === 'cut') {
          this.receipts.push(this.current);
          this.current = [];
        }
      }
    }
    // Every job starts with ESC @, so once all is printed the stream can start afresh.
    if (consumed === c.buffer.length && c.printed === whole.length) {
      c.buffer = new Uint8Array(0);
      c.printed = 0;
    }
  }
}

/** A readable rendering of one receipt, for the UI's printer preview. */
export function renderPreview(items: readonly RenderItem[]): string {
  return items
    .map((item) => {
      switch (item.kind) {
        case 'text':
          return item.text;
        case 'barcode':
          return `[${item.symbology} ${item.data}]`;
        case 'qr':
          return `[QR ${item.data}]`;
        case 'image':
          return `[image ${item.width}×${item.height}]`;
        case 'cut':
          return item.partial ? '--- partial cut ---' : '--- cut ---';
        case 'drawer':
          return `[drawer pin ${item.pin}]`;
        case 'feed':
          return '\n'.repeat(Math.max(0, item.lines - 1));
        default:
          return null;
      }
    })
    .filter((line) => line !== null)
    .join('\n');
}

export interface VirtualTcpPrinter {
  core: VirtualPrinterCore;
  host: string;
  port: number;
  /** Offline: connections are refused (reset at once) and open ones are dropped. */
  setOffline(offline: boolean): void;
  close(): Promise<void>;
}

/** A printer on TCP port 9100 style: raw bytes both ways. Port 0 picks a free port. */
export async function startVirtualTcpPrinter({ port = 0, host = '127.0.0.1', core = new VirtualPrinterCore() } = {}): Promise<VirtualTcpPrinter> {
  const sockets = new Set<Socket>();
  let offline = false;
  const server: Server = createServer((socket) => {
    if (offline) return void socket.destroy();
    socket.setNoDelay(true);
    sockets.add(socket);
    const wire = core.attach((bytes) => void (socket.writable && socket.write(bytes)));
    socket.on('data', (chunk: Buffer) => wire.receive(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      wire.detach();
      sockets.delete(socket);
    });
  });
  await new Promise<void>((done, failed) => {
    server.once('error', failed);
    server.listen(port, host, () => done());
  });
  return {
    core,
    host,
    port: (server.address() as AddressInfo).port,
    setOffline(value) {
      offline = value;
      if (value) for (const s of sockets) s.destroy();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

/** The printer's end of a serial line (one side of a socat pty pair). */
export async function openVirtualSerialPrinter(path: string, core = new VirtualPrinterCore()) {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((done, failed) => port.open((error) => (error ? failed(error) : done())));
  const wire = core.attach((bytes) => void port.write(Buffer.from(bytes)));
  port.on('data', (chunk: Buffer) => wire.receive(chunk));
  port.on('error', () => {});
  return {
    core,
    async close() {
      wire.detach();
      if (port.isOpen) await new Promise<void>((done) => port.close(() => done()));
    },
  };
}

// The station's printers as the core sees them: built from settings, fed by one
// durable queue, and watched between jobs so staff see why a printer is stuck.
import { EscposPrinter } from '../../drivers/printer/escpos-printer';
import { isZplProfile, zplProfiles, zplShelfLabels } from '../../drivers/label/zpl-shelf-label';
import { shelfLabelText, type ShelfLabelFacts } from '../../drivers/label/shelf-label';
import { ZplPrinter } from '../../drivers/label/zpl-printer';
import { shelfLabel } from '../../drivers/printer/receipt-layouts';
import type { ReceiptLanguage } from '../../drivers/printer/receipt-words';
import { printerProfiles, type PrinterProfile } from '../../drivers/printer/printer-profile';
import type { PrinterStatus } from '../../drivers/printer/printer-status';
import { openDeviceFileTransport } from '../../drivers/printer/transports/device-file-transport';
import { openSerialTransport } from '../../drivers/printer/transports/serial-transport';
import { openTcpTransport } from '../../drivers/printer/transports/tcp-transport';
import type { CoreEvents } from '../api/events';
import type { PrinterInfo, PrintJobInfo } from '../api/types';
import type { Db } from '../kernel/db/open-ledger';
import { PrintQueue } from './print-queue';
import { printerNames } from '../api/input-schemas';
import { confirmationOf, describeConnection, type PrinterName, type PrinterSettings, type PrinterSettingsInput, type PrinterSettingsStore } from './printer-settings';

export interface PrintingServiceOptions {
  db: Db;
  settings: PrinterSettingsStore;
  /** Printers that are not in settings: the demo store's virtual printer. */
  simulated?: Partial<Record<PrinterName, PrinterSettings>>;
  statusEveryMs?: number;
  queue?: { retryMs?: number; confirmPollMs?: number; confirmTimeoutMs?: number };
  log?: (entry: Record<string, unknown>) => void;
}

/** What changed: the printers whose status or settings did, and the jobs that did. */
export type PrintingChange = CoreEvents['printing.changed'];

interface Attached {
  name: PrinterName;
  settings: PrinterSettings;
  simulated: boolean;
  printer: EscposPrinter | ZplPrinter;
  status: PrinterInfo['status'];
  detail: PrinterStatus | null;
  lastError: string | null;
}

function connectFor(settings: PrinterSettings) {
  const c = settings.connection;
  if (c.type === 'tcp') return () => openTcpTransport({ host: c.host, port: c.port });
  if (c.type === 'serial') return () => openSerialTransport({ path: c.path, baudRate: c.baudRate });
  return () => openDeviceFileTransport({ path: c.path });
}

/** Shelf labels on a receipt printer: each its own cut piece. */
function escposShelfLabels(profile: PrinterProfile, labels: readonly ShelfLabelFacts[], language: ReceiptLanguage): Uint8Array {
  const pieces = labels.map((facts) => {
    const text = shelfLabelText(facts, language);
    return shelfLabel(profile, {
      name: text.name,
      priceCents: facts.priceCents,
      ...(text.unitPrice ? { unitPrice: text.unitPrice } : {}),
      notes: [text.previousPrice, text.reductionNote, text.footer].filter((line): line is string => line !== null && line !== ''),
      ...(facts.ean13 ? { code: facts.ean13, symbology: 'ean13' as const } : {}),
    });
  });
  const out = new Uint8Array(pieces.reduce((n, piece) => n + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

function statusWord(status: PrinterStatus): PrinterInfo['status'] {
  if (status.coverOpen) return 'cover-open';
  if (status.paperOut) return 'paper-out';
  return status.offline ? 'offline' : 'online';
}

export function createPrintingService({ db, settings, simulated = {}, statusEveryMs = 5000, queue: queueOptions = {}, log = () => {} }: PrintingServiceOptions) {
  const listeners = new Set<(change: PrintingChange) => void>();
  const changed = ({ printers = [], jobIds = [] }: Partial<PrintingChange>) => {
    for (const listener of [...listeners]) listener({ printers, jobIds });
  };
  let attached = new Map<PrinterName, Attached>();
  let queue: PrintQueue | null = null;
  let watch: NodeJS.Timeout | null = null;
  let running = false;

  function build() {
    const configured = settings.all();
    attached = new Map();
    for (const name of printerNames) {
      const fromSettings = configured[name];
      const chosen = fromSettings ?? simulated[name];
      if (!chosen) continue;
      if (isZplProfile(chosen.profile)) {
        const printer = new ZplPrinter({ name, connect: connectFor(chosen) });
        attached.set(name, { name, settings: chosen, simulated: !fromSettings, printer, status: 'unknown', detail: null, lastError: null });
        continue;
      }
      const printer = new EscposPrinter({ name, connect: connectFor(chosen), statusTimeoutMs: 1000 });
      const entry: Attached = { name, settings: chosen, simulated: !fromSettings, printer, status: 'unknown', detail: null, lastError: null };
      printer.on('status', (status) => setStatus(entry, status));
      printer.on('error', (e) => {
        entry.lastError = e.message;
        log({ level: 'warn', msg: 'printer error', printer: name, locus: e.locus, err: e.message });
      });
      attached.set(name, entry);
    }
    queue = new PrintQueue({
      db,
      printers: Object.fromEntries([...attached].map(([name, a]) => [name, a.printer])),
      confirmBy: Object.fromEntries([...attached].map(([name, a]) => [name, confirmationOf(a.settings)])),
      ...queueOptions,
      log,
    });
    queue.on('completed', (job: { id: number }) => changed({ jobIds: [job.id] }));
    queue.on('waiting', (job: { id: number }) => changed({ jobIds: [job.id] }));
    queue.on('error', ({ job }: { job: { id: number } }) => changed({ jobIds: [job.id] }));
  }

  function setStatus(entry: Attached, status: PrinterStatus | 'unsupported' | 'unreachable') {
    const word = status === 'unsupported' || status === 'unreachable' ? status : statusWord(status);
    const detail = typeof status === 'string' ? null : status;
    if (word === entry.status && JSON.stringify(detail) === JSON.stringify(entry.detail)) return;
    entry.status = word;
    entry.detail = detail;
    if (word !== 'unreachable') entry.lastError = null;
    changed({ printers: [entry.name] });
    // A printer that came back gets its waiting jobs at once, not at the next retry.
    if (word === 'online') queue?.poke();
  }

  // Status is asked between jobs only (the driver serialises operations), never in a job's bytes.
  async function poll() {
    for (const entry of attached.values()) {
      // A printer that answers nothing is never asked: it might print the question.
      if (confirmationOf(entry.settings) === 'bytes-written') {
        setStatus(entry, 'unsupported');
        continue;
      }
      try {
        setStatus(entry, await entry.printer.status());
      } catch (error) {
        entry.lastError = (error as Error).message;
        setStatus(entry, 'unreachable');
      }
    }
  }

  function queueOrThrow(): PrintQueue {
    if (!queue) throw new Error('printing has not started');
    return queue;
  }

  return {
    start() {
      build();
      running = true;
      queue!.start();
      void poll();
      watch = setInterval(() => void poll(), statusEveryMs);
      watch.unref();
    },
    async stop() {
      running = false;
      if (watch) clearInterval(watch);
      await queue?.stop();
      for (const entry of attached.values()) await entry.printer.close().catch(() => {});
    },
    /**
     * Records a job for the printer used for `name`, laid out for its model; null
     * when the station has no such printer (the caller tells staff).
     */
    print(name: PrinterName, kind: string, layout: (profile: PrinterProfile) => Uint8Array, requestedBy: string): number | null {
      const entry = attached.get(name);
      if (!entry) {
        log({ level: 'warn', msg: 'nothing printed: no printer configured', printer: name, kind });
        return null;
      }
      const profile = entry.settings.profile;
      if (isZplProfile(profile)) {
        log({ level: 'warn', msg: 'nothing printed: a label printer takes labels only', printer: name, kind });
        return null;
      }
      const id = queueOrThrow().submit({ printer: name, kind, payload: layout(printerProfiles[profile]), requestedBy });
      changed({ jobIds: [id] });
      return id;
    },
    /** Records one job of shelf labels: ZPL for a label printer, one ESC/POS label after another on a receipt printer. */
    printLabels(name: PrinterName, labels: readonly ShelfLabelFacts[], requestedBy: string, language: ReceiptLanguage = 'es'): number | null {
      const entry = attached.get(name);
      if (!entry) {
        log({ level: 'warn', msg: 'nothing printed: no printer configured', printer: name, kind: 'shelf-labels' });
        return null;
      }
      const profile = entry.settings.profile;
      const payload = isZplProfile(profile) ? zplShelfLabels(labels, zplProfiles[profile], language) : escposShelfLabels(printerProfiles[profile], labels, language);
      const id = queueOrThrow().submit({ printer: name, kind: 'shelf-labels', payload, requestedBy });
      changed({ jobIds: [id] });
      return id;
    },
    reprint(jobId: number, requestedBy: string): number {
      const id = queueOrThrow().reprint(jobId, requestedBy);
      changed({ jobIds: [id] });
      return id;
    },
    dismiss(jobId: number, staff: string): boolean {
      const done = queueOrThrow().dismiss(jobId, staff);
      if (done) changed({ jobIds: [jobId] });
      return done;
    },
    job: (id: number): PrintJobInfo | null => {
      const job = queueOrThrow().job(id);
      return job ?? null;
    },
    jobs(): { pending: PrintJobInfo[]; recent: PrintJobInfo[] } {
      const q = queueOrThrow();
      return { pending: q.pending(), recent: q.recent(10) };
    },
    async openDrawer(name: PrinterName) {
      if (!attached.has(name)) return { ok: false as const, message: `no ${name} printer is configured` };
      const result = await queueOrThrow().openDrawer(name);
      log({ level: result.ok ? 'info' : 'warn', msg: 'cash drawer', printer: name, ...result });
      return result;
    },
    printers(): PrinterInfo[] {
      return printerNames.map((name) => {
        const entry = attached.get(name);
        if (!entry) return { name, configured: false, simulated: false, connection: null, profile: null, settings: null, status: 'unknown', paperNearEnd: false, drawerOpen: false, lastError: null };
        return {
          name,
          configured: true,
          simulated: entry.simulated,
          connection: describeConnection(entry.settings.connection),
          profile: entry.settings.profile,
          settings: entry.settings,
          status: entry.status,
          paperNearEnd: entry.detail?.paperNearEnd ?? false,
          drawerOpen: entry.detail?.drawerOpen ?? false,
          lastError: entry.lastError,
        };
      });
    },
    /** Saves a printer's settings (null removes it) and rebuilds the printers; waiting jobs carry on. */
    async configure(name: PrinterName, next: PrinterSettingsInput | null) {
      settings.set(name, next);
      if (!running) return;
      await this.stop();
      this.start();
      changed({ printers: [name] });
    },
    onChanged(listener: (change: PrintingChange) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type PrintingService = ReturnType<typeof createPrintingService>;

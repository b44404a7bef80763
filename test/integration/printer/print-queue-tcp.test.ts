import assert from 'node:assert/strict';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { test } from 'node:test';
import { openLedger } from '../../../main/kernel/db/open-ledger';
import { PrintQueue, type PrintJob } from '../../../main/printing/print-queue';
import { printerSettingsSchema } from '../../../main/api/input-schemas';
import { confirmationOf } from '../../../main/printing/printer-settings';
import { EscposPrinter } from '../../../drivers/printer/escpos-printer';
import { printerProfiles, type JobConfirmation } from '../../../drivers/printer/printer-profile';
import { saleReceipt } from '../../../drivers/printer/receipt-layouts';
import { openTcpTransport } from '../../../drivers/printer/transports/tcp-transport';
import { renderPreview, startVirtualTcpPrinter, VirtualPrinterCore, type VirtualTcpPrinter } from '../../../drivers/printer/virtual-printer';
import { tempDir } from '../../helpers/temp-dir';
import { waitUntil } from '../../helpers/wait-until';

const receipt = (number: string, lines = 3) =>
  saleReceipt(printerProfiles['epson-tm-t88vi'], {
    storeName: 'Mostrador Centro', number, at: '2026-03-14 10:05', staff: 'Ana',
    lines: Array.from({ length: lines }, (_, i) => ({ name: `Artículo ${i + 1} ñandú`, qty: 1, unitPriceCents: 100 + i })),
    totalCents: 999, payment: { method: 'Tarjeta' },
  });

function setUp(printer: VirtualTcpPrinter, file = join(tempDir(), 'ledger.sqlite'), confirmBy?: JobConfirmation, confirmTimeoutMs = 5000) {
  const db = openLedger(file);
  const driver = new EscposPrinter({ name: 'counter', statusTimeoutMs: 500, connect: () => openTcpTransport({ host: printer.host, port: printer.port, timeoutMs: 500 }) });
  const queue = new PrintQueue({ db, printers: { counter: driver }, confirmBy: confirmBy ? { counter: confirmBy } : {}, retryMs: 50, confirmPollMs: 20, confirmTimeoutMs });
  const events: string[] = [];
  queue.on('completed', (job) => events.push(`completed ${job.id}`));
  queue.on('error', ({ job }) => events.push(`error ${job.id}`));
  queue.start();
  return {
    db, driver, queue, events, file,
    async close() {
      await queue.stop();
      await driver.close();
      db.close();
    },
  };
}

const receiptNumbers = (printer: VirtualTcpPrinter) =>
  printer.core.receipts.map((r) => r.find((i) => i.kind === 'text' && i.text.includes('N.º'))).map((i) => (i?.kind === 'text' ? i.text.trim() : '?'));

test('a job prints, is confirmed by status and completes; the preview shows the receipt', async () => {
  const printer = await startVirtualTcpPrinter();
  const s = setUp(printer);
  try {
    const id = s.queue.submit({ printer: 'counter', kind: 'receipt', payload: receipt('T-1'), requestedBy: 'ana' });
    const job = await waitUntil(() => s.queue.job(id), (j) => j?.state === 'done', { what: 'job done' });
    assert.equal(job?.attempts, 1);
    assert.deepEqual(s.events, [`completed ${id}`]);
    assert.deepEqual(receiptNumbers(printer), ['N.º T-1']);
    const preview = renderPreview(printer.core.receipts[0]!);
    assert.match(preview, /Artículo 1 ñandú/);
    assert.match(preview, /--- cut ---$/);
  } finally {
    await s.close();
    await printer.close();
  }
});

test('paper runs out in the middle of a job: it waits with a reason, and completes exactly once when paper is loaded', async () => {
  const printer = await startVirtualTcpPrinter();
  printer.core.loadPaper(12); // the receipt needs about 30 lines
  const s = setUp(printer);
  const waiting: PrintJob[] = [];
  s.queue.on('waiting', (job) => waiting.push(job));
  try {
    const id = s.queue.submit({ printer: 'counter', kind: 'receipt', payload: receipt('T-2', 15), requestedBy: 'ana' });
    await waitUntil(() => s.queue.job(id)?.waitingReason ?? '', (r) => r === 'paper-out', { what: 'waiting for paper' });
    assert.equal(s.queue.job(id)?.state, 'sending');
    assert.equal(printer.core.receipts.length, 0);
    assert.ok(printer.core.inProgress.length > 3, 'part of the receipt came out');
    assert.ok(waiting.some((j) => j.id === id));

    // Another job submitted meanwhile waits behind it rather than being sent into a stopped printer.
    const second = s.queue.submit({ printer: 'counter', kind: 'receipt', payload: receipt('T-3'), requestedBy: 'ana' });
    // The worker asks the printer about the first job again (twice, so one whole poll began after the
    // submission) while the second stays queued.
    for (let poll = 0; poll < 2; poll++) {
      const bytes = printer.core.bytesReceived;
      await waitUntil(() => printer.core.bytesReceived, (n) => n > bytes, { what: 'another status poll for the first job' });
    }
    assert.equal(s.queue.job(second)?.state, 'queued');

    printer.core.loadPaper();
    await waitUntil(() => [s.queue.job(id)?.state, s.queue.job(second)?.state], (st) => st.every((x) => x === 'done'), { what: 'both done' });
    // A marker job: jobs go out in order, so once it has printed, a wrong second copy would be out too.
    const marker = s.queue.submit({ printer: 'counter', kind: 'receipt', payload: receipt('T-MARK'), requestedBy: 'ana' });
    await waitUntil(() => s.queue.job(marker)?.state, (st) => st === 'done', { what: 'marker done' });
    assert.deepEqual(receiptNumbers(printer), ['N.º T-2', 'N.º T-3', 'N.º T-MARK']);
    assert.equal(s.queue.job(id)?.attempts, 1);
    assert.equal(s.queue.job(id)?.waitingReason, null);
    assert.deepEqual(s.events, [`completed ${id}`, `completed ${second}`, `completed ${marker}`]);
  } finally {
    await s.close();
    await printer.close();
  }
});

test('an offline printer and a console restart: the job waits in the ledger and prints once the printer is back', async () => {
  const printer = await startVirtualTcpPrinter();
  printer.setOffline(true);
  const file = join(tempDir(), 'ledger.sqlite');
  let s = setUp(printer, file);
  let id: number;
  try {
    id = s.queue.submit({ printer: 'counter', kind: 'receipt', payload: receipt('T-4'), requestedBy: 'ana' });
    await waitUntil(() => s.queue.job(id)?.waitingReason ?? '', (r) => r === 'unreachable', { what: 'unreachable reason' });
    assert.equal(s.queue.job(id)?.state, 'queued');
  } finally {
    await s.close();
  }
  s = setUp(printer, file); // the console starts again
  try {
    assert.equal(s.queue.job(id)?.state, 'queued');
    printer.setOffline(false);
    s.queue.poke();
    await waitUntil(() => s.queue.job(id)?.state, (st) => st === 'done', { what: 'done after restart' });
    assert.deepEqual(receiptNumbers(printer), ['N.º T-4']);
  } finally {
    await s.close();
    await printer.close();
  }
});

test('cover open before sending: nothing is sent until it is closed', async () => {
  const printer = await startVirtualTcpPrinter();
  printer.core.setCoverOpen(true);
  const s = setUp(printer);
  try {
    const id = s.queue.submit({ printer: 'counter', kind: 'receipt', payload: receipt('T-5'), requestedBy: 'ana' });
    await waitUntil(() => s.queue.job(id)?.waitingReason ?? '', (r) => r === 'cover-open', { what: 'cover reason' });
    assert.ok(printer.core.bytesReceived < 20, 'only status requests reached the printer');
    printer.core.setCoverOpen(false);
    await waitUntil(() => s.queue.job(id)?.state, (st) => st === 'done', { what: 'done' });
    assert.deepEqual(receiptNumbers(printer), ['N.º T-5']);
  } finally {
    await s.close();
    await printer.close();
  }
});

test('the link drops after the job left: unconfirmed, never resent; a reprint is a new job naming the original', async () => {
  const printer = await startVirtualTcpPrinter();
  printer.core.loadPaper(5);
  const s = setUp(printer);
  try {
    const id = s.queue.submit({ printer: 'counter', kind: 'receipt', payload: receipt('T-6'), requestedBy: 'ana' });
    await waitUntil(() => s.queue.job(id)?.waitingReason ?? '', (r) => r === 'paper-out', { what: 'paper out' });
    printer.setOffline(true); // someone switches it off and on
    await waitUntil(() => s.queue.job(id)?.state, (st) => st === 'unconfirmed', { what: 'unconfirmed' });
    assert.equal(s.queue.job(id)!.waitingReason, 'link-lost-after-sending');
    assert.deepEqual(s.events, [`error ${id}`]);
    printer.setOffline(false);
    printer.core.loadPaper();

    // The reprint is the marker: it is a later job, so had the queue resent the original by itself,
    // that copy would have come out first and there would be two.
    const again = s.queue.reprint(id, 'marta');
    await waitUntil(() => s.queue.job(again)?.state, (st) => st === 'done', { what: 'reprint done' });
    assert.equal(s.queue.job(again)?.reprintOf, id);
    assert.equal(s.queue.job(again)?.requestedBy, 'marta');
    assert.deepEqual(receiptNumbers(printer), ['N.º T-6'], 'not resent by itself: one copy, the reprint');
    assert.equal(s.queue.job(id)?.attempts, 1);
    assert.deepEqual(s.queue.pending().map((j) => [j.id, j.state]), [[id, 'unconfirmed']]);
  } finally {
    await s.close();
    await printer.close();
  }
});

test('the drawer opens on command and is never queued', async () => {
  const printer = await startVirtualTcpPrinter();
  const s = setUp(printer);
  try {
    assert.deepEqual(await s.queue.openDrawer('counter'), { ok: true });
    await waitUntil(() => printer.core.drawerKicks, (k) => k.length === 1, { what: 'drawer kick' });
    const links: string[] = [];
    s.driver.on('link', (state) => links.push(state));
    printer.setOffline(true);
    await waitUntil(() => links, (l) => l.includes('down'), { what: 'link down' });
    const refused = await s.queue.openDrawer('counter');
    assert.equal(refused.ok, false);
    assert.equal(s.db.prepare('SELECT COUNT(*) FROM print_jobs').pluck().get(), 0);
  } finally {
    await s.close();
    await printer.close();
  }
});

test('a printer that never answers status is reported unsupported after the timeout, not waited on forever', async () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => void sockets.push(socket.on('data', () => {})));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  const { port } = silent.address() as AddressInfo;
  const driver = new EscposPrinter({ name: 'mute', statusTimeoutMs: 150, connect: () => openTcpTransport({ host: '127.0.0.1', port }) });
  try {
    const started = Date.now();
    assert.equal(await driver.status(), 'unsupported');
    assert.ok(Date.now() - started < 1000);
  } finally {
    await driver.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((r) => silent.close(r));
  }
});

test('ASB reports from the printer arrive as status events', async () => {
  const printer = await startVirtualTcpPrinter();
  const driver = new EscposPrinter({ name: 'asb', connect: () => openTcpTransport({ host: printer.host, port: printer.port }) });
  const statuses: { paperOut: boolean; coverOpen: boolean }[] = [];
  driver.on('status', (st) => statuses.push({ paperOut: st.paperOut, coverOpen: st.coverOpen }));
  try {
    await driver.send(Uint8Array.of(0x1d, 0x61, 0xff)); // GS a: enable ASB
    await waitUntil(() => statuses.length, (n) => n === 1, { what: 'first ASB' });
    printer.core.setCoverOpen(true);
    await waitUntil(() => statuses.at(-1), (st) => st?.coverOpen === true, { what: 'cover open ASB' });
    const polled = await driver.status();
    assert.ok(polled !== 'unsupported' && polled.coverOpen && polled.offline);
  } finally {
    await driver.close();
    await printer.close();
  }
});

test('a clone that ignores GS ( H: set to status-clean its job completes as printed; set to job-reply it ends "not confirmed", never done', async () => {
  const printer = await startVirtualTcpPrinter({ core: new VirtualPrinterCore({ processId: false }) });
  let s = setUp(printer, undefined, 'status-clean');
  try {
    const id = s.queue.submit({ printer: 'counter', kind: 'receipt', payload: receipt('T-10'), requestedBy: 'ana' });
    const job = await waitUntil(() => s.queue.job(id), (j) => j?.state !== 'queued' && j?.state !== 'sending', { what: 'job settled' });
    assert.equal(job?.state, 'done');
    assert.deepEqual(s.events, [`completed ${id}`]);
    assert.deepEqual(receiptNumbers(printer), ['N.º T-10']);
  } finally {
    await s.close();
  }
  s = setUp(printer, undefined, 'job-reply', 300);
  try {
    const id = s.queue.submit({ printer: 'counter', kind: 'receipt', payload: receipt('T-11'), requestedBy: 'ana' });
    const job = await waitUntil(() => s.queue.job(id), (j) => j?.state !== 'queued' && j?.state !== 'sending', { what: 'job settled' });
    assert.deepEqual([job?.state, job?.waitingReason], ['unconfirmed', 'not-confirmed']);
    assert.match(job?.waitingDetail ?? '', /GS \( H/);
    assert.deepEqual(s.events, [`error ${id}`]);
    assert.deepEqual(receiptNumbers(printer), ['N.º T-10', 'N.º T-11'], 'it did print: only a person can tell');
  } finally {
    await s.close();
    await printer.close();
  }
});

test('a raw printer that answers nothing, set to bytes-written, gets its slip and nothing but its slip', async () => {
  const printer = await startVirtualTcpPrinter({ core: new VirtualPrinterCore({ processId: false, status: false }) });
  const s = setUp(printer, undefined, 'bytes-written');
  try {
    const payload = receipt('T-12');
    const id = s.queue.submit({ printer: 'counter', kind: 'receipt', payload, requestedBy: 'ana' });
    await waitUntil(() => s.queue.job(id)?.state, (st) => st === 'done', { what: 'job done' });
    await waitUntil(() => receiptNumbers(printer), (n) => n.length === 1, { what: 'the slip out' });
    assert.deepEqual(receiptNumbers(printer), ['N.º T-12']);
    assert.equal(printer.core.bytesReceived, payload.length, 'no status request or process ID request reached it');
    assert.deepEqual(s.events, [`completed ${id}`]);
  } finally {
    await s.close();
    await printer.close();
  }
});

test('a printer set to status-clean that does not answer status ends "not confirmed"', async () => {
  const printer = await startVirtualTcpPrinter({ core: new VirtualPrinterCore({ processId: false, status: false }) });
  const s = setUp(printer, undefined, 'status-clean');
  try {
    const id = s.queue.submit({ printer: 'counter', kind: 'receipt', payload: receipt('T-13'), requestedBy: 'ana' });
    const job = await waitUntil(() => s.queue.job(id), (j) => j?.state === 'unconfirmed', { what: 'unconfirmed' });
    assert.equal(job?.waitingReason, 'not-confirmed');
    assert.match(job?.waitingDetail ?? '', /DLE EOT/);
  } finally {
    await s.close();
    await printer.close();
  }
});

test('printer settings take a confirmation that overrides the model; the generic clone profile confirms by status', () => {
  const base = { connection: { type: 'tcp' as const, host: '10.0.0.5', port: 9100 }, profile: 'epson-tm-t88vi' as const };
  assert.equal(confirmationOf(printerSettingsSchema.parse(base)), 'job-reply');
  assert.equal(confirmationOf(printerSettingsSchema.parse({ ...base, confirmBy: 'bytes-written' })), 'bytes-written');
  assert.equal(confirmationOf(printerSettingsSchema.parse({ ...base, profile: 'pos-5890' })), 'status-clean');
  assert.equal(printerSettingsSchema.safeParse({ ...base, confirmBy: 'hope' }).success, false);
});

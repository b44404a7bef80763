// Durable print jobs. A job is committed to the ledger before a byte goes out and
// is done only once it is confirmed the way its printer can confirm it
// (JobConfirmation: the printer's reply to the job, a clean status after it, or
// for a printer that answers nothing, the bytes written); otherwise it ends
// "unconfirmed", never done.
// A job is sent automatically only while nothing of it can have been printed
// (state queued); once its bytes have left, a broken link or a restart turns it
// "unconfirmed" and a person decides on a reprint, which is a new job. That is
// how a receipt is never printed twice by the machine.
import type { Database } from 'better-sqlite3';
import { TypedEmitter } from '../../drivers/device-lifecycle';
import { PrinterUnreachableError, type StatusReport } from '../../drivers/printer/escpos-printer';
import type { JobConfirmation } from '../../drivers/printer/printer-profile';
import type { PrinterStatus } from '../../drivers/printer/printer-status';
import type { PrintJobInfo } from '../api/types';

/** What the queue needs of a printer; EscposPrinter is one. */
export interface PrintTarget {
  status(): Promise<StatusReport>;
  /** Sends a job; `printed` settles when the printer says the job has come out. */
  print(bytes: Uint8Array): Promise<{ printed: Promise<void> }>;
  /** Sends a job and asks nothing of the printer. */
  send(bytes: Uint8Array): Promise<void>;
  openDrawer(): Promise<void>;
}

/** A job as screens see it: the contract's PrintJobInfo is the one definition. */
export type PrintJob = PrintJobInfo;

export type PrintJobState = PrintJob['state'];

/**
 * Why a job has not printed, as a code the console words in the staff's
 * language; `waitingDetail` carries the technical cause (for IT and the log).
 * 'not-confirmed': the printer gave no confirmation of the kind its settings
 * expect, so nobody knows whether it printed.
 */
export type WaitingReason = NonNullable<PrintJob['waitingReason']>;

export interface PrintQueueOptions {
  db: Database;
  printers: Record<string, PrintTarget>;
  /** How each printer's jobs are confirmed; 'job-reply' for a printer not named. */
  confirmBy?: Partial<Record<string, JobConfirmation>>;
  /** How soon a waiting job is tried again when nothing pokes the queue. */
  retryMs?: number;
  /** How often a sent job's printer is asked whether it finished. */
  confirmPollMs?: number;
  /**
   * For 'job-reply': how long the printer may be online with paper and still not
   * have answered for the job before it is "not confirmed".
   */
  confirmTimeoutMs?: number;
  now?: () => Date;
  log?: (entry: Record<string, unknown>) => void;
}

type Events = {
  /** UnifiedPOS OutputCompleteEvent. */
  completed: [PrintJob];
  /** UnifiedPOS ErrorEvent: the job needs a person. */
  error: [{ job: PrintJob; locus: string; message: string }];
  waiting: [PrintJob];
};

interface Row {
  id: number;
  printer: string;
  kind: string;
  payload: Buffer;
  state: PrintJobState;
  waiting_reason: WaitingReason | null;
  waiting_detail: string | null;
  attempts: number;
  reprint_of: number | null;
  requested_by: string;
  created_at: string;
  done_at: string | null;
}

const toJob = (r: Row): PrintJob => ({
  id: r.id, printer: r.printer, kind: r.kind, state: r.state, waitingReason: r.waiting_reason, waitingDetail: r.waiting_detail, attempts: r.attempts,
  reprintOf: r.reprint_of, requestedBy: r.requested_by, createdAt: r.created_at, doneAt: r.done_at,
});

/** Why a printer cannot print now, or null if it can. */
export function blockingReason(status: PrinterStatus): WaitingReason | null {
  if (status.coverOpen) return 'cover-open';
  if (status.paperOut) return 'paper-out';
  if (status.offline) return 'offline';
  return null;
}

export class PrintQueue extends TypedEmitter<Events> {
  private running = false;
  private workers: Promise<void>[] = [];
  private wakers = new Set<() => void>();
  private readonly sql;

  constructor(private readonly options: PrintQueueOptions) {
    super();
    const { db } = options;
    this.sql = {
      insert: db.prepare(`INSERT INTO print_jobs (printer, kind, payload, state, reprint_of, requested_by, created_at, updated_at)
        VALUES (@printer, @kind, @payload, 'queued', @reprintOf, @requestedBy, @at, @at)`),
      get: db.prepare('SELECT * FROM print_jobs WHERE id = ?'),
      next: db.prepare("SELECT * FROM print_jobs WHERE printer = ? AND state = 'queued' ORDER BY id LIMIT 1"),
      open: db.prepare("SELECT * FROM print_jobs WHERE state IN ('queued', 'sending', 'unconfirmed') ORDER BY id"),
      recent: db.prepare("SELECT * FROM print_jobs WHERE state = 'done' ORDER BY id DESC LIMIT ?"),
      dismiss: db.prepare("UPDATE print_jobs SET state = 'done', waiting_reason = NULL, waiting_detail = 'dismissed by ' || @staff, updated_at = @at WHERE id = @id AND state = 'unconfirmed'"),
      waitAll: db.prepare("UPDATE print_jobs SET waiting_reason = ?, waiting_detail = ?, updated_at = ? WHERE printer = ? AND state = 'queued'"),
      setState: db.prepare(
        'UPDATE print_jobs SET state = @state, waiting_reason = @reason, waiting_detail = @detail, attempts = attempts + @attempt, updated_at = @at, done_at = @doneAt WHERE id = @id',
      ),
      setReason: db.prepare('UPDATE print_jobs SET waiting_reason = ?, waiting_detail = ?, updated_at = ? WHERE id = ?'),
      recover: db.prepare("UPDATE print_jobs SET state = 'unconfirmed', waiting_reason = 'restarted-while-printing', waiting_detail = NULL, updated_at = ? WHERE state = 'sending'"),
    };
  }

  /** Records a job and returns its id at once; 'completed' or 'error' follows. */
  submit({ printer, kind, payload, requestedBy }: { printer: string; kind: string; payload: Uint8Array; requestedBy: string }): number {
    return this.insert(printer, kind, payload, requestedBy, null);
  }

  /** A person asked for the job again: a new job that names the original. */
  reprint(jobId: number, requestedBy: string): number {
    const original = this.sql.get.get(jobId) as Row | undefined;
    if (!original) throw new RangeError(`no print job ${jobId}`);
    return this.insert(original.printer, original.kind, original.payload, requestedBy, original.id);
  }

  job(id: number): PrintJob | undefined {
    const row = this.sql.get.get(id) as Row | undefined;
    return row && toJob(row);
  }

  /** Jobs not done, oldest first, each with its waiting reason: what the printer panel shows. */
  pending(): PrintJob[] {
    return (this.sql.open.all() as Row[]).map(toJob);
  }

  /** The last jobs that printed, newest first. */
  recent(limit = 20): PrintJob[] {
    return (this.sql.recent.all(limit) as Row[]).map(toJob);
  }

  /** A person checked an unconfirmed job: it came out, so no reprint is needed. */
  dismiss(jobId: number, staff: string): boolean {
    return this.sql.dismiss.run({ id: jobId, staff, at: this.stamp() }).changes === 1;
  }

  /** Opens the cash drawer now. Never queued: a drawer that opens by itself after a restart is a till left open. */
  async openDrawer(printer: string): Promise<{ ok: true } | { ok: false; message: string }> {
    try {
      const target = this.target(printer);
      await target.openDrawer();
      // A TCP write "succeeds" into a socket the printer is about to reset; a status reply proves it is there.
      const after = await target.status();
      if (after !== 'unsupported' && after.offline) return { ok: false, message: 'printer offline' };
      return { ok: true };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  start(): void {
    if (this.running) return;
    const recovered = this.sql.recover.run(this.stamp()).changes;
    if (recovered) this.options.log?.({ level: 'warn', msg: 'print jobs interrupted by a restart', count: recovered });
    this.running = true;
    this.workers = Object.keys(this.options.printers).map((name) => this.work(name));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.poke();
    await Promise.all(this.workers);
    this.workers = [];
  }

  /** Try waiting jobs now (a printer came back, a job was added). */
  poke(): void {
    for (const wake of [...this.wakers]) wake();
  }

  private insert(printer: string, kind: string, payload: Uint8Array, requestedBy: string, reprintOf: number | null): number {
    this.target(printer);
    const id = Number(this.sql.insert.run({ printer, kind, payload: Buffer.from(payload), requestedBy, reprintOf, at: this.stamp() }).lastInsertRowid);
    this.poke();
    return id;
  }

  private target(printer: string): PrintTarget {
    const target = this.options.printers[printer];
    if (!target) throw new RangeError(`no printer named "${printer}" is configured`);
    return target;
  }

  private stamp() {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((done) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        done();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  private async work(printer: string): Promise<void> {
    const retryMs = this.options.retryMs ?? 2000;
    while (this.running) {
      const row = this.sql.next.get(printer) as Row | undefined;
      if (!row) {
        await this.pause(retryMs);
        continue;
      }
      if ((await this.attempt(printer, row)) === 'retry' && this.running) await this.pause(retryMs);
    }
  }

  private async attempt(printer: string, row: Row): Promise<'done' | 'retry' | 'unconfirmed'> {
    const target = this.target(printer);
    const confirmBy = this.options.confirmBy?.[printer] ?? 'job-reply';
    // A printer that answers nothing is not asked first either: it might print the question.
    if (confirmBy !== 'bytes-written') {
      const before = await this.ask(target);
      if ('unreachable' in before) return this.hold(printer, row.id, 'unreachable', before.unreachable);
      const blocked = before.report === 'unsupported' ? null : blockingReason(before.report);
      if (blocked) return this.hold(printer, row.id, blocked, null);
    }

    this.setState(row.id, 'sending', null, null, 1);
    let printed = false;
    let linkLost: string | null = null;
    try {
      if (confirmBy === 'job-reply') {
        const sent = await target.print(row.payload);
        sent.printed.then(
          () => (printed = true),
          (error: Error) => (linkLost = error.message),
        );
      } else {
        await target.send(row.payload);
      }
    } catch (error) {
      // Unreachable means the connection never opened: nothing left, so it may go again.
      if (error instanceof PrinterUnreachableError) {
        this.setState(row.id, 'queued', 'unreachable', error.message, 0);
        return this.hold(printer, row.id, 'unreachable', error.message);
      }
      return this.unconfirmed(row.id, 'write', 'link-lost-while-sending', (error as Error).message);
    }
    if (confirmBy === 'bytes-written') return this.done(row.id);

    // Confirm. Status is asked only now, after the whole job was written. The
    // wait for a job reply counts only while the printer can print: paper out
    // for ten minutes is a reason shown to staff, not a missing reply.
    let cleanSince: number | null = null;
    for (;;) {
      await this.pause(printed ? 0 : this.options.confirmPollMs ?? 250);
      if (!this.running) return 'unconfirmed'; // stays 'sending'; the next start marks it unconfirmed
      if (linkLost) return this.unconfirmed(row.id, 'confirm', 'link-lost-after-sending', linkLost);
      const after = await this.ask(target);
      if ('unreachable' in after) return this.unconfirmed(row.id, 'confirm', 'link-lost-after-sending', after.unreachable);
      const reason = after.report === 'unsupported' ? null : blockingReason(after.report);
      if (reason) {
        cleanSince = null;
        const job = this.job(row.id)!;
        if (job.waitingReason !== reason) {
          // State 'sending' tells staff the rest of this job prints once the cause is fixed.
          this.sql.setReason.run(reason, null, this.stamp(), row.id);
          this.emit('waiting', this.job(row.id)!);
        }
        continue;
      }
      if (confirmBy === 'status-clean') {
        if (after.report === 'unsupported') return this.unconfirmed(row.id, 'confirm', 'not-confirmed', 'the printer did not answer a status request (DLE EOT) after the job');
        return this.done(row.id);
      }
      if (printed) return this.done(row.id);
      cleanSince ??= Date.now();
      if (Date.now() - cleanSince > (this.options.confirmTimeoutMs ?? 20_000)) {
        return this.unconfirmed(row.id, 'confirm', 'not-confirmed', 'the printer did not answer the job\'s process ID request (GS ( H)');
      }
    }
  }

  private done(id: number): 'done' {
    this.setState(id, 'done', null, null, 0, this.stamp());
    this.emit('completed', this.job(id)!);
    return 'done';
  }

  /** The printer's status, or why it could not be asked. */
  private async ask(target: PrintTarget): Promise<{ report: StatusReport } | { unreachable: string }> {
    try {
      return { report: await target.status() };
    } catch (error) {
      return { unreachable: (error as Error).message };
    }
  }

  private hold(printer: string, id: number, reason: WaitingReason, detail: string | null): 'retry' {
    const had = this.job(id)?.waitingReason;
    this.sql.waitAll.run(reason, detail, this.stamp(), printer);
    if (had !== reason) this.emit('waiting', this.job(id)!);
    return 'retry';
  }

  private unconfirmed(id: number, locus: string, reason: WaitingReason, detail: string): 'unconfirmed' {
    this.setState(id, 'unconfirmed', reason, detail, 0);
    const message = `${reason}: ${detail}; check the printer and reprint if the job did not come out`;
    this.options.log?.({ level: 'warn', msg: 'print job unconfirmed', job: id, reason, detail });
    this.emit('error', { job: this.job(id)!, locus, message });
    return 'unconfirmed';
  }

  private setState(id: number, state: PrintJobState, reason: WaitingReason | null, detail: string | null, attempt: number, doneAt: string | null = null) {
    this.sql.setState.run({ id, state, reason, detail, attempt, at: this.stamp(), doneAt });
  }
}

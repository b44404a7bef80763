import type { z } from 'zod';
import { accessTable, type AccessKey } from '../api/access-table';
import { contract, type CallRequest, type CoreEvent, type ProcedureName } from '../api/contract';
import { fail, ok, type Result } from '../api/result';
import type { StaffInfo } from '../api/types';
import { diskFullError } from './db/disk-full';
import { CommittedRefusal, StoreError } from './errors';
import { inputHash, type ApprovalGrants } from './approval-grants';
import type { AuditLog } from './audit-log';
import type { Db } from './db/open-ledger';
import type { HandlerContext, HandlerMap } from './handler-types';

export interface DispatcherOptions {
  db: Db;
  /** Who is signed in, and the one-use approvals (the staff room). */
  session: { staff(): StaffInfo | null; touch(): void };
  grants: Pick<ApprovalGrants, 'consume'>;
  audit: AuditLog;
  /** The access table's row a call falls under. */
  accessKey(name: ProcedureName, input: unknown): AccessKey;
  handlers: HandlerMap;
  station: string;
  /** A station paired with this host whose call is running (main/stations/station-seats.ts); null: this station's own. */
  callingStation?: () => string | null;
  /** Events emitted during a call go out only once its transaction committed. */
  events: { emit(event: CoreEvent): void; flush(): void; discard(): void };
  log?: (entry: Record<string, unknown>) => void;
}

/** Queries a person types or scans (screens poll the others on their own): they keep a session awake. */
const personQueries = new Set<string>(['catalog.lookup', 'catalog.search', 'stock.levels', 'stock.history', 'orders.find', 'hq.stockLookup', 'hq.customerLookup', 'returns.lookup', 'customers.search']);

/** Calls whose handlers await (scrypt, the HQ link, a printer, a file); they cannot run inside a SQLite transaction. */
const asyncProcedures = new Set<string>(['customers.open', 'customers.search', 'customers.orderElsewhere', 'session.signIn', 'approval.grant', 'hq.stockLookup', 'hq.customerLookup', 'printing.openDrawer', 'printing.configure', 'setup.provision', 'diagnostics.save', 'shelves.configure',
  // Staff administration (issue 12): each hashes a PIN.
  'session.firstAdmin', 'session.signInWithCode', 'staff.add', 'staff.resetPin',
  // Joining a store from the wizard waits for the host's pairing code.
  'setup.joinStore',
  // Returns from any channel ask HQ (issue 16).
  'returns.lookup', 'returns.record']);

const isProcedure = (name: string): name is ProcedureName => Object.hasOwn(contract, name);

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; ');
}

/**
 * The one entrance to the core: validates, authorises, runs, audits. A command's
 * change and its audit record commit together; a refused command changes nothing
 * but is still audited as refused.
 */
export function createDispatcher({ db, session, grants, audit: auditLog, accessKey, handlers, station: ownStation, callingStation = () => null, events, log = () => {} }: DispatcherOptions) {
  let lastCommandAt = 0;
  /** The access table's cell for this call and this seat, enforced: allow, a consumed grant, or a refusal. */
  function authorise(name: ProcedureName, input: unknown, approval: CallRequest['approval']) {
    const key = accessKey(name, input);
    const rule = accessTable[key];
    const actor = session.staff();
    if (!actor) {
      if (rule.nobody === 'allow') return { actor, approvedBy: null };
      throw new StoreError('NOT_SIGNED_IN', 'Sign in at this station first.');
    }
    const access = rule[actor.role];
    if (access === 'allow') return { actor, approvedBy: null };
    if (access === 'refuse') {
      throw new StoreError('FORBIDDEN', `A ${actor.role} may not call ${key}.`, { access, have: actor.role });
    }
    const need = rule.approver ?? 'manager';
    if (!approval) {
      throw new StoreError(rule.refusal ?? 'FORBIDDEN', `${key} needs a ${need}'s approval.`, { access, need, have: actor.role });
    }
    const approver: StaffInfo = grants.consume(approval.grantId, { procedure: name, inputHash: inputHash(input), requester: actor.id });
    return { actor, approvedBy: approver };
  }

  /** Runs a command in one transaction; a CommittedRefusal keeps what was written before it, and is still a refusal. */
  function inTransaction(run: () => unknown): unknown {
    let refusal: CommittedRefusal | null = null;
    const value = db.transaction(() => {
      try {
        return run();
      } catch (error) {
        if (!(error instanceof CommittedRefusal)) throw error;
        refusal = error;
        return undefined;
      }
    })();
    if (refusal) throw refusal;
    return value;
  }

  async function call(request: CallRequest): Promise<Result<unknown>> {
    const station = callingStation() ?? ownStation;
    const { name } = request;
    if (!isProcedure(name)) return fail('UNKNOWN_PROCEDURE', `There is no procedure "${name}".`, { name });
    const def = contract[name];
    const parsed = def.input.safeParse(request.input ?? {});
    if (!parsed.success) {
      log({ level: 'warn', msg: 'rejected input', procedure: name, issues: describeIssues(parsed.error) });
      return fail('VALIDATION', describeIssues(parsed.error), { procedure: name });
    }
    const isCommand = def.kind === 'command';
    // Screens poll queries on their own; only a command means a person is at the console.
    if (isCommand) lastCommandAt = Date.now();
    if (isCommand || personQueries.has(name)) session.touch();
    let ctx: HandlerContext | null = null;
    try {
      const { actor, approvedBy } = authorise(name, parsed.data, request.approval);
      ctx = { actor, approvedBy, station, emit: events.emit };
      const handler = handlers[name] as (c: HandlerContext, input: unknown) => unknown;
      const audited = (value: unknown) => {
        if (isCommand) audit(ctx!, name, parsed.data, null);
        return value;
      };
      const value = asyncProcedures.has(name)
        ? audited(await handler(ctx, parsed.data))
        : inTransaction(() => audited(handler(ctx!, parsed.data)));
      events.flush();
      return ok(value);
    } catch (error) {
      events.discard();
      const storeError =
        error instanceof StoreError ? error : (diskFullError(error) ?? new StoreError('INTERNAL', 'Something went wrong inside the store core.'));
      if (storeError.code === 'INTERNAL') {
        log({ level: 'error', msg: 'handler failed', procedure: name, err: String((error as Error)?.stack ?? error) });
      } else {
        log({ level: storeError.code === 'DISK_FULL' ? 'error' : 'info', msg: 'refused', procedure: name, code: storeError.code, reason: storeError.message });
      }
      if (isCommand) {
        // A full disk fails this write too; the refusal still reaches the caller and the log.
        try {
          audit(ctx ?? { actor: session.staff(), approvedBy: null, station, emit: events.emit }, name, parsed.data, storeError);
        } catch (auditError) {
          const code = diskFullError(auditError)?.code ?? 'INTERNAL';
          log({ level: 'error', msg: 'refusal not audited', procedure: name, code, err: String(auditError) });
        }
      }
      return fail(storeError.code, storeError.message, storeError.details);
    }
  }

  function audit(ctx: HandlerContext, command: string, input: unknown, error: StoreError | null) {
    auditLog.record({
      at: new Date().toISOString(),
      station: ctx.station,
      staff: ctx.actor?.id ?? null,
      approvedBy: ctx.approvedBy?.id ?? null,
      command,
      input,
      ok: error === null,
      ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
    });
  }

  return { call, lastCommandAt: () => lastCommandAt };
}
export type Dispatcher = ReturnType<typeof createDispatcher>;

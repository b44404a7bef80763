import { accessTable, type AccessKey } from '../api/access-table';
import { contract, type ProcedureName } from '../api/contract';
import { StoreError } from '../kernel/errors';
import { actorId, type HandlerMap } from '../kernel/handler-types';
import { inputHash, type ApprovalGrants } from '../kernel/approval-grants';
import { roleSatisfies, type StaffDirectory } from './staff-directory';
import type { StationSession } from './station-session';

type Names = 'session.current' | 'session.signIn' | 'session.signOut' | 'staff.list' | 'approval.grant' | 'staff.unlock';

const isProcedure = (name: string): name is ProcedureName => Object.hasOwn(contract, name);

export interface StaffPorts {
  staff: StaffDirectory;
  session: StationSession;
  grants: ApprovalGrants;
  /** The access table's row a call falls under (main/staff/access-key.ts). */
  accessKey(name: ProcedureName, input: unknown): AccessKey;
}

export function staffHandlers({ staff, session, grants, accessKey }: StaffPorts): HandlerMap<Names> {
  return {
    'session.current': () => session.info(),
    'session.signIn': async (ctx, { staffId, pin }) => {
      const member = await staff.authenticate(staffId, pin, { station: ctx.station, purpose: 'sign-in' });
      session.signIn(member);
      const info = session.info();
      ctx.emit({ event: 'session.changed', payload: info });
      return info;
    },
    'session.signOut': (ctx) => {
      session.signOut();
      const info = session.info();
      ctx.emit({ event: 'session.changed', payload: info });
      return info;
    },
    'staff.list': () => staff.list(),
    /** Checks the call first (cheap), then the approver's PIN (slow, counted apart from their sign-in). */
    'approval.grant': async (ctx, { staffId, pin, procedure, input }) => {
      const requester = actorId(ctx);
      if (!isProcedure(procedure)) throw new StoreError('UNKNOWN_PROCEDURE', `There is no procedure "${procedure}".`, { name: procedure });
      const parsed = contract[procedure].input.safeParse(input ?? {});
      if (!parsed.success) throw new StoreError('VALIDATION', `The call to approve is not valid: ${parsed.error.issues[0]?.message ?? ''}`, { procedure });
      const key = accessKey(procedure, parsed.data);
      const rule = accessTable[key];
      const role = ctx.actor!.role;
      if (rule[role] !== 'approve' || !rule.approver) {
        throw new StoreError('FORBIDDEN', `A ${role}'s ${key} ${rule[role] === 'allow' ? 'needs no approval' : 'cannot be approved'}.`, { procedure: key, cell: rule[role] });
      }
      const approver = await staff.authenticate(staffId, pin, { station: ctx.station, purpose: 'approval' });
      if (!roleSatisfies(approver.role, rule.approver)) {
        throw new StoreError('FORBIDDEN', `${approver.name} cannot approve ${key}: it needs a ${rule.approver}.`, { need: rule.approver, have: approver.role });
      }
      ctx.approvedBy = approver;
      return grants.issue({ procedure, inputHash: inputHash(parsed.data), requester, approver });
    },
    'staff.unlock': (_ctx, { staffId }) => staff.unlock(staffId),
  };
}

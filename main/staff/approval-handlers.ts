import { accessTable } from '../api/access-table';
import { contract, type ProcedureName } from '../api/contract';
import { accessKeyFor } from './access-key';
import { inputHash } from './approval-grants';
import { StoreError } from '../kernel/errors';
import { roleSatisfies } from './staff-directory';
import { actorId, type HandlerMap } from '../kernel/handler-types';

type Names = 'approval.grant' | 'staff.unlock';

const isProcedure = (name: string): name is ProcedureName => Object.hasOwn(contract, name);

export const accessHandlers: HandlerMap<Names> = {
  /** Checks the call first (cheap), then the approver's PIN (slow, counted apart from their sign-in). */
  'approval.grant': async (ctx, { staffId, pin, procedure, input }) => {
    const requester = actorId(ctx);
    if (!isProcedure(procedure)) throw new StoreError('UNKNOWN_PROCEDURE', `There is no procedure "${procedure}".`, { name: procedure });
    const parsed = contract[procedure].input.safeParse(input ?? {});
    if (!parsed.success) throw new StoreError('VALIDATION', `The call to approve is not valid: ${parsed.error.issues[0]?.message ?? ''}`, { procedure });
    const key = accessKeyFor(procedure, parsed.data, ctx.services);
    const rule = accessTable[key];
    const role = ctx.actor!.role;
    if (rule[role] !== 'approve' || !rule.approver) {
      throw new StoreError('FORBIDDEN', `A ${role}'s ${key} ${rule[role] === 'allow' ? 'needs no approval' : 'cannot be approved'}.`, { procedure: key, cell: rule[role] });
    }
    const approver = await ctx.services.staff.authenticate(staffId, pin, { station: ctx.station, purpose: 'approval' });
    if (!roleSatisfies(approver.role, rule.approver)) {
      throw new StoreError('FORBIDDEN', `${approver.name} cannot approve ${key}: it needs a ${rule.approver}.`, { need: rule.approver, have: approver.role });
    }
    ctx.approvedBy = approver;
    return ctx.services.grants.issue({ procedure, inputHash: inputHash(parsed.data), requester, approver });
  },
  'staff.unlock': ({ services }, { staffId }) => services.staff.unlock(staffId),
};

import { useCallback, useState } from 'react';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../../main/api/contract';
import type { ApiError, Result } from '../../../main/api/result';
import { useClient } from '../api/client-context';

/** A call the signed-in member's role is not enough for, waiting for someone above to approve it. */
export interface ApprovalRequest {
  /** The least role that may approve it, as the core said. */
  need: string;
  /** Asks the core for a grant for this one call with the approver's PIN, then sends the call with it. */
  send(approver: { staffId: string; pin: string }): Promise<Result<unknown>>;
  /** The approved call's result, or null when nobody approved it. */
  finish(result: Result<unknown> | null): void;
}

/** Refusals that an approval from someone with `need` would lift: the role, or a handover past its wrong-code limit. */
const liftedByApproval = new Set<string>(['FORBIDDEN', 'VERIFICATION_LOCKED']);

/** The core refused, and an approval from someone with `need` would do. */
export function approvalNeeded(error: ApiError): string | null {
  const need = error.details?.need;
  return liftedByApproval.has(error.code) && typeof need === 'string' ? need : null;
}

/**
 * Runs a command; when the core answers that it needs a manager, asks for one's
 * PIN (the screen shows `asking` in an ApprovalDialog), trades it for a one-use
 * grant bound to this call, and sends the call again with that grant. Resolves to null when the approval was abandoned.
 */
export function useManagerCall() {
  const client = useClient();
  const [asking, setAsking] = useState<ApprovalRequest | null>(null);

  const call = useCallback(
    async <N extends ProcedureName>(
      name: N,
      input: ProcedureInput<N>,
      /** Told the refusal that asks for an approval, so the screen can say why while the PIN is asked. */
      onAsk?: (refusal: ApiError) => void,
    ): Promise<Result<ProcedureOutput<N>> | null> => {
      const first = await client.call(name, input);
      const need = first.ok ? null : approvalNeeded(first.error);
      if (need === null) return first;
      if (!first.ok) onAsk?.(first.error);
      return new Promise((resolve) => {
        setAsking({
          need,
          send: async ({ staffId, pin }) => {
            const grant = await client.call('approval.grant', { staffId, pin, procedure: name, input });
            if (!grant.ok) return grant;
            return client.call(name, input, { grantId: grant.value.grantId });
          },
          finish: (result) => {
            setAsking(null);
            resolve(result as Result<ProcedureOutput<N>> | null);
          },
        });
      });
    },
    [client],
  );

  return { call, asking };
}

import { useCallback, useState } from 'react';
import type { ProcedureInput, ProcedureName, ProcedureOutput } from '../../../main/api/contract';
import type { ApiError } from '../../../main/api/result';
import { useClient } from '../api/client-context';

/** One command at a time from a screen: busy while it runs, its error kept for the screen to show. */
export function useOrderAction() {
  const client = useClient();
  const [busy, setBusy] = useState<ProcedureName | null>(null);
  const [error, setError] = useState<{ name: ProcedureName; error: ApiError } | null>(null);

  const run = useCallback(
    async <N extends ProcedureName>(name: N, input: ProcedureInput<N>): Promise<ProcedureOutput<N> | null> => {
      setBusy(name);
      setError(null);
      const result = await client.call(name, input);
      setBusy(null);
      if (result.ok) return result.value as ProcedureOutput<N>;
      setError({ name, error: result.error });
      return null;
    },
    [client],
  );

  const clear = useCallback(() => setError(null), []);
  return { run, busy, error, clear };
}

import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../../main/api/result';
import type { OrderDetail } from '../../../main/api/types';
import { useClient } from '../api/client-context';

export type FinderView =
  | { kind: 'idle' }
  | { kind: 'finding'; code: string }
  | { kind: 'found'; order: OrderDetail }
  | { kind: 'error'; code: string; error: ApiError };

/** An order found by the customer's QR (MOSTRADOR:ORDER:<id>) or its typed number; the newest ask wins. */
export function useOrderFinder(initial: OrderDetail | null = null) {
  const client = useClient();
  const [view, setView] = useState<FinderView>(initial ? { kind: 'found', order: initial } : { kind: 'idle' });
  const latest = useRef(0);

  const find = useCallback(
    async (raw: string) => {
      const code = raw.trim();
      if (!code) return;
      const request = ++latest.current;
      setView({ kind: 'finding', code });
      const result = await client.call('orders.find', { code });
      if (request !== latest.current) return;
      setView(result.ok ? { kind: 'found', order: result.value } : { kind: 'error', code, error: result.error });
    },
    [client],
  );

  const reset = useCallback(() => {
    latest.current++;
    setView({ kind: 'idle' });
  }, []);

  return { view, find, reset };
}

import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../../main/api/result';
import type { OrderDetail } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { useOrderScans } from './use-order-scans';

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

/**
 * A counter screen's round with one customer: the scanner finds their order, the screen works on
 * it, and what was done stays shown until the next scan or "next customer" (`again`).
 */
export function useCounterRound<Done>(active: boolean, initial: OrderDetail | null = null) {
  const finder = useOrderFinder(initial);
  const [done, setDone] = useState<Done | null>(null);
  useOrderScans(active, (code) => {
    setDone(null);
    void finder.find(code);
  });
  const again = () => {
    setDone(null);
    finder.reset();
  };
  return { finder, done, setDone, again };
}

import type { DeadLetterInfo } from '../api/types';
import type { HandlerMap } from '../kernel/handler-types';

type Names = 'sync.status' | 'sync.deadLetters' | 'sync.retryDeadLetter' | 'hq.stockLookup' | 'hq.customerLookup';

export const syncHandlers: HandlerMap<Names> = {
  'hq.stockLookup': async ({ services }, { sku }) => {
    const reply = await services.sync?.link.request({ type: 'stock-lookup', sku });
    return reply?.kind === 'stock' && reply.stores ? reply.stores : null;
  },
  'hq.customerLookup': async ({ services }, { query }) => {
    const reply = await services.sync?.link.request({ type: 'customer-lookup', query });
    return reply?.kind === 'customers' && reply.customers ? reply.customers : null;
  },
  'sync.status': ({ services }) => services.sync?.link.status() ?? null,
  'sync.deadLetters': ({ services }, { limit }) =>
    (
      services.db
        .prepare(
          `SELECT id, topic, reason, received_at AS receivedAt, retries, substr(CAST(payload AS TEXT), 1, 200) AS preview
             FROM dead_letters WHERE resolved_at IS NULL ORDER BY id DESC LIMIT ?`,
        )
        .all(limit ?? 100) as DeadLetterInfo[]
    ).map((row) => ({ ...row, preview: String(row.preview ?? '') })),
  'sync.retryDeadLetter': ({ services }, { id }) =>
    services.sync ? services.sync.retryDeadLetter(id) : { ok: false, outcome: 'the store has no HQ link' },
};

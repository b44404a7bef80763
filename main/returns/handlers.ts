import type { AuditLog } from '../kernel/audit-log';
import type { PrintingPort } from '../printing/printing-port';
import { actorId, type HandlerContext, type HandlerMap } from '../kernel/handler-types';
import type { ChannelReturn, ChannelReturns } from './channel-returns';

type Names = 'returns.lookup' | 'returns.record' | 'returns.list' | 'returns.dispose';

function announce(ctx: HandlerContext, result: ChannelReturn): ChannelReturn {
  ctx.emit({ event: 'returns.changed', payload: { returnIds: [result.returnId] } });
  ctx.emit({ event: 'stock.changed', payload: { skus: [...new Set(result.lines.map((l) => l.sku))] } });
  return result;
}

/** `drawer`: the counter printer's cash drawer, which a cash refund opens once the return is recorded. */
export function returnHandlers({ returns, drawer, audit }: { returns: ChannelReturns; drawer: Pick<PrintingPort, 'openDrawer'>; audit: Pick<AuditLog, 'record'> }): HandlerMap<Names> {
  const actor = (ctx: HandlerContext) => ({ staff: actorId(ctx), station: ctx.station, approvedBy: ctx.approvedBy?.id ?? null });
  return {
    // HQ answers with customers' names and phones: who looked, and for what, is audited like a command.
    'returns.lookup': async (ctx, { query }) => {
      const found = await returns.lookup(query);
      audit.record({ at: new Date().toISOString(), station: ctx.station, staff: ctx.actor?.id ?? null, approvedBy: null, command: 'returns.lookup', input: { query, orders: found.orders.map((o) => o.orderId) }, ok: true });
      return found;
    },
    'returns.record': async (ctx, input) => {
      const recorded = announce(ctx, await returns.record(input, actor(ctx)));
      if (recorded.refundMethod !== 'cash') return { ...recorded, drawer: null };
      // The return stands whether or not a drawer answers: the cash is counted out by hand then.
      const opened = await drawer.openDrawer('counter').catch(() => ({ ok: false as const }));
      return { ...recorded, drawer: opened.ok ? ('opened' as const) : ('not-opened' as const) };
    },
    'returns.list': (_ctx, page) => returns.list(page),
    'returns.dispose': (ctx, { returnId, lineId, to, qty, reason }) => announce(ctx, returns.dispose(returnId, lineId, to, qty, reason, actor(ctx))),
  };
}

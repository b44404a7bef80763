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
export function returnHandlers({ returns, drawer }: { returns: ChannelReturns; drawer: Pick<PrintingPort, 'openDrawer'> }): HandlerMap<Names> {
  const actor = (ctx: HandlerContext) => ({ staff: actorId(ctx), station: ctx.station, approvedBy: ctx.approvedBy?.id ?? null });
  return {
    'returns.lookup': (_ctx, { query }) => returns.lookup(query),
    'returns.record': async (ctx, input) => {
      const recorded = announce(ctx, await returns.record(input, actor(ctx)));
      if (recorded.refundMethod !== 'cash') return { ...recorded, drawer: null };
      // The return stands whether or not a drawer answers: the cash is counted out by hand then.
      const opened = await drawer.openDrawer('counter').catch(() => ({ ok: false as const }));
      return { ...recorded, drawer: opened.ok ? ('opened' as const) : ('not-opened' as const) };
    },
    'returns.list': () => returns.list(),
    'returns.dispose': (ctx, { returnId, lineId, to, qty, reason }) => announce(ctx, returns.dispose(returnId, lineId, to, qty, reason, actor(ctx))),
  };
}

import { actorId, type HandlerMap } from '../kernel/handler-types';
import type { CashDrawer } from './cash-drawer';

type Names = 'cash.endOfDay' | 'cash.confirmDay';

export function cashHandlers({ cash }: { cash: CashDrawer }): HandlerMap<Names> {
  return {
    'cash.endOfDay': (_ctx, { day }) => cash.endOfDay(day),
    'cash.confirmDay': (ctx, { day, station }) => {
      const summary = cash.confirmDay(day, station, ctx.approvedBy?.id ?? actorId(ctx));
      ctx.emit({ event: 'cash.changed', payload: { days: [day] } });
      return summary;
    },
  };
}

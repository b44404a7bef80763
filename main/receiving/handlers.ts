import { actorId, type HandlerContext, type HandlerMap } from '../kernel/handler-types';
import type { ReceivingService } from './receiving-service';

type Names = 'receiving.list' | 'receiving.detail' | 'receiving.open' | 'receiving.scan' | 'receiving.pause' | 'receiving.resume' | 'receiving.close';

const actor = (ctx: HandlerContext) => ({ staff: actorId(ctx), station: ctx.station, approvedBy: ctx.approvedBy?.id ?? null });
const changed = (ctx: HandlerContext, receiptId: string) => ctx.emit({ event: 'receiving.changed', payload: { receiptIds: [receiptId], asnIds: [] } });

export function receivingHandlers({ receiving }: { receiving: ReceivingService }): HandlerMap<Names> {
  return {
    'receiving.list': (_ctx, page) => receiving.list(page),
    'receiving.detail': (_ctx, { receiptId }) => receiving.detail(receiptId),
    'receiving.open': (ctx, { asnId, supplier }) => {
      const receipt = receiving.open({ asnId, supplier }, actor(ctx));
      changed(ctx, receipt.id);
      return receipt;
    },
    'receiving.scan': (ctx, { receiptId, code, symbology }) => {
      const scanned = receiving.scan(receiptId, code, symbology ?? null);
      changed(ctx, receiptId);
      return scanned;
    },
    'receiving.pause': (ctx, { receiptId }) => {
      changed(ctx, receiptId);
      return receiving.pause(receiptId);
    },
    'receiving.resume': (ctx, { receiptId }) => {
      changed(ctx, receiptId);
      return receiving.resume(receiptId);
    },
    'receiving.close': (ctx, { receiptId, packingSlip, location }) => {
      const { receipt, skus } = receiving.close(receiptId, packingSlip, location, actor(ctx));
      changed(ctx, receiptId);
      if (skus.length > 0) ctx.emit({ event: 'stock.changed', payload: { skus } });
      return receipt;
    },
  };
}

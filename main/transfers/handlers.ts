import type { TransferInfo } from '../api/types';
import { actorId, type HandlerContext, type HandlerMap } from '../kernel/handler-types';
import type { TransferDocuments } from './transfer-documents';

type Names = 'transfers.list' | 'transfers.detail' | 'transfers.create' | 'transfers.addLine' | 'transfers.removeLine' | 'transfers.ship' | 'transfers.receive';

/** Screens hear which transfer changed, and, where stock moved, which SKUs. */
function announce(ctx: HandlerContext, transfer: TransferInfo, stockMoved = false): TransferInfo {
  ctx.emit({ event: 'transfers.changed', payload: { transferIds: [transfer.transferId] } });
  if (stockMoved && transfer.lines.length > 0) ctx.emit({ event: 'stock.changed', payload: { skus: transfer.lines.map((l) => l.sku) } });
  return transfer;
}

export function transferHandlers({ transfers }: { transfers: TransferDocuments }): HandlerMap<Names> {
  const actor = (ctx: HandlerContext) => ({ staff: actorId(ctx), station: ctx.station });
  return {
    'transfers.list': (_ctx, page) => transfers.lists(page),
    'transfers.detail': (ctx, { transferId }) => transfers.detail(transferId),
    'transfers.create': (ctx, { to, from }) => announce(ctx, transfers.create(to, from ?? 'back_room', actor(ctx))),
    'transfers.addLine': (ctx, { transferId, code, symbology, qty }) => announce(ctx, transfers.addLine(transferId, code, symbology ?? null, qty)),
    'transfers.removeLine': (ctx, { transferId, sku }) => announce(ctx, transfers.removeLine(transferId, sku)),
    'transfers.ship': (ctx, { transferId }) => announce(ctx, transfers.ship(transferId, actor(ctx)), true),
    'transfers.receive': (ctx, { transferId, receiptId, lines }) => announce(ctx, transfers.receive(transferId, receiptId, lines, actor(ctx)), true),
  };
}

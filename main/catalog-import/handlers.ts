import { importChunkBytes } from '../api/contract';
import { actorId, type HandlerMap } from '../kernel/handler-types';

type Names = 'import.begin' | 'import.chunk' | 'import.dryRun' | 'import.commit';

export const importHandlers: HandlerMap<Names> = {
  'import.begin': (ctx, { fileName, totalBytes, chunks }) => {
    const { importId } = ctx.services.imports.begin({ fileName, totalBytes, chunks, staff: actorId(ctx) });
    return { importId, chunkBytes: importChunkBytes };
  },
  'import.chunk': ({ services }, { importId, chunk, data }) => services.imports.chunk(importId, chunk, Buffer.from(data, 'base64')),
  'import.dryRun': ({ services }, { importId }) => services.imports.dryRun(importId),
  'import.commit': (ctx, { importId, skipBadLines }) => {
    const { report, skus } = ctx.services.imports.commit(importId, { skipBadLines, staff: actorId(ctx), station: ctx.station });
    // An event names at most 10,000 ids; a bigger catalog goes out in several.
    for (let at = 0; at < skus.length; at += 10_000) ctx.services.emit({ event: 'stock.changed', payload: { skus: skus.slice(at, at + 10_000) } });
    return report;
  },
};

import { importChunkBytes } from '../api/contract';
import { actorId, type HandlerMap } from '../kernel/handler-types';
import type { CsvImports } from './csv-imports';

type Names = 'import.begin' | 'import.chunk' | 'import.dryRun' | 'import.commit';

export function importHandlers({ imports }: { imports: CsvImports }): HandlerMap<Names> {
  return {
    'import.begin': (ctx, { fileName, totalBytes, chunks }) => {
      const { importId } = imports.begin({ fileName, totalBytes, chunks, staff: actorId(ctx) });
      return { importId, chunkBytes: importChunkBytes };
    },
    'import.chunk': (_ctx, { importId, chunk, data }) => imports.chunk(importId, chunk, Buffer.from(data, 'base64')),
    'import.dryRun': (_ctx, { importId }) => imports.dryRun(importId),
    'import.commit': (ctx, { importId, skipBadLines }) => {
      const { report, skus } = imports.commit(importId, { skipBadLines, staff: actorId(ctx), station: ctx.station });
      // An event names at most 10,000 ids; a bigger catalog goes out in several.
      for (let at = 0; at < skus.length; at += 10_000) ctx.emit({ event: 'stock.changed', payload: { skus: skus.slice(at, at + 10_000) } });
      return report;
    },
  };
}

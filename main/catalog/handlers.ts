import type { HandlerMap } from '../kernel/handler-types';
import type { StockReadPath } from '../stock/stock-read-path';
import type { CatalogStore } from './catalog-store';

type Names = 'catalog.lookup' | 'catalog.search';

/** `stock`: quantities as the reader may see them (a count open where they count is blind). */
export function catalogHandlers({ catalog, stock }: { catalog: CatalogStore; stock: Pick<StockReadPath, 'summary'> }): HandlerMap<Names> {
  return {
    'catalog.lookup': (ctx, { code, symbology }) => {
      const match = catalog.findByCode({ text: code, symbology: symbology ?? null });
      return { ...match, stock: stock.summary(match.product.sku, ctx.actor?.role ?? null) };
    },
    'catalog.search': (_ctx, { text, limit }) => catalog.search(text, limit ?? 20),
  };
}

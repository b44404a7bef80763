import type { HandlerMap } from '../kernel/handler-types';
import type { StockLevels } from '../stock/stock-levels';
import type { CatalogStore } from './catalog-store';

type Names = 'catalog.lookup' | 'catalog.search';

export function catalogHandlers({ catalog, levels }: { catalog: CatalogStore; levels: Pick<StockLevels, 'summary'> }): HandlerMap<Names> {
  return {
    'catalog.lookup': (_ctx, { code, symbology }) => {
      const match = catalog.findByCode({ text: code, symbology: symbology ?? null });
      return { ...match, stock: levels.summary(match.product.sku) };
    },
    'catalog.search': (_ctx, { text, limit }) => catalog.search(text, limit ?? 20),
  };
}

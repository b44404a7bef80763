import type { HandlerMap } from '../kernel/handler-types';

type Names = 'catalog.lookup' | 'catalog.search';

export const catalogHandlers: HandlerMap<Names> = {
  'catalog.lookup': ({ services }, { code, symbology }) => {
    const match = services.catalog.findByCode({ text: code, symbology: symbology ?? null });
    return { ...match, stock: services.levels.summary(match.product.sku) };
  },
  'catalog.search': ({ services }, { text, limit }) => services.catalog.search(text, limit ?? 20),
};

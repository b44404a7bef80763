import type { CatalogStore } from '../catalog/catalog-store';
import { StoreError } from '../kernel/errors';
import type { HandlerMap } from '../kernel/handler-types';
import type { PriceChanges } from './price-changes';

type Names = 'pricing.schedule';

export function pricingHandlers({ pricing, catalog }: { pricing: Pick<PriceChanges, 'next'>; catalog: Pick<CatalogStore, 'product'> }): HandlerMap<Names> {
  return {
    'pricing.schedule': (_ctx, { sku }) => {
      const product = catalog.product(sku);
      if (!product) throw new StoreError('UNKNOWN_SKU', `There is no product with SKU "${sku}".`, { sku });
      return { sku, currentCents: product.priceCents, next: pricing.next(sku) };
    },
  };
}

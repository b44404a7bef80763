import type { CatalogStore } from '../catalog/catalog-store';
import { StoreError } from '../kernel/errors';
import type { HandlerMap } from '../kernel/handler-types';
import type { PriceChanges } from './price-changes';
import type { ShelfLabelQueue } from './shelf-labels';

type Names = 'pricing.schedule' | 'labels.queue' | 'labels.print';

export interface PricingHandlerPorts {
  pricing: Pick<PriceChanges, 'next' | 'promotionAt'>;
  labels: Pick<ShelfLabelQueue, 'list' | 'print'>;
  catalog: Pick<CatalogStore, 'product'>;
  now?: () => Date;
}

export function pricingHandlers({ pricing, labels, catalog, now = () => new Date() }: PricingHandlerPorts): HandlerMap<Names> {
  return {
    'pricing.schedule': (_ctx, { sku }) => {
      const product = catalog.product(sku);
      if (!product) throw new StoreError('UNKNOWN_SKU', `There is no product with SKU "${sku}".`, { sku });
      const next = pricing.next(sku);
      return {
        sku,
        currentCents: product.priceCents,
        promotion: pricing.promotionAt(sku, product.priceCents, now()),
        next: next ? { ...next, promotion: pricing.promotionAt(sku, next.priceCents, new Date(next.effectiveAt)) } : null,
      };
    },
    'labels.queue': () => labels.list(),
    'labels.print': (ctx, { printer, ids }) => {
      const printed = labels.print(printer, ids ?? null, ctx.actor?.id ?? 'system');
      ctx.emit({ event: 'labels.changed', payload: { labelIds: printed.labelIds } });
      return printed;
    },
  };
}

import { StoreError } from '../kernel/errors';
import type { HandlerMap } from '../kernel/handler-types';
import { simulators } from '../printing/handlers';

type Names = 'shelves.list' | 'shelves.mapping' | 'shelves.configure' | 'dev.setShelfWeight';

export const shelfHandlers: HandlerMap<Names> = {
  'shelves.list': ({ services }) => services.shelves?.list() ?? [],
  'shelves.mapping': ({ services }) => services.shelves?.mapping() ?? [],
  'shelves.configure': async ({ services }, { shelves }) => {
    if (!services.shelves) throw new StoreError('FORBIDDEN', 'This console runs without shelf monitoring.');
    const sensors = new Set<string>();
    for (const shelf of shelves) {
      if (sensors.has(shelf.sensorId)) throw new StoreError('VALIDATION', `Sensor ${shelf.sensorId} is mapped to two shelves.`, { sensorId: shelf.sensorId });
      sensors.add(shelf.sensorId);
      if (!services.catalog.product(shelf.sku)) throw new StoreError('UNKNOWN_SKU', `There is no product ${shelf.sku}.`, { sku: shelf.sku });
      if (!services.locations.has(shelf.location)) throw new StoreError('UNKNOWN_LOCATION', `There is no location ${shelf.location}.`, { location: shelf.location });
    }
    await services.shelves.configure(shelves);
    return services.shelves.list();
  },
  'dev.setShelfWeight': ({ services }, { sensorId, grams }) => {
    try {
      simulators(services).setShelfWeight(sensorId, grams);
    } catch (error) {
      if (error instanceof RangeError) throw new StoreError('VALIDATION', error.message, { sensorId });
      throw error;
    }
    return services.shelves?.list() ?? [];
  },
};

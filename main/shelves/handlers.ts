import type { CatalogStore } from '../catalog/catalog-store';
import { StoreError } from '../kernel/errors';
import { actorId, type HandlerMap } from '../kernel/handler-types';
import type { ShelvesPort } from './shelves-port';

type Names = 'shelves.list' | 'shelves.mapping' | 'shelves.configure' | 'shelves.alerts' | 'shelves.acknowledge';

export interface ShelfHandlerPorts {
  shelves: ShelvesPort;
  catalog: Pick<CatalogStore, 'exists'>;
  locations: ReadonlyMap<string, unknown>;
}

export function shelfHandlers({ shelves, catalog, locations }: ShelfHandlerPorts): HandlerMap<Names> {
  return {
    'shelves.list': () => shelves.list(),
    'shelves.mapping': () => shelves.mapping(),
    'shelves.alerts': (_ctx, { open }) => shelves.alerts(open ?? true),
    'shelves.acknowledge': (ctx, { alertId }) => {
      const alert = shelves.acknowledge(alertId, actorId(ctx));
      ctx.emit({ event: 'shelves.changed', payload: { sensorIds: [alert.sensorId] } });
      return alert;
    },
    'shelves.configure': async (_ctx, { shelves: next }) => {
      const sensors = new Set<string>();
      for (const shelf of next) {
        if (sensors.has(shelf.sensorId)) throw new StoreError('VALIDATION', `Sensor ${shelf.sensorId} is mapped to two shelves.`, { sensorId: shelf.sensorId });
        sensors.add(shelf.sensorId);
        if (!catalog.exists(shelf.sku)) throw new StoreError('UNKNOWN_SKU', `There is no product ${shelf.sku}.`, { sku: shelf.sku });
        if (!locations.has(shelf.location)) throw new StoreError('UNKNOWN_LOCATION', `There is no location ${shelf.location}.`, { location: shelf.location });
      }
      await shelves.configure(next);
      return shelves.list();
    },
  };
}

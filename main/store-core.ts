import type { CallRequest, CoreEvent } from './api/contract';
import type { Result } from './api/result';
import { createDispatcher } from './kernel/dispatcher';
import { mergeHandlers, type CoreServices } from './kernel/handler-types';
import { accessHandlers } from './staff/approval-handlers';
import { catalogHandlers } from './catalog/handlers';
import { sessionHandlers } from './staff/handlers';
import { stockHandlers } from './stock/handlers';
import { syncHandlers } from './sync/handlers';
import { orderHandlers } from './orders/handlers';
import type { StoreActivity } from './updates/update-gate';
import { printingHandlers } from './printing/handlers';
import { setupHandlers } from './setup/handlers';
import { shelfHandlers } from './shelves/handlers';
import { deviceHandlers } from './devices/handlers';
import { createAuditLog } from './kernel/audit-log';
import { createCatalogStore } from './catalog/catalog-store';
import { openLedger } from './kernel/db/open-ledger';
import { seedDemoStoreIfEmpty } from './demo/demo-store';
import { createEventHub } from './kernel/event-hub';
import { loadLocations } from './stock/locations';
import { createMovementLedger } from './stock/movement-ledger';
import { createPickupOrders } from './orders/pickup-orders';
import { createStockLevels } from './stock/stock-levels';
import { createApprovalGrants } from './staff/approval-grants';
import { createStationSession, type StationSession } from './staff/station-session';
import { createStaffDirectory } from './staff/staff-directory';
import { createStationRegistry } from './stations/station-registry';
import { stationHandlers } from './stations/handlers';
import { eventReachesStation } from './stations/station-events';

export interface StoreConfig {
  /** Path of the store's SQLite ledger file. */
  dbPath: string;
  store: string;
  station: string;
  /** Seed the demo catalog and demo staff into an empty ledger. */
  demo: boolean;
  /** The id config.json recorded when this store's ledger was created: a missing or empty file is then refused as lost. */
  ledgerId?: string;
  /** Sign a member out after this long without a command (IT's policy; 15 minutes by default). */
  idleSignOutMs?: number;
}

export interface StoreSecrets {
  /** The store's PIN pepper, from the secret store (main/staff/pin-pepper.ts). */
  pinPepper?: Buffer | null;
}

export interface CoreApi {
  /** `station`: a station paired with this host calls in its own name (main/stations); the host's own screens pass none. */
  call(request: CallRequest, station?: string): Promise<Result<unknown>>;
  /** Events for this station's screens, or for a paired `station`'s (eventReachesStation). */
  subscribe(listener: (event: CoreEvent) => void, station?: string): () => void;
}

export interface StoreCore {
  config: StoreConfig;
  api: CoreApi;
  /** What the counter is doing, for the update gate: never install mid-pickup or mid-print. */
  activity(): StoreActivity;
  services: CoreServices;
  /** Every event, for every station's screens: a runtime host filters them per station (eventReachesStation). */
  events: { subscribe(listener: (event: CoreEvent) => void): () => void };
  close(): void;
}

export type CoreLog = (entry: Record<string, unknown>) => void;

const handlers = mergeHandlers(sessionHandlers, accessHandlers, catalogHandlers, stockHandlers, syncHandlers, orderHandlers, deviceHandlers, printingHandlers, shelfHandlers, setupHandlers, stationHandlers);

/** Opens the store: the ledger, its services and the API. Plain Node, no Electron. */
export async function openStoreCore(config: StoreConfig, log: CoreLog = () => {}, secrets: StoreSecrets = {}): Promise<StoreCore> {
  const db = openLedger(config.dbPath, config.ledgerId ? { expectedId: config.ledgerId } : {});
  try {
    const locations = loadLocations(db);
    const hub = createEventHub();
    const catalog = createCatalogStore(db);
    const movements = createMovementLedger(db, locations);
    const services: CoreServices = {
      db,
      locations,
      catalog,
      movements,
      orders: createPickupOrders(db, catalog, movements),
      levels: createStockLevels(db, locations),
      staff: createStaffDirectory(db, { pepper: secrets.pinPepper ?? null }),
      audit: createAuditLog(db),
      session: createStationSession(config.store, config.station, config.idleSignOutMs ? { idleMs: config.idleSignOutMs } : {}),
      grants: createApprovalGrants(),
      sync: null,
      devices: null,
      paperLanguage: 'es',
      printing: null,
      shelves: null,
      simulators: null,
      setup: null,
      diagnostics: null,
      stations: { registry: createStationRegistry(db, config.station), role: 'standalone', connected: new Set() },
      emit: hub.emit,
      publish: (event) => {
        hub.emit(event);
        hub.flush();
      },
    };
    if (config.demo) await seedDemoStoreIfEmpty(services, config.station);
    const dispatcher = createDispatcher({ services, handlers, station: config.station, events: hub, log });
    // Each paired station has its own signed-in member, in memory like the host's own.
    const seats = new Map<string, StationSession>();
    const seatOf = (station: string) => {
      let session = seats.get(station);
      if (!session) {
        session = createStationSession(config.store, station, config.idleSignOutMs ? { idleMs: config.idleSignOutMs } : {});
        seats.set(station, session);
      }
      return session;
    };
    // An unattended station must not stay signed in: the screen goes back to sign-in.
    const idleCheck = setInterval(() => {
      for (const session of [services.session, ...seats.values()]) {
        if (session.expireIfIdle()) {
          log({ level: 'info', msg: 'signed out after inactivity', station: session.info().station });
          services.publish({ event: 'session.changed', payload: session.info() });
        }
      }
    }, Math.min(30_000, Math.max(50, services.session.idleMs / 4)));
    idleCheck.unref();
    const picking = db.prepare("SELECT count(*) FROM pickup_orders WHERE status = 'picking'").pluck();
    return {
      config,
      services,
      activity: (): StoreActivity => ({
        ordersInProgress: picking.get() as number,
        printJobsActive: services.printing?.jobs().pending.filter((j) => j.state !== 'unconfirmed').length ?? 0,
        lastInteractionAt: dispatcher.lastCommandAt(),
      }),
      api: {
        call: (request, station) =>
          station === undefined || station === config.station ? dispatcher.call(request) : dispatcher.call(request, { station, session: seatOf(station) }),
        subscribe: (listener, station) => hub.subscribe((event) => eventReachesStation(event, station ?? null, config.station) && listener(event)),
      },
      events: { subscribe: hub.subscribe },
      close: () => {
        clearInterval(idleCheck);
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

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
import { staffAdminHandlers } from './staff/staff-admin-handlers';
import { importHandlers } from './catalog-import/handlers';
import { createCsvImports } from './catalog-import/csv-imports';
import { createFirstAdmin } from './staff/first-admin';
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
import { createStationSession } from './staff/station-session';
import { createStaffDirectory } from './staff/staff-directory';

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
  /** The one-time first-admin code (IT's policy file or MOSTRADOR_ADMIN_CODE); null or absent: none. */
  adminCode?: string | null;
}

export interface CoreApi {
  call(request: CallRequest): Promise<Result<unknown>>;
  subscribe(listener: (event: CoreEvent) => void): () => void;
}

export interface StoreCore {
  config: StoreConfig;
  api: CoreApi;
  /** What the counter is doing, for the update gate: never install mid-pickup or mid-print. */
  activity(): StoreActivity;
  services: CoreServices;
  close(): void;
}

export type CoreLog = (entry: Record<string, unknown>) => void;

const handlers = mergeHandlers(sessionHandlers, accessHandlers, catalogHandlers, stockHandlers, syncHandlers, orderHandlers, deviceHandlers, printingHandlers, shelfHandlers, setupHandlers, staffAdminHandlers, importHandlers);

/** Opens the store: the ledger, its services and the API. Plain Node, no Electron. */
export async function openStoreCore(config: StoreConfig, log: CoreLog = () => {}, secrets: StoreSecrets = {}): Promise<StoreCore> {
  const db = openLedger(config.dbPath, config.ledgerId ? { expectedId: config.ledgerId } : {});
  try {
    const locations = loadLocations(db);
    const hub = createEventHub();
    const catalog = createCatalogStore(db);
    const movements = createMovementLedger(db, locations);
    const staff = createStaffDirectory(db, { pepper: secrets.pinPepper ?? null });
    const services: CoreServices = {
      db,
      locations,
      catalog,
      movements,
      orders: createPickupOrders(db, catalog, movements),
      levels: createStockLevels(db, locations),
      staff,
      firstAdmin: createFirstAdmin(db, staff, secrets.adminCode ?? null),
      imports: createCsvImports({ db, catalog, movements, locations }),
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
      emit: hub.emit,
      publish: (event) => {
        hub.emit(event);
        hub.flush();
      },
    };
    if (config.demo) await seedDemoStoreIfEmpty(services, config.station);
    const dispatcher = createDispatcher({ services, handlers, station: config.station, events: hub, log });
    // An unattended station must not stay signed in: the screen goes back to sign-in.
    const idleCheck = setInterval(() => {
      if (services.session.expireIfIdle()) {
        log({ level: 'info', msg: 'signed out after inactivity', station: config.station });
        services.publish({ event: 'session.changed', payload: services.session.info() });
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
      api: { call: dispatcher.call, subscribe: hub.subscribe },
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

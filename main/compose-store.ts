// The one place a store is built. Each room gets, as non-null ports, only the
// other rooms' services it needs, in dependency order: kernel, catalog, stock,
// staff, orders and pricing, then the optional capabilities (devices, demo
// hardware, printers, shelves, the HQ link, the first-run wizard, diagnostics),
// each either started or its "not configured" port. Electron's core process,
// the bridge, tests and benchmarks all call composeStore; nothing is patched in
// after it returns.
import type { CallRequest, CoreEvent } from './api/contract';
import type { Result } from './api/result';
import { StoreError } from './kernel/errors';
import { catalogHandlers } from './catalog/handlers';
import { createCatalogStore, type CatalogStore } from './catalog/catalog-store';
import { developerHandlers } from './demo/handlers';
import { seedDemoStoreIfEmpty } from './demo/demo-store';
import { startDemoDevices } from './demo/demo-devices';
import { simulatorsNotConfigured, type Simulators } from './demo/simulators';
import { customerPhoneNotConfigured, type CustomerPhone } from './demo/customer-phone';
import { createDeviceManager, type DeviceManagerOptions } from './devices/device-manager';
import { devicesNotConfigured, type DevicesPort } from './devices/devices-port';
import type { SerialScannerByPath } from './devices/device-identity';
import { createDeviceSettingsStore } from './devices/device-settings-store';
import { deviceHandlers } from './devices/handlers';
import { createDiagnostics, diagnosticsNotConfigured, type DiagnosticsOptions, type DiagnosticsPort } from './diagnostics/diagnostics-port';
import { diagnosticsHandlers } from './diagnostics/handlers';
import { createApprovalGrants, type ApprovalGrants } from './kernel/approval-grants';
import { createAuditLog, type AuditLog } from './kernel/audit-log';
import { auditHandlers } from './kernel/audit-handlers';
import { openLedger, type Db } from './kernel/db/open-ledger';
import { createDispatcher } from './kernel/dispatcher';
import { createEventHub } from './kernel/event-hub';
import { mergeHandlers } from './kernel/handler-types';
import { orderHandlers } from './orders/handlers';
import { createPickupOrders, type PickupOrders } from './orders/pickup-orders';
import { createPriceChanges, type PriceChanges } from './pricing/price-changes';
import { createShelfLabelQueue, type ShelfLabelQueue } from './pricing/shelf-labels';
import { createOutboxWriter } from './kernel/outbox-writer';
import { pricingHandlers } from './pricing/handlers';
import { printingHandlers } from './printing/handlers';
import { printingNotConfigured, type PrintingPort } from './printing/printing-port';
import { createPrintingService } from './printing/printing-service';
import { createPrinterSettingsStore } from './printing/printer-settings';
import { setupHandlers } from './setup/handlers';
import { createSetupPort, setupNotConfigured, type SetupOptions, type SetupPort } from './setup/setup-port';
import type { StoreConfig } from './setup/store-config';
import { shelfHandlers } from './shelves/handlers';
import { shelvesNotConfigured, type ShelvesPort } from './shelves/shelves-port';
import { startShelvesRoom } from './shelves/store-shelves';
import { createAccessKey } from './staff/access-key';
import { staffHandlers } from './staff/handlers';
import { createStaffDirectory, type StaffDirectory } from './staff/staff-directory';
import { createFirstAdmin } from './staff/first-admin';
import { staffAdminHandlers } from './staff/staff-admin-handlers';
import { createCsvImports, type CsvImports } from './catalog-import/csv-imports';
import { importHandlers } from './catalog-import/handlers';
import { createStationSession, type StationSession } from './staff/station-session';
import { stockHandlers } from './stock/handlers';
import { loadLocations } from './stock/locations';
import { createMovementLedger, type MovementLedger } from './stock/movement-ledger';
import { createStockLevels, type StockLevels } from './stock/stock-levels';
import { createStockReadPath, type StockReadPath } from './stock/stock-read-path';
import { createStockTolerances, type StockTolerancesStore } from './stock/tolerances';
import { countHandlers } from './counts/handlers';
import { createStockCounts, type StockCounts } from './counts/stock-counts';
import { createSecretStore, type SecretCipher } from './secrets/secret-store';
import { createDeadLetters } from './sync/dead-letters';
import { syncHandlers } from './sync/handlers';
import type { HqLinkConfig } from './sync/hq-link';
import { hqNotConfigured, hqPortOf, type HqPort } from './sync/hq-port';
import { startStoreSync, type StoreSync, type StoreSyncOptions } from './sync/store-sync';
import { createSyncState } from './sync/sync-state';
import { tillHandlers } from './tills/handlers';
import { transferHandlers } from './transfers/handlers';
import { customerHandlers } from './customers/handlers';
import { createCustomerRecords, type CustomerRecords } from './customers/customer-records';
import { createTransferDocuments, type TransferDocuments } from './transfers/transfer-documents';
import { receivingHandlers } from './receiving/handlers';
import { createChannelReturns, type ChannelReturns } from './returns/channel-returns';
import { returnHandlers } from './returns/handlers';
import { createCashDrawer, localDay, type CashDrawer } from './cash/cash-drawer';
import { cashHandlers } from './cash/handlers';
import { storeLegalIdentity } from './setup/store-config';
import { createReceivingService, type ReceivingService } from './receiving/receiving-service';
import { createTillsRoom, type TillsRoom } from './tills/tills-room';
import { startTillEndpoint, type TillEndpoint, type TillEndpointOptions } from './tills/till-endpoint';
import type { StoreActivity } from './updates/update-gate';
import type { LocationInfo } from './api/types';
import { createDocumentPrinter } from './printing/document-printer';
import { stationHandlers } from './stations/handlers';
import { createStationsPort, type StationsPort } from './stations/stations-port';
import { createStationRegistry } from './stations/station-registry';
import { createStationSeats } from './stations/station-seats';
import { eventReachesStation } from './stations/station-events';
import { createStoreDays, type StoreDays } from './kernel/store-days';
import { defaultStoreTimeZone } from './api/input-schemas';
import { createOrderKpiReads } from './orders/order-kpis';
import { createMovementKpiReads } from './stock/movement-kpis';
import { createShelfLevelHistory } from './shelves/shelf-level-history';
import { computeKpiReport } from './kpis/kpi-report';
import { createKpiDigests, type KpiDigests } from './kpis/kpi-digest';
import type { KpiLabelSource } from './kpis/kpi-ports';
import { kpiHandlers } from './kpis/handlers';
import type { KpiReport } from './api/types';

export type { StoreConfig } from './setup/store-config';

export type CoreLog = (entry: Record<string, unknown>) => void;

/** What this station has beyond the ledger; each one left out is its room's "not configured" port. */
export interface StoreOptions {
  log?: CoreLog;
  /** The store's pepper, from the secret store (main/staff/pin-pepper.ts): PINs and handover codes are hashed with it. */
  pinPepper?: Buffer | null;
  /** The one-time first-admin code (IT's policy file or MOSTRADOR_ADMIN_CODE); null or absent: none. */
  adminCode?: string | null;
  /** The clock one-use approvals expire by (tests move it). */
  now?: () => number;
  /** The language receipts and slips are printed in (IT's policy locale; Spanish by default). */
  paperLanguage?: 'es' | 'en';
  /** The device manager, on the system's listers (or a test's). */
  devices?: Pick<DeviceManagerOptions, 'listSerial' | 'listHid' | 'openHid' | 'pollMs'> & {
    /** Serial scanners IT's policy names by path. */
    serialScanners?: SerialScannerByPath[];
  };
  /** The station's printers (durable jobs in the ledger). */
  printing?: boolean;
  /** Shelf monitoring, with the store-local broker its sensors publish on; `discrepancyAfterMs`: how long shelf and ledger may disagree before a spot count opens (30 min). */
  shelves?: { mqttUrl: string | null; discrepancyAfterMs?: number };
  /** The demo store's simulated printer, shelves and scanner, and the developer panel. */
  demoHardware?: { mqttUrl: string | null };
  /** The demo's customer side (its embedded HQ simulator): the developer panel shows their handover codes. */
  demoCustomer?: CustomerPhone;
  /** The OS keychain (Electron's safeStorage) that wraps the secrets kept in the ledger. */
  cipher?: SecretCipher | null;
  /** The HQ link; its settings may need a secret the wizard saved (the broker password). */
  hq?: { link: HqLinkConfig | ((readSecret: (name: string) => string | null) => HqLinkConfig); sync?: StoreSyncOptions };
  /** Ready orders nobody collected within this many days free their stock; absent, nothing expires. */
  collectionDays?: number;
  /** The first-run wizard, for a runtime that can restart itself on the new configuration (or a ready port, as tests give one). */
  setup?: SetupOptions | SetupPort;
  /** The diagnostics zip, for a runtime that knows its data folder. */
  diagnostics?: DiagnosticsOptions;
  /** The store's IANA time zone, for labels' dates (Europe/Madrid when absent, until the store config carries one). */
  timeZone?: () => string;
  /** The tills' receipt endpoint (main/tills/till-endpoint.ts): where it listens. */
  tillEndpoint?: Pick<TillEndpointOptions, 'host' | 'port' | 'tls'>;
  /** How often returns recorded offline, and refunds to the original payment, are asked of HQ (5 s). */
  returnsFollowUpMs?: number;
  /** Send HQ the daily KPI digest (main/kpis): checked at start and every minute. */
  kpiDigest?: boolean;
  /** "Labels printed late", once the pricing room's label queue answers it; until then, not available. */
  labelsLate?: KpiLabelSource;
}

export interface CoreApi {
  /** `station`: a station paired with this host calls in its own name (main/stations); the host's own screens pass none. */
  call(request: CallRequest, station?: string): Promise<Result<unknown>>;
  /** Events for this station's screens, or for a paired `station`'s (eventReachesStation). */
  subscribe(listener: (event: CoreEvent) => void, station?: string): () => void;
}

/** The rooms' services, for the runtime, CLIs, tests and benchmarks that drive a room directly. */
export interface StoreServices {
  db: Db;
  locations: Map<string, LocationInfo>;
  catalog: CatalogStore;
  movements: MovementLedger;
  levels: StockLevels;
  /** Stock as a reader may see it: blind where a count is open and they count. */
  stockReads: StockReadPath;
  /** The stock documents' tolerances: defaults, or HQ's override for this store. */
  tolerances: StockTolerancesStore;
  /** Cash at the counter: movements and each station's end-of-day confirmation (issue 16). */
  cash: CashDrawer;
  /** Stock counts (main/counts). */
  counts: StockCounts;
  orders: PickupOrders;
  pricing: PriceChanges;
  labels: ShelfLabelQueue;
  staff: StaffDirectory;
  /** Staged CSV imports of catalog and stock (main/catalog-import). */
  imports: CsvImports;
  session: StationSession;
  grants: ApprovalGrants;
  audit: AuditLog;
  devices: DevicesPort;
  printing: PrintingPort;
  shelves: ShelvesPort;
  simulators: Simulators;
  hq: HqPort;
  setup: SetupPort;
  diagnostics: DiagnosticsPort;
  /** The tills' tokens and receipts. */
  tills: TillsRoom;
  /** The stations paired with this one when it hosts the store (main/stations). */
  stations: StationsPort;
  /** Transfers between stores (main/transfers). */
  transfers: TransferDocuments;
  /** HQ's expected deliveries and the receipts that take them in (main/receiving). */
  receiving: ReceivingService;
  /** Returns from any channel (main/returns). */
  returns: ChannelReturns;
  /** The store's calendar in its time zone: what "per day" means. */
  days: StoreDays;
  /** The KPI report (main/kpis) and the daily digest to HQ. */
  kpis: { report(range: { from: string; to: string }): KpiReport; digests: KpiDigests };
  /** Customer cards' cache, openings, arrivals, orders placed elsewhere and follow-ups (main/customers). */
  customers: CustomerRecords;
  /** From outside any call (devices, timers): goes out now. */
  publish(event: CoreEvent): void;
}

export interface Store {
  config: StoreConfig;
  api: CoreApi;
  services: StoreServices;
  /** Every event, for every station's screens: a runtime host filters them per station (eventReachesStation). */
  events: { subscribe(listener: (event: CoreEvent) => void): () => void };
  /** The HQ link itself, when one was configured (tests and benchmarks watch it). */
  sync: StoreSync | null;
  /** Where the tills post receipts, when one was configured. */
  tillEndpoint: TillEndpoint | null;
  /** What the counter is doing, for the update gate: never install mid-pickup or mid-print. */
  activity(): StoreActivity;
  /** Stops every capability, newest first, then closes the ledger. */
  close(): Promise<void>;
}

/** Opens the store: the ledger, its rooms in dependency order, and the API. Plain Node, no Electron. */
export async function composeStore(config: StoreConfig, options: StoreOptions = {}): Promise<Store> {
  const log = options.log ?? (() => {});
  const db = openLedger(config.dbPath, config.ledgerId ? { expectedId: config.ledgerId } : {});
  const stops: (() => Promise<void> | void)[] = [];
  try {
    // The kernel: events go out after commit, and every command is audited.
    const hub = createEventHub();
    const publish = (event: CoreEvent) => {
      hub.emit(event);
      hub.flush();
    };
    const audit = createAuditLog(db);
    const grants = createApprovalGrants(options.now);

    // Catalog, stock, staff: the rooms every other one builds on.
    const locations = loadLocations(db);
    const catalog = createCatalogStore(db);
    const movements = createMovementLedger(db, locations, catalog);
    const levels = createStockLevels(db, locations, catalog);
    const staff = createStaffDirectory(db, { pepper: options.pinPepper ?? null });
    // Each station paired with this host has its own seat; the rooms see the seat of the call in progress.
    const seats = createStationSeats(
      createStationSession(config.store, config.station, config.idleSignOutMs ? { idleMs: config.idleSignOutMs } : {}),
      config.store,
      config.idleSignOutMs,
      { db, activeMember: (staffId) => staff.list().find((member) => member.id === staffId) ?? null, ...(options.now ? { now: options.now } : {}) },
    );
    const session = seats.session;
    const stations = createStationsPort(createStationRegistry(db, config.station));
    const tolerances = createStockTolerances(db);
    const days = createStoreDays(config.timeZone ?? defaultStoreTimeZone);
    const kpiNow = () => new Date(options.now?.() ?? Date.now());
    const counts = createStockCounts(db, { catalog, levels, movements, tolerances, locations });
    const stockReads = createStockReadPath(levels, movements, counts.blindness);
    /** A count a discrepancy opened: screens hear of it, and its product's stock now reads blind for counters. */
    const spotCountOpened = (emit: (event: CoreEvent) => void) => ({
      openSpot(request: Parameters<StockCounts['openSpot']>[0]) {
        const opened = counts.openSpot(request);
        if (opened) {
          emit({ event: 'counts.changed', payload: { countIds: [opened.countId] } });
          emit({ event: 'stock.changed', payload: { skus: [request.sku] } });
        }
        return opened;
      },
    });
    // A short pick runs inside a call: its events wait for the call's commit, as the call's own do.
    const clock = options.now;
    const cash = createCashDrawer(db, clock ? () => new Date(clock()) : undefined);
    const orders = createPickupOrders(db, { catalog, levels, movements, counts: spotCountOpened(hub.emit), cash, pepper: options.pinPepper ?? null });
    // A till's receipt is no call of a screen's: its stock change goes out once it committed.
    const tills = createTillsRoom({ db, catalog, movements, levels, station: config.station, onStockChanged: (skus) => publish({ event: 'stock.changed', payload: { skus } }) });
    // Over-receipt is checked against HQ's per-store override where one arrived (the stock room keeps it).
    const receiving = createReceivingService({ db, catalog, movements, locations, tolerances });
    const firstAdmin = createFirstAdmin(db, staff, options.adminCode ?? null);
    const imports = createCsvImports({ db, catalog, movements, levels, locations });
    const secrets = options.cipher ? createSecretStore(db, options.cipher) : null;
    const readSecret = (name: string) => secrets?.read(name) ?? null;
    const hqLink = typeof options.hq?.link === 'function' ? options.hq.link(readSecret) : options.hq?.link;
    // A transfer names stores as HQ does on its topics: a linked store's id is its link's.
    const transfers = createTransferDocuments({ db, store: hqLink?.store ?? config.store, station: config.station, catalog, movements });
    if (config.demo) await seedDemoStoreIfEmpty({ db, catalog, movements, staff }, config.station);

    // Devices first: the demo scanner joins the manager, and shelf lines read through it.
    const manager = options.devices ? createDeviceManager({ settings: createDeviceSettingsStore(db, log), ...options.devices, log }) : null;
    if (manager) {
      for (const scanner of options.devices?.serialScanners ?? []) {
        log({ level: 'info', msg: 'serial scanner from policy', path: scanner.path, role: scanner.role });
        manager.addSerialScanner(scanner);
      }
      manager.onScan((scan, device) => publish({ event: 'device.scan', payload: { text: scan.text, symbology: scan.symbology, device } }));
      manager.onChanged((identities) => publish({ event: 'devices.changed', payload: { identities } }));
      await manager.start();
      stops.push(() => manager.stop());
    }
    const devices: DevicesPort = manager ?? devicesNotConfigured;

    // The demo store prints to a virtual printer and watches virtual shelves, so every screen has something real behind it.
    const demo = options.demoHardware ? await startDemoDevices({ levels, mqttUrl: options.demoHardware.mqttUrl, devices: manager, log }) : null;
    if (demo) stops.push(() => demo.stop());
    const simulators: Simulators = demo?.simulators ?? simulatorsNotConfigured;

    let printing: PrintingPort = printingNotConfigured;
    let printJobsChanged: ((listener: (jobIds: number[]) => void) => void) | null = null;
    if (options.printing || demo) {
      const service = createPrintingService({ db, settings: createPrinterSettingsStore(db, log), simulated: demo?.printers ?? {}, log });
      service.onChanged((change) => publish({ event: 'printing.changed', payload: change }));
      printJobsChanged = (listener) => void service.onChanged((change) => change.jobIds.length > 0 && listener(change.jobIds));
      service.start();
      stops.push(() => service.stop());
      printing = service;
    }

    // Prices and shelf labels: a label is queued when HQ announces a price, and leaves the queue once its job is done.
    // The store's time zone dates the labels: Europe/Madrid until the store's config carries its own.
    // Labels print dates in the store's own time zone (set at provisioning).
    const labels = createShelfLabelQueue(db, { catalog, printing, timeZone: options.timeZone ?? (() => days.timeZone) });
    const pricing = createPriceChanges(db, { catalog, labels, outbox: createOutboxWriter(db) });
    printJobsChanged?.((jobIds) => {
      const printed = labels.jobsChanged(jobIds);
      if (printed.length > 0) publish({ event: 'labels.changed', payload: { labelIds: printed } });
    });

    let shelves: ShelvesPort = shelvesNotConfigured;
    if (options.shelves || demo) {
      const room = startShelvesRoom({
        db,
        levels,
        catalog,
        // A sensor's discrepancy comes from no call: its spot count is announced at once.
        counts: spotCountOpened(publish),
        ...(options.shelves?.discrepancyAfterMs !== undefined ? { discrepancyAfterMs: options.shelves.discrepancyAfterMs } : {}),
        simulated: demo?.shelves ?? [],
        mqttUrl: options.shelves?.mqttUrl ?? options.demoHardware?.mqttUrl ?? null,
        station: config.station,
        publish,
        log,
      });
      manager?.onShelfReading((reading) => room.accept(reading));
      stops.push(() => room.stop());
      shelves = room;
    }

    const customers = createCustomerRecords(db, options.now);
    // Cached cards go within 24 hours even when nobody opens another one.
    const cardExpiry = setInterval(() => customers.dropExpired(), 10 * 60_000);
    cardExpiry.unref();
    stops.push(() => clearInterval(cardExpiry));
    const sync = hqLink
      ? startStoreSync({ db, catalog, orders, customers, staff, transfers, receiving, tolerances, counterSettings: orders, orderLines: (orderId) => linesOfKnownOrder(orders, orderId), pricing, labels, levels, movements, subscribe: hub.subscribe, publish, emit: hub.emit }, hqLink, { log, ...options.hq?.sync })
      : null;
    if (sync) stops.push(() => sync.stop());
    const hq = sync ? hqPortOf(sync) : hqNotConfigured(createDeadLetters(db, createSyncState(db)));

    // Returns from any channel: HQ counts them; those recorded offline and refunds still requested are followed up.
    const returns = createChannelReturns({ db, catalog, movements, hq, cash });
    if (sync) {
      let following = false;
      const followUp = setInterval(() => {
        if (following || !returns.hasOpenWork()) return;
        following = true;
        void Promise.all([returns.settlePending(), returns.refreshRefunds()])
          .then(([settled, refunded]) => {
            const returnIds = [...new Set([...settled, ...refunded])];
            if (returnIds.length > 0) publish({ event: 'returns.changed', payload: { returnIds } });
          })
          .catch((error: unknown) => log({ level: 'warn', msg: 'could not follow up returns with HQ', err: String(error) }))
          .finally(() => (following = false));
      }, options.returnsFollowUpMs ?? 5000);
      followUp.unref();
      stops.push(() => clearInterval(followUp));
    }

    const setup = !options.setup
      ? setupNotConfigured
      : 'needsSetup' in options.setup
        ? options.setup
        : createSetupPort({ ...options.setup, log, devices: () => devices.list(), publish });
    const diagnostics = options.diagnostics ? createDiagnostics(db, options.diagnostics) : diagnosticsNotConfigured;
    const tillEndpoint = options.tillEndpoint ? await startTillEndpoint({ sales: tills.sales, credentials: tills.credentials, ...options.tillEndpoint, log }) : null;
    if (tillEndpoint) stops.push(() => tillEndpoint.close());

    // Ready orders nobody collected within the window free their stock.
    if (options.collectionDays !== undefined) {
      const days = options.collectionDays;
      const expiry = setInterval(() => {
        const expired = orders.expire(days, { staff: 'system', station: config.station });
        if (expired.length > 0) {
          log({ level: 'info', msg: 'orders not collected in time', orders: expired });
          publish({ event: 'orders.changed', payload: { orderIds: expired } });
        }
      }, 60_000);
      expiry.unref();
      stops.push(() => clearInterval(expiry));
    }

    // KPIs read each room's own aggregates (main/kpis/kpi-ports.ts); the shelves' history is kept even when no sensor runs now.
    const kpiSources = {
      orders: createOrderKpiReads(db),
      movements: createMovementKpiReads(db),
      counts,
      shelves: createShelfLevelHistory(db),
      labels: options.labelsLate ?? labels,
    };
    const kpiReport = (range: { from: string; to: string }) => computeKpiReport(kpiSources, days, range, kpiNow());
    const digests = createKpiDigests(db, { days, report: kpiReport, now: kpiNow });
    if (options.kpiDigest) {
      const sendDigest = () => {
        try {
          const day = digests.sendDue();
          if (day) log({ level: 'info', msg: 'KPI digest queued for HQ', day });
        } catch (error) {
          log({ level: 'error', msg: 'KPI digest not queued', err: String(error) });
        }
      };
      sendDigest();
      const digestTimer = setInterval(sendDigest, 60_000);
      digestTimer.unref();
      stops.push(() => clearInterval(digestTimer));
    }

    const storeName = () => session.info().store;
    if (!config.demo && !config.legal) {
      log({ level: 'warn', msg: 'no legal identity configured (policy "legal" or MOSTRADOR_LEGAL_NAME): delivery and return notes name the store id only', store: config.store });
    }
    const accessKey = createAccessKey({ locations, needsSetup: () => setup.needsSetup(), handoverLocked: orders.handoverLocked, exchangeNeedsManager: orders.exchangeNeedsManager });
    const handlers = mergeHandlers(
      staffHandlers({ staff, session, grants, accessKey }),
      catalogHandlers({ catalog, stock: stockReads }),
      stockHandlers({ db, locations, movements, reads: stockReads, catalog, incoming: { incoming: (sku) => receiving.incoming(sku) + transfers.incoming(sku) } }),
      pricingHandlers({ pricing, labels, catalog }),
      countHandlers({ counts }),
      orderHandlers({ orders, catalog, documents: createDocumentPrinter({ printing, hostStation: config.station }),
        storeName,
        legal: () => storeLegalIdentity(config),
        cashDay: () => localDay(clock ? new Date(clock()) : new Date()),
        paperLanguage: options.paperLanguage ?? 'es' }),
      syncHandlers({ hq, stock: stockReads, store: hqLink?.store ?? config.store }),
      deviceHandlers({ devices }),
      printingHandlers({ printing, storeName }),
      shelfHandlers({ shelves, catalog, locations }),
      developerHandlers({ simulators, shelves, customer: options.demoCustomer ?? customerPhoneNotConfigured }),
      setupHandlers({ setup }),
      diagnosticsHandlers({ diagnostics }),
      tillHandlers({ tills, endpointUrl: tillEndpoint?.url ?? null }),
      staffAdminHandlers({ staff, session, firstAdmin }),
      importHandlers({ imports }),
      stationHandlers({ stations }),
      transferHandlers({ transfers }),
      receivingHandlers({ receiving }),
      returnHandlers({ returns, drawer: printing, audit }),
      cashHandlers({ cash }),
      kpiHandlers({ report: kpiReport }),
      customerHandlers({ records: customers, hq, stock: stockReads }),
      auditHandlers({ audit }),
    );
    const dispatcher = createDispatcher({ db, session, grants, audit, accessKey, handlers, station: config.station, callingStation: seats.station, events: hub, log });

    // An unattended station must not stay signed in: the screen goes back to sign-in.
    const idleCheck = setInterval(
      () => {
        for (const seat of seats.all()) {
          if (seat.expireIfIdle()) {
            log({ level: 'info', msg: 'signed out after inactivity', station: seat.info().station });
            publish({ event: 'session.changed', payload: seat.info() });
          }
        }
      },
      Math.min(30_000, Math.max(50, session.idleMs / 4)),
    );
    idleCheck.unref();
    stops.push(() => clearInterval(idleCheck));

    /** Newest first; stays synchronous while every stop is, so a store without capabilities closes at once. */
    function closeAll(): Promise<void> | void {
      const pending = stops.splice(0).reverse();
      while (pending.length > 0) {
        const stopped = pending.shift()!();
        if (stopped instanceof Promise) {
          return stopped.then(async () => {
            for (const stop of pending) await stop();
            db.close();
          });
        }
      }
      db.close();
    }
    let closing: Promise<void> | null = null;
    return {
      config,
      api: {
        call: (request, station) => (station === undefined || station === config.station ? dispatcher.call(request) : seats.runAs(station, () => dispatcher.call(request))),
        subscribe: (listener, station) => hub.subscribe((event) => eventReachesStation(event, station ?? null, config.station) && listener(event)),
      },
      events: { subscribe: hub.subscribe },
      services: { db, locations, catalog, movements, levels, stockReads, tolerances, cash, counts, customers, orders, pricing, labels, staff, imports, session, grants, audit, devices, printing, shelves, simulators, hq, setup, diagnostics, tills, stations, transfers, receiving, returns, days, kpis: { report: kpiReport, digests }, publish },
      sync,
      tillEndpoint,
      activity: (): StoreActivity => ({
        ordersInProgress: orders.inProgress(),
        printJobsActive: printing.jobs().pending.filter((j) => j.state !== 'unconfirmed').length,
        lastInteractionAt: dispatcher.lastCommandAt(),
      }),
      close: () => (closing ??= Promise.resolve(closeAll())),
    };
  } catch (error) {
    for (const stop of stops.splice(0).reverse()) await stop();
    db.close();
    throw error;
  }
}

/** An order's lines; none for an order this store never saw (an HQ cancellation may come first). */
function linesOfKnownOrder(orders: Pick<PickupOrders, 'detail'>, orderId: string): { sku: string }[] {
  try {
    return orders.detail(orderId).lines;
  } catch (error) {
    if (error instanceof StoreError && error.code === 'UNKNOWN_ORDER') return [];
    throw error;
  }
}

import type { z } from 'zod';
import { procedureNames, type Contract, type CoreEvent, type ProcedureName, type ProcedureOutput } from '../api/contract';
import type { DeviceInfo, DeviceScan, LocationInfo, SetupStatus, ShelfInfo, StaffInfo, SyncStatus } from '../api/types';
import type { PrintingService } from '../printing/printing-service';
import type { ShelfConfig } from '../shelves/shelf-monitor';
import type { ApprovalGrants } from '../staff/approval-grants';
import type { AuditLog } from './audit-log';
import type { CatalogStore } from '../catalog/catalog-store';
import type { Db } from './db/open-ledger';
import type { MovementLedger } from '../stock/movement-ledger';
import type { PickupOrders } from '../orders/pickup-orders';
import type { SerialScannerByPath } from '../devices/device-identity';
import type { StockLevels } from '../stock/stock-levels';
import type { StationSession } from '../staff/station-session';
import type { StaffDirectory } from '../staff/staff-directory';
import type { StationRegistry } from '../stations/station-registry';

export interface CoreServices {
  db: Db;
  locations: Map<string, LocationInfo>;
  catalog: CatalogStore;
  movements: MovementLedger;
  orders: PickupOrders;
  levels: StockLevels;
  staff: StaffDirectory;
  audit: AuditLog;
  session: StationSession;
  /** One-use manager approvals, each bound to one call. */
  grants: ApprovalGrants;
  /** The HQ link, once a runtime attached one; null while the store runs without HQ. */
  sync: SyncPort | null;
  /** The device manager, when the runtime started one. */
  devices: {
    list(): DeviceInfo[];
    configure(identity: string, settings: { role: DeviceInfo['role'] & string; baudRate?: number; parity?: 'none' | 'even' | 'odd'; suffix?: 'CR' | 'LF' | 'CRLF' | 'none' }): void;
    addSerialScanner(scanner: SerialScannerByPath): string;
    /** The demo store's virtual scanner; null elsewhere. */
    fireScan: ((text: string) => DeviceScan) | null;
  } | null;
  /** The language receipts and slips are printed in (IT's policy locale; Spanish by default). */
  paperLanguage: 'es' | 'en';
  /** The station's printers, when the runtime started them. */
  printing: Pick<PrintingService, 'print' | 'reprint' | 'dismiss' | 'jobs' | 'openDrawer' | 'printers' | 'configure'> | null;
  /** Watched shelves, when the store has shelf sensors. */
  shelves: {
    list(): ShelfInfo[];
    /** The shelves mapped in settings (the demo's simulated ones are not). */
    mapping(): ShelfConfig[];
    configure(shelves: ShelfConfig[]): Promise<void>;
  } | null;
  /** The demo store's simulators, for the developer panel; null in a real store. */
  simulators: {
    printerPreview(limit: number): { receipts: string[]; inProgress: string };
    setPrinter(change: { paperOut?: boolean; coverOpen?: boolean; offline?: boolean }): { paperOut: boolean; coverOpen: boolean; offline: boolean };
    setShelfWeight(sensorId: string, grams: number): void;
  } | null;
  /** The diagnostics zip for IT, when the runtime knows where logs and data live. */
  diagnostics: {
    /** Writes the zip to `outFile`, or to the data folder's diagnostics/ with a dated name. */
    save(outFile?: string): Promise<{ file: string; bytes: number }>;
  } | null;
  /** First-run set-up, when the runtime offers it. */
  setup: {
    status(): SetupStatus;
    chooseDemo(): SetupStatus;
    provision(input: unknown): Promise<{ restarting: boolean }>;
  } | null;
  /** The stations paired with this one when it hosts the store (main/stations). */
  stations: StationsPort;
  /** From a handler: goes out once the call's transaction has committed. */
  emit(event: CoreEvent): void;
  /** From outside any call (HQ link, devices): goes out now. */
  publish(event: CoreEvent): void;
}

/** The host's side of several stations: its registry, and which paired stations are connected now. */
export interface StationsPort {
  registry: StationRegistry;
  /** 'host' once the station link listens on the LAN. */
  role: 'standalone' | 'host';
  connected: Set<string>;
}

/** What the core's handlers need of the HQ link (main/sync implements it). */
export interface SyncPort {
  link: {
    status(): SyncStatus;
    request(
      body: { type: 'stock-lookup'; sku: string } | { type: 'customer-lookup'; query: string },
    ): Promise<{ kind: string; stores?: { store: string; atp: number }[]; customers?: { name: string; orders: string[] }[] } | null>;
  };
  retryDeadLetter(id: number): { ok: boolean; outcome: string };
}

export interface HandlerContext {
  services: CoreServices;
  /** The signed-in staff member, or null for open calls. */
  actor: StaffInfo | null;
  /** A manager who approved this one call with their PIN. */
  approvedBy: StaffInfo | null;
  station: string;
}

export type Handler<N extends ProcedureName> = (
  ctx: HandlerContext,
  input: z.output<Contract[N]['input']>,
) => ProcedureOutput<N> | Promise<ProcedureOutput<N>>;

export type HandlerMap<K extends ProcedureName = ProcedureName> = { [N in K]: Handler<N> };

/** Merges per-domain handler maps; a name claimed twice, or by nobody, is a bug. */
export function mergeHandlers(...groups: Partial<HandlerMap>[]): HandlerMap {
  const merged: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [name, handler] of Object.entries(group)) {
      if (name in merged) throw new Error(`Two handler groups define "${name}"`);
      merged[name] = handler;
    }
  }
  const missing = procedureNames.filter((name) => !(name in merged));
  if (missing.length > 0) throw new Error(`No handler for ${missing.join(', ')}`);
  return merged as HandlerMap;
}

/** The staff id recorded on a change: who is signed in at the station. */
export function actorId(ctx: HandlerContext): string {
  if (!ctx.actor) throw new Error('command ran without an actor');
  return ctx.actor.id;
}

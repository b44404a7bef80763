import { z } from 'zod';
import { printerNames, printerSettingsSchema } from '../printing/printer-settings';
import { serialScannerByPathSchema } from '../devices/device-identity';
import { provisionInputSchema } from '../setup/provision-input';
import { shelfConfigSchema } from '../shelves/shelf-monitor';
import type {
  OrderDetail,
  OrderInfo,
  PrinterInfo,
  SetupStatus,
  PrintJobInfo,
  ShelfInfo,
  DeadLetterInfo,
  DeviceInfo,
  DeviceScan,
  LedgerCheck,
  LocationInfo,
  LookupResult,
  MovementInfo,
  ProductHit,
  SessionInfo,
  StaffInfo,
  StockSummary,
  SyncStatus,
  PairedStationInfo,
  StationLinkStatus,
} from './types';

// The core's procedures, defined once. Both transports (Electron IPC and the
// WebSocket bridge) carry exactly these, and the core validates every input with
// the schema here before a handler sees it.

const out = <T>() => undefined as unknown as T;

const sku = z.string().trim().min(1).max(64);
const location = z.string().trim().min(1).max(32);
const positiveQty = z.number().int().positive().max(1_000_000_000);
const ref = z.string().trim().min(1).max(128);
const reason = z.string().trim().min(1).max(64);
const orderId = z.string().trim().min(1).max(64);
/** The symbology a scanner named with its AIM identifier (see ScannedCode); absent or null for typed codes. */
const symbology = z.string().min(1).max(40).nullable().optional();
const orderStatusValues = ['received', 'accepted', 'picking', 'ready', 'collected', 'rejected', 'cancelled', 'not_collected'] as const;

export const pinSchema = z.string().regex(/^\d{4,8}$/, 'PIN is 4 to 8 digits');
/** A call's approval: the id of a one-use grant that `approval.grant` issued for exactly this call. */
export const approvalSchema = z.object({ grantId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }).strict();
const procedureName = z.string().min(1).max(64);

// Who may call each procedure is not here: main/api/access-table.ts holds it, for every role, in one table.
type Def<I extends z.ZodType, O> = {
  kind: 'query' | 'command';
  input: I;
  output: O;
};
const query = <I extends z.ZodType, O>(input: I, output: O): Def<I, O> => ({ kind: 'query', input, output });
const command = <I extends z.ZodType, O>(input: I, output: O): Def<I, O> => ({ kind: 'command', input, output });
const empty = z.object({}).strict();

export const contract = {
  'session.current': query(empty, out<SessionInfo>()),
  /** First run: whether the wizard shows, and what IT's policy already fixed. */
  'setup.status': query(empty, out<SetupStatus>()),
  /** First run: keep the demo store, and stop asking. */
  'setup.chooseDemo': command(empty, out<SetupStatus>()),
  /** First run (or an admin later): the store's identity, HQ broker, first admin and device roles; the console restarts on it. */
  'setup.provision': command(provisionInputSchema, out<{ restarting: boolean }>()),
  'session.signIn': command(z.object({ staffId: z.string().min(1).max(64), pin: pinSchema }).strict(), out<SessionInfo>()),
  'session.signOut': command(empty, out<SessionInfo>()),
  'staff.list': query(empty, out<StaffInfo[]>()),
  /**
   * A manager approves one call in place: their PIN buys a grant bound to that
   * procedure and that input, for one use within 2 minutes.
   */
  'approval.grant': command(
    z.object({ staffId: z.string().min(1).max(64), pin: pinSchema, procedure: procedureName, input: z.unknown() }).strict(),
    out<{ grantId: string; expiresAt: string }>(),
  ),
  /** Lifts a member's PIN locks (sign-in and approval) before they run out. */
  'staff.unlock': command(z.object({ staffId: z.string().min(1).max(64) }).strict(), out<StaffInfo>()),
  'locations.list': query(empty, out<LocationInfo[]>()),

  'catalog.lookup': query(z.object({ code: z.string().max(128), symbology }).strict(), out<LookupResult>()),
  'catalog.search': query(
    z.object({ text: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(50).optional() }).strict(),
    out<ProductHit[]>(),
  ),

  'stock.levels': query(z.object({ sku }).strict(), out<StockSummary>()),
  'stock.history': query(
    z.object({ sku, limit: z.number().int().min(1).max(500).optional() }).strict(),
    out<MovementInfo[]>(),
  ),
  'stock.receive': command(
    z.object({ sku, qty: positiveQty, to: location.optional(), ref: ref.optional() }).strict(),
    out<MovementInfo>(),
  ),
  'stock.transfer': command(
    z.object({ sku, qty: positiveQty, from: location, to: location, reason: reason.optional(), ref: ref.optional() }).strict(),
    out<MovementInfo>(),
  ),
  /** A signed correction: positive finds stock, negative writes it off. */
  'stock.adjust': command(
    z
      .object({ sku, qty: z.number().int().min(-1_000_000_000).max(1_000_000_000), location, reason })
      .strict(),
    out<MovementInfo>(),
  ),
  'ledger.check': query(empty, out<LedgerCheck>()),

  'orders.queue': query(
    z.object({ status: z.enum(orderStatusValues).optional(), search: z.string().trim().min(1).max(100).optional() }).strict(),
    out<OrderInfo[]>(),
  ),
  'orders.detail': query(z.object({ orderId }).strict(), out<OrderDetail>()),
  /** Order number typed, or the customer's QR scanned. */
  'orders.find': query(z.object({ code: z.string().trim().min(1).max(128) }).strict(), out<OrderDetail>()),
  'orders.accept': command(z.object({ orderId }).strict(), out<OrderInfo>()),
  'orders.reject': command(z.object({ orderId, reason }).strict(), out<OrderInfo>()),
  'orders.pick': command(z.object({ orderId, code: z.string().trim().min(1).max(128), symbology }).strict(), out<{ order: OrderInfo; lineId: string }>()),
  'orders.short': command(z.object({ orderId, lineId: z.string().min(1).max(64), qty: positiveQty, reason }).strict(), out<OrderInfo>()),
  'orders.ready': command(z.object({ orderId }).strict(), out<OrderInfo>()),
  'orders.handover': command(
    z
      .object({
        orderId,
        verificationCode: z.string().trim().min(1).max(32),
        refused: z.array(z.object({ lineId: z.string().min(1).max(64), qty: positiveQty }).strict()).max(200).optional(),
        idChecked: z.boolean().optional(),
      })
      .strict(),
    out<OrderInfo>(),
  ),
  'orders.cancel': command(z.object({ orderId, reason }).strict(), out<OrderInfo>()),
  'orders.return': command(
    z
      .object({
        orderId,
        refundMethod: z.enum(['card', 'cash', 'store-credit', 'original-payment']),
        lines: z
          .array(z.object({ lineId: z.string().min(1).max(64), qty: positiveQty, reason, condition: z.enum(['resellable', 'damaged']) }).strict())
          .min(1)
          .max(200),
      })
      .strict(),
    out<{ returnId: string }>(),
  ),
  /** A return and the reservation of replacements in one step; the replacements become an accepted order. */
  'orders.exchange': command(
    z
      .object({
        orderId,
        lines: z
          .array(z.object({ lineId: z.string().min(1).max(64), qty: positiveQty, reason, condition: z.enum(['resellable', 'damaged']) }).strict())
          .min(1)
          .max(200),
        newLines: z.array(z.object({ sku, qty: positiveQty }).strict()).min(1).max(50),
      })
      .strict(),
    out<{ returnId: string; orderId: string }>(),
  ),
  'devices.list': query(empty, out<DeviceInfo[]>()),
  /** A device's role and serial framing, kept by its identity (VID, PID, serial number, path). */
  'devices.configure': command(
    z
      .object({
        identity: z.string().min(1).max(300),
        role: z.enum(['counter-scanner', 'backoffice-scanner', 'receipt-printer', 'shelf-sensor', 'ignored']),
        baudRate: z.number().int().min(300).max(921_600).optional(),
        parity: z.enum(['none', 'even', 'odd']).optional(),
        suffix: z.enum(['CR', 'LF', 'CRLF', 'none']).optional(),
      })
      .strict(),
    out<DeviceInfo[]>(),
  ),
  /** A serial scanner on a port discovery cannot list (built-in COM/ttyS, adapters without a serial number), by its path and framing. */
  'devices.addSerial': command(serialScannerByPathSchema, out<DeviceInfo[]>()),
  /** Demo store only: the developer panel fires a scan through the virtual scanner. */
  'dev.fireScan': command(z.object({ text: z.string().min(1).max(256) }).strict(), out<DeviceScan>()),
  'printing.printers': query(empty, out<PrinterInfo[]>()),
  /** Jobs not yet done (with why each waits) and the last ones that printed. */
  'printing.jobs': query(empty, out<{ pending: PrintJobInfo[]; recent: PrintJobInfo[] }>()),
  /** A person asks for a job again: a new job naming the original, never an automatic resend. */
  'printing.reprint': command(z.object({ jobId: z.number().int().positive() }).strict(), out<{ jobId: number }>()),
  /** An unconfirmed job did come out: take it off the list without printing it again. */
  'printing.dismiss': command(z.object({ jobId: z.number().int().positive() }).strict(), out<{ dismissed: boolean }>()),
  'printing.testPage': command(z.object({ printer: z.enum(printerNames) }).strict(), out<{ jobId: number | null }>()),
  /** Opens the cash drawer now (never queued for later). */
  'printing.openDrawer': command(z.object({ printer: z.enum(printerNames) }).strict(), out<{ ok: boolean; message?: string }>()),
  'printing.configure': command(
    z.object({ printer: z.enum(printerNames), settings: printerSettingsSchema.nullable() }).strict(),
    out<PrinterInfo[]>(),
  ),
  'shelves.list': query(empty, out<ShelfInfo[]>()),
  /** Which sensor watches which product where, with its unit weight, tare, thresholds and tolerance. */
  'shelves.mapping': query(empty, out<z.input<typeof shelfConfigSchema>[]>()),
  /** Bounded so that the largest valid mapping still fits in one bridge frame (see bridge-server's maxFrameBytes). */
  'shelves.configure': command(z.object({ shelves: z.array(shelfConfigSchema.extend({ sku, location }).strict()).max(500) }).strict(), out<ShelfInfo[]>()),
  /** Demo store only: what the virtual printer has printed, as readable text, newest last. */
  'dev.printerPreview': query(z.object({ limit: z.number().int().min(1).max(50).optional() }).strict(), out<{ receipts: string[]; inProgress: string }>()),
  /** Demo store only: the virtual printer's switches as they stand. */
  'dev.printerState': query(empty, out<{ paperOut: boolean; coverOpen: boolean; offline: boolean }>()),
  /** Demo store only: switch the virtual printer to paper out, cover open or offline. */
  'dev.setPrinter': command(
    z.object({ paperOut: z.boolean().optional(), coverOpen: z.boolean().optional(), offline: z.boolean().optional() }).strict(),
    out<{ paperOut: boolean; coverOpen: boolean; offline: boolean }>(),
  ),
  /** Demo store only: put a weight on a virtual shelf sensor. */
  'dev.setShelfWeight': command(
    z.object({ sensorId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/), grams: z.number().min(-100_000).max(1_000_000) }).strict(),
    out<ShelfInfo[]>(),
  ),
  /** Available-to-promise of a SKU in the chain's other stores, asked of HQ (null: HQ unreachable). */
  'hq.stockLookup': query(z.object({ sku }).strict(), out<{ store: string; atp: number }[] | null>()),
  /** Customers HQ knows by name or phone, with their online orders (null: HQ unreachable). */
  'hq.customerLookup': query(z.object({ query: z.string().trim().min(2).max(100) }).strict(), out<{ name: string; orders: string[] }[] | null>()),
  /** For IT: a zip of the logs, the configuration without secrets and a ledger check, saved in the data folder. */
  'diagnostics.save': command(empty, out<{ file: string; bytes: number }>()),
  'sync.status': query(empty, out<SyncStatus | null>()),
  'sync.deadLetters': query(z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(), out<DeadLetterInfo[]>()),
  'sync.retryDeadLetter': command(z.object({ id: z.number().int().positive() }).strict(), out<{ ok: boolean; outcome: string }>()),
  // Several stations, one store (main/stations): the host pairs stations; a paired station proxies every call to it.
  /** How this console reaches the ledger; a paired station answers it itself, host or not. */
  'stations.linkStatus': query(empty, out<StationLinkStatus>()),
  'stations.list': query(empty, out<PairedStationInfo[]>()),
  /** A manager approves the pairing code a new station shows: that station gets its credential. */
  'stations.approvePairing': command(z.object({ code: z.string().regex(/^\d{6}$/, 'six digits') }).strict(), out<{ station: string }>()),
  'stations.revoke': command(z.object({ station: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict(), out<PairedStationInfo[]>()),
} as const;

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
export type ProcedureInput<N extends ProcedureName> = z.input<Contract[N]['input']>;
export type ProcedureOutput<N extends ProcedureName> = Contract[N]['output'];
export const procedureNames = Object.keys(contract) as ProcedureName[];

/** Events the core pushes to every connected screen. */
export interface CoreEvents {
  'stock.changed': { skus: string[] };
  'session.changed': SessionInfo;
  'sync.changed': SyncStatus;
  /** A scan from a serial or HID scanner the device manager claimed. */
  'device.scan': DeviceScan;
  'devices.changed': { devices: DeviceInfo[] };
  /** Orders changed by staff or by HQ: queues refresh these. */
  'orders.changed': { orderIds: string[] };
  /** A printer's status or a print job changed. */
  'printing.changed': { printers: PrinterInfo[]; pending: PrintJobInfo[] };
  'shelves.changed': { shelves: ShelfInfo[] };
  /** The console is restarting on a new configuration: screens reload. */
  'setup.restarting': { store: string };
  /** A paired station's link to its host opened or closed (sent by the paired station itself). */
  'stations.link': StationLinkStatus;
  /** Stations paired, revoked, connected or gone (on the host). */
  'stations.changed': { stations: string[] };
}
export type CoreEventName = keyof CoreEvents;
export type CoreEvent = { [K in CoreEventName]: { event: K; payload: CoreEvents[K] } }[CoreEventName];

/** One call as it crosses a transport. */
export const callRequestSchema = z
  .object({
    name: z.string().min(1).max(64),
    input: z.unknown(),
    approval: approvalSchema.optional(),
  })
  .strict();
export type CallRequest = z.infer<typeof callRequestSchema>;

import type { PrinterSettings as PrinterSettingsOutput } from '../printing/printer-settings';
// Shapes that cross the API. Quantities are integers in the product's base unit
// (`each`, or `g` for weighed goods); money is integer cents.

export const roles = ['associate', 'pickup', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface StaffInfo {
  id: string;
  name: string;
  role: Role;
}

export interface SessionInfo {
  store: string;
  station: string;
  staff: StaffInfo | null;
}

export type LocationKind = 'internal' | 'external';
export interface LocationInfo {
  code: string;
  name: string;
  kind: LocationKind;
  sellable: boolean;
  allowNegative: boolean;
}

export type ProductUnit = 'each' | 'g';
export interface ProductInfo {
  sku: string;
  name: string;
  brand: string;
  category: string;
  unit: ProductUnit;
  priceCents: number;
  taxRateBp: number;
  active: boolean;
  barcodes: string[];
}

export interface StockAtLocation {
  location: string;
  qty: number;
  sellable: boolean;
}

export interface StockSummary {
  sku: string;
  byLocation: StockAtLocation[];
  /** Sum over sellable locations. */
  onHand: number;
  /** Held for orders: the pickup-hold location plus open reservations. */
  held: number;
  safetyStock: number;
  /** onHand − open reservations − safety stock, never below zero. */
  atp: number;
}

export type MatchKind = 'gtin' | 'internal' | 'variable-measure' | 'sku';
export interface EmbeddedMeasure {
  kind: 'weight' | 'price';
  /** grams for weight, cents for price */
  value: number;
}

/** One GS1 element read with a product's key: batch (10), expiry (17), serial (21)… */
export interface Gs1DataRead {
  ai: string;
  /** GS1's title for the AI, e.g. "BATCH/LOT". */
  title: string;
  value: string;
  /** YYYY-MM-DD, for a date AI. */
  date?: string;
}

export interface LookupResult {
  code: string;
  matchedBy: MatchKind;
  embedded?: EmbeddedMeasure;
  /** The GS1 data that came with the key, when the code was a GS1 element string. */
  gs1?: Gs1DataRead[];
  product: ProductInfo;
  stock: StockSummary;
}

export interface ProductHit {
  sku: string;
  name: string;
  brand: string;
  priceCents: number;
  primaryBarcode: string | null;
}

export interface MovementInfo {
  id: string;
  seq: number;
  sku: string;
  qty: number;
  from: string;
  to: string;
  reason: string;
  ref: string | null;
  staff: string;
  station: string;
  at: string;
}

export interface LedgerCheck {
  ok: boolean;
  levelsChecked: number;
  mismatches: { sku: string; location: string; stored: number; rebuilt: number }[];
  movements: number;
  outboxEvents: number;
  outboxGaps: number;
  integrity: string;
}

export interface SyncStatus {
  state: 'connecting' | 'online' | 'offline' | 'stopped';
  /** Broker URL with any password masked. */
  broker: string;
  /** Outbox events HQ has not acknowledged yet. */
  backlog: number;
  lastAckedSeq: number;
  lastSeq: number;
  appliedDseq: number;
  deadLetters: number;
  /** Dead letters dropped, oldest first, to keep the table within its limits. */
  deadLettersDropped: number;
  /** HQ's messages arrive but bring no progress (only duplicates, or a gap that never fills). */
  downlinkStuck: boolean;
  lastError: string | null;
  nextRetryInMs: number | null;
}

export interface DeadLetterInfo {
  id: number;
  topic: string;
  reason: string;
  receivedAt: string;
  retries: number;
  /** The start of the payload as text, for staff to recognise it. */
  preview: string;
}

export interface DeviceInfo {
  identity: string;
  kind: 'serial' | 'hid';
  path: string;
  vendorId?: string;
  productId?: string;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  /** null: discovered but not configured (shown as unknown). */
  role: string | null;
  status: 'closed' | 'online' | 'offline' | 'unknown' | 'absent';
  lastError: string | null;
  /** The saved serial framing, so a settings form starts from what is stored. */
  framing?: { baudRate?: number; parity?: 'none' | 'even' | 'odd'; suffix?: 'CR' | 'LF' | 'CRLF' | 'none' };
}

/**
 * A code as a scanner read it: the data, and the symbology its AIM identifier
 * named ("GS1 DataMatrix"; an unknown identifier as sent, "]X0"; null when it
 * sent none). Both travel together to the core: the symbology is what tells a
 * GS1 element string without any GS from an ordinary code.
 */
export interface ScannedCode {
  text: string;
  symbology: string | null;
}

export interface DeviceScan extends ScannedCode {
  /** The identity of the scanner it came from. */
  device: string;
}

export type OrderStatus = 'received' | 'accepted' | 'picking' | 'ready' | 'collected' | 'rejected' | 'cancelled' | 'not_collected';

export interface OrderLineInfo {
  lineId: string;
  sku: string;
  qty: number;
  /** Units moved to the pickup hold for this line. */
  held: number;
  picked: number;
  shortQty: number;
  shortReason: string | null;
  refused: number;
  ageRestricted: boolean;
}

export interface OrderInfo {
  orderId: string;
  version: number;
  status: OrderStatus;
  customerName: string | null;
  customerPhone: string | null;
  promisedAt: string | null;
  receivedAt: string;
  updatedAt: string;
  lines: OrderLineInfo[];
}

export interface OrderDetail extends OrderInfo {
  history: { at: string; staff: string; station: string; fromStatus: string | null; toStatus: string; note: string | null }[];
}

export interface PrinterInfo {
  /** The use the station puts it to: pickup slips and receipts, or back-office labels. */
  name: 'counter' | 'backoffice';
  configured: boolean;
  /** The demo store's virtual printer. */
  simulated: boolean;
  connection: string | null;
  profile: string | null;
  /** The stored connection, for a settings form; null when unconfigured. */
  settings: PrinterSettingsOutput | null;
  status: 'online' | 'offline' | 'paper-out' | 'cover-open' | 'unsupported' | 'unreachable' | 'unknown';
  paperNearEnd: boolean;
  drawerOpen: boolean;
  lastError: string | null;
}

export interface PrintJobInfo {
  id: number;
  printer: string;
  /** pickup-slip, handover-receipt, return-receipt, shelf-label, test-page. */
  kind: string;
  state: 'queued' | 'sending' | 'done' | 'unconfirmed';
  waitingReason: 'cover-open' | 'paper-out' | 'offline' | 'unreachable' | 'link-lost-while-sending' | 'link-lost-after-sending' | 'restarted-while-printing' | 'not-confirmed' | null;
  waitingDetail: string | null;
  attempts: number;
  reprintOf: number | null;
  requestedBy: string;
  createdAt: string;
  doneAt: string | null;
}

export interface ShelfInfo {
  sensorId: string;
  sku: string;
  location: string;
  name: string | null;
  sensor: 'unknown' | 'online' | 'offline';
  units: number | null;
  level: 'ok' | 'low' | 'out' | null;
  misplaced: boolean;
  discrepancy: boolean;
  lastSeenAt: string | null;
}

export interface SetupStatus {
  /** The station has a store identity (wizard, policy file or environment). */
  provisioned: boolean;
  /** First run: not provisioned and nobody chose the demo yet; the console shows the wizard. */
  needsSetup: boolean;
  demo: boolean;
  store: string;
  station: string;
  /** Fields IT's policy file sets: the wizard shows them filled in and locked. */
  locked: string[];
  preset: { store?: string; station?: string; chain?: string; hqUrl?: string; hqUsername?: string; locale?: 'es' | 'en' };
  /** Where a broker password would be kept: the OS keychain (Electron) or a 0600 file (plain Node). */
  secretStorage: 'os-keychain' | 'file';
  /** Devices plugged in now, so the wizard can give them roles before anyone can sign in. */
  devices: DeviceInfo[];
}

/** A station paired with this store's host (main/stations). */
export interface PairedStationInfo {
  id: string;
  pairedAt: string;
  approvedBy: string;
  revokedAt: string | null;
  /** Its station link is open now. */
  connected: boolean;
}

/**
 * How this console reaches the store's ledger: it is the host (or a lone
 * station), or it is paired with a host over the store's LAN.
 */
export interface StationLinkStatus {
  role: 'standalone' | 'host' | 'paired';
  /** For a paired station: whether the host answers now. */
  state: 'online' | 'offline';
  /** The host's address, for a paired station. */
  host: string | null;
}

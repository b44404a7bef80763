import { z } from 'zod';
import { deviceRoles, printerNames, printerSettingsSchema, scanSuffixes, serialParities, shelfConfigSchema } from './input-schemas';

// Shapes the core answers and pushes, as schemas: main/api/types.ts derives the
// TypeScript types from them, and the renderer parses what arrives with them.
// Quantities are integers in the product's base unit (`each`, or `g` for weighed
// goods); money is integer cents. Objects are not strict: a newer core may add a
// field, and an older screen simply does not show it.

const text = z.string();
const nullableText = z.string().nullable();
const count = z.number().int().nonnegative();

export const roles = ['associate', 'pickup', 'manager', 'admin'] as const;

export const staffInfoSchema = z.object({
  id: text,
  name: text,
  role: z.enum(roles),
  /** No PIN yet (HQ sent them): they sign in the first time with their one-time code and choose one. */
  awaitingCode: z.boolean().optional(),
});

export const sessionInfoSchema = z.object({ store: text, station: text, staff: staffInfoSchema.nullable() });

export const locationInfoSchema = z.object({
  code: text,
  name: text,
  kind: z.enum(['internal', 'external']),
  sellable: z.boolean(),
  allowNegative: z.boolean(),
});

export const productUnits = ['each', 'g'] as const;
export const productInfoSchema = z.object({
  sku: text,
  name: text,
  brand: text,
  category: text,
  unit: z.enum(productUnits),
  priceCents: z.number().int(),
  taxRateBp: z.number().int(),
  active: z.boolean(),
  barcodes: z.array(text),
});

/** `qty` null: a count is open there and the reader is one of the roles that count (blind counting, issue 13). */
export const stockAtLocationSchema = z.object({ location: text, qty: z.number().nullable(), sellable: z.boolean() });

export const stockSummarySchema = z.object({
  sku: text,
  byLocation: z.array(stockAtLocationSchema),
  /** Sum over sellable locations; null while one of them is blind to the reader (a count is open there). */
  onHand: z.number().nullable(),
  /** Held for orders: the pickup-hold location plus open reservations; null while pickup-hold is blind. */
  held: z.number().nullable(),
  safetyStock: z.number(),
  /** onHand − open reservations − safety stock, never below zero; null with onHand. */
  atp: z.number().nullable(),
});

/** A promotion on a product, with the unit price it makes (null for a multi-buy, which does not lower it). */
export const promotionViewSchema = z.object({
  id: text,
  kind: z.enum(['percent-off', 'amount-off', 'multi-buy']),
  value: z.number().int(),
  priceCents: z.number().int().nullable(),
  startsAt: text,
  endsAt: text,
});

export const priceScheduleSchema = z.object({
  sku: text,
  currentCents: z.number().int(),
  /** The promotion in force now, if any (absent from an older core). */
  promotion: promotionViewSchema.nullable().optional(),
  next: z.object({ priceCents: z.number().int(), effectiveAt: text, promotion: promotionViewSchema.nullable().optional() }).nullable(),
});

export const netContentUnits = ['kg', 'l', 'unit'] as const;

/**
 * A shelf label waiting to print, from the moment HQ announced its price. `late`: its price is in
 * force and the shelf still shows the old one. `printing`: a print job has it, not yet done.
 */
export const shelfLabelInfoSchema = z.object({
  id: count,
  sku: text,
  name: text,
  shelfLocation: nullableText,
  priceCents: z.number().int(),
  previousCents: z.number().int().nullable(),
  netContent: z.object({ amount: z.number(), unit: z.enum(netContentUnits) }).nullable(),
  /** On a reduction: the lowest price of the 30 days before; null when it could not be established. */
  lowest30dCents: z.number().int().nullable(),
  referenceSource: z.enum(['history', 'hq', 'unknown']).nullable(),
  promotionId: nullableText,
  effectiveAt: text,
  endsAt: nullableText,
  queuedAt: text,
  late: z.boolean(),
  printing: z.boolean(),
});

export const matchKinds = ['gtin', 'internal', 'variable-measure', 'sku'] as const;
export const embeddedMeasureSchema = z.object({
  kind: z.enum(['weight', 'price']),
  /** grams for weight, cents for price */
  value: z.number(),
});

/** One GS1 element read with a product's key: batch (10), expiry (17), serial (21)… */
export const gs1DataReadSchema = z.object({
  ai: text,
  /** GS1's title for the AI, e.g. "BATCH/LOT". */
  title: text,
  value: text,
  /** YYYY-MM-DD, for a date AI. */
  date: text.optional(),
});

export const lookupResultSchema = z.object({
  code: text,
  matchedBy: z.enum(matchKinds),
  embedded: embeddedMeasureSchema.optional(),
  /** The GS1 data that came with the key, when the code was a GS1 element string. */
  gs1: z.array(gs1DataReadSchema).optional(),
  product: productInfoSchema,
  stock: stockSummarySchema,
});

/**
 * An order's document as data, so the station whose staff did the work prints it on its own
 * printer with that printer's profile (main/printing/order-documents.ts renders it). Bounded like
 * the orders it comes from.
 */
const paperText = z.string().max(500);
const paperLanguage = z.enum(['es', 'en']);
/** Who issues a document: the store's legal name, address and tax id (IT's configuration). */
export const legalIdentitySchema = z.object({ name: paperText, address: paperText, taxId: z.string().max(40) }).strict();
const vatRate = z.number().int().min(0).max(10_000);
export const printableDocumentSchema = z.discriminatedUnion('layout', [
  z.object({
    layout: z.literal('pickup-slip'),
    data: z.object({ language: paperLanguage.optional(), orderId: paperText, customerName: paperText, promisedAt: paperText.optional(), bag: z.number().int(), bags: z.number().int() }).strict(),
  }),
  z.object({
    layout: z.literal('sale-receipt'),
    data: z
      .object({
        language: paperLanguage.optional(),
        storeName: paperText,
        number: paperText,
        at: paperText,
        staff: paperText,
        lines: z.array(z.object({ name: paperText, qty: z.number(), unitPriceCents: z.number().int() }).strict()).max(1_000),
        totalCents: z.number().int(),
        payment: z.object({ method: paperText, tenderedCents: z.number().int().optional(), changeCents: z.number().int().optional() }).strict(),
        orderId: paperText.optional(),
        footer: z.array(paperText).max(20).optional(),
        openDrawer: z.boolean().optional(),
      })
      .strict(),
  }),
  z.object({
    layout: z.literal('delivery-note'),
    data: z
      .object({
        language: paperLanguage.optional(),
        legal: legalIdentitySchema,
        storeName: paperText,
        orderId: paperText,
        at: paperText,
        staff: paperText,
        customerName: paperText.optional(),
        /** Delivered lines, and lines short-picked or refused (qty 0 delivered, `missing` units not). */
        lines: z
          .array(
            z
              .object({
                name: paperText,
                sku: paperText,
                qty: z.number(),
                unitPriceCents: z.number().int(),
                vatRateBp: vatRate,
                shortQty: z.number().optional(),
                refusedQty: z.number().optional(),
              })
              .strict(),
          )
          .max(1_000),
        paymentNote: paperText,
      })
      .strict(),
  }),
  z.object({
    layout: z.literal('return-receipt'),
    data: z
      .object({
        language: paperLanguage.optional(),
        storeName: paperText,
        returnId: paperText,
        orderId: paperText.optional(),
        at: paperText,
        staff: paperText,
        lines: z.array(z.object({ name: paperText, qty: z.number(), refundCents: z.number().int(), reason: paperText, vatRateBp: vatRate.optional() }).strict()).max(1_000),
        refundMethod: paperText,
        /** Who issues it; a return note carries the store's legal identity. */
        legal: legalIdentitySchema.optional(),
        /** An exchange: what the customer took instead, and how the difference was settled. */
        exchange: z
          .object({
            newOrderId: paperText,
            lines: z.array(z.object({ name: paperText, qty: z.number(), unitPriceCents: z.number().int(), vatRateBp: vatRate }).strict()).max(200),
            differenceCents: z.number().int(),
            settlement: z.enum(['none', 'collected', 'refunded', 'voucher']),
            method: z.enum(['cash', 'card', 'voucher']).nullable(),
          })
          .strict()
          .optional(),
      })
      .strict(),
  }),
]);

/** `priceCents` is per `unit`: per kg for weighed goods (`g`), per item otherwise. */
export const productHitSchema = z.object({ sku: text, name: text, brand: text, priceCents: z.number().int(), unit: z.enum(productUnits), primaryBarcode: nullableText });

export const movementInfoSchema = z.object({
  id: text,
  seq: z.number().int(),
  sku: text,
  qty: z.number(),
  from: text,
  to: text,
  reason: text,
  ref: nullableText,
  staff: text,
  station: text,
  at: text,
  /** Batch/lot from the item's GS1 label (AI 10), when it was scanned or entered. */
  batch: text.optional(),
  /** Expiry day from the label (AI 17, or best-before 15), YYYY-MM-DD. */
  expiry: text.optional(),
});

/** A picked item whose label expires soon (see main/catalog/shelf-life.ts). */
export const shortDatedWarningSchema = z.object({
  /** YYYY-MM-DD from the label. */
  expiry: text,
  /** Days from the store's today; 0 is today, negative is expired. */
  daysLeft: z.number().int(),
  /** 17 (use by / expiry) or 15 (best before). */
  ai: z.enum(['15', '17']),
});

export const ledgerCheckSchema = z.object({
  ok: z.boolean(),
  levelsChecked: count,
  mismatches: z.array(z.object({ sku: text, location: text, stored: z.number(), rebuilt: z.number() })),
  movements: count,
  outboxEvents: count,
  outboxGaps: count,
  integrity: text,
});

export const syncStatusSchema = z.object({
  state: z.enum(['connecting', 'online', 'offline', 'stopped']),
  /** Broker URL with any password masked. */
  broker: text,
  /** Outbox events HQ has not acknowledged yet. */
  backlog: count,
  lastAckedSeq: count,
  lastSeq: count,
  appliedDseq: count,
  deadLetters: count,
  /** Dead letters dropped, oldest first, to keep the table within its limits. */
  deadLettersDropped: count,
  /** HQ's messages arrive but bring no progress (only duplicates, or a gap that never fills). */
  downlinkStuck: z.boolean(),
  lastError: nullableText,
  nextRetryInMs: z.number().nonnegative().nullable(),
  /** A store from zero loading HQ's catalog and opening stock; null where nothing tracks it. */
  provisioning: z.lazy(() => provisioningStatusSchema).nullable(),
});

/** One of HQ's chunked snapshots as the store receives it (docs/protocol.md, "A store from zero"). */
export const snapshotProgressSchema = z.object({
  /** A snapshot has been applied and none is half-received. */
  done: z.boolean(),
  /** Chunks of the snapshot still arriving, and how many it has. */
  chunksReceived: count,
  chunks: count,
  /** Products (or stock levels) received so far, and in the whole snapshot when HQ says. */
  itemsReceived: count,
  items: count.nullable(),
  /** The version applied last, if any. */
  version: z.number().int().nonnegative().nullable(),
});

export const provisioningStatusSchema = z.object({
  /** The store has its catalog and stock: HQ may route orders to it. */
  ready: z.boolean(),
  catalog: snapshotProgressSchema,
  stock: snapshotProgressSchema,
});

export const deadLetterInfoSchema = z.object({
  id: z.number().int(),
  topic: text,
  reason: text,
  receivedAt: text,
  retries: count,
  /** The start of the payload as text, for staff to recognise it. */
  preview: text,
});

export const deviceStatuses = ['closed', 'online', 'offline', 'unknown', 'absent'] as const;
export const deviceInfoSchema = z.object({
  identity: text,
  kind: z.enum(['serial', 'hid']),
  path: text,
  vendorId: text.optional(),
  productId: text.optional(),
  serialNumber: text.optional(),
  manufacturer: text.optional(),
  product: text.optional(),
  /** null: discovered but not configured (shown as unknown). */
  role: z.enum(deviceRoles).nullable(),
  status: z.enum(deviceStatuses),
  lastError: nullableText,
  /** The saved serial framing, so a settings form starts from what is stored. */
  framing: z
    .object({ baudRate: z.number().int().optional(), parity: z.enum(serialParities).optional(), suffix: z.enum(scanSuffixes).optional() })
    .optional(),
});

/**
 * A code as a scanner read it: the data, and the symbology its AIM identifier
 * named ("GS1 DataMatrix"; an unknown identifier as sent, "]X0"; null when it
 * sent none). Both travel together to the core: the symbology is what tells a
 * GS1 element string without any GS from an ordinary code.
 */
export const scannedCodeSchema = z.object({ text, symbology: nullableText });

export const deviceScanSchema = scannedCodeSchema.extend({
  /** The identity of the scanner it came from. */
  device: text,
});

export const orderStatuses = ['received', 'accepted', 'picking', 'ready', 'collected', 'rejected', 'cancelled', 'not_collected'] as const;
/** The queue's two halves: the work to do (received to ready) and finished orders (collected or a side exit). */
export const orderStages = ['open', 'finished'] as const;

export const orderLineInfoSchema = z.object({
  lineId: text,
  sku: text,
  qty: z.number(),
  /** Units moved to the pickup hold for this line. */
  held: z.number(),
  picked: z.number(),
  shortQty: z.number(),
  shortReason: nullableText,
  refused: z.number(),
  ageRestricted: z.boolean(),
  /** What the customer paid for one unit, VAT included, as HQ sent it; null for lines HQ sent no price for. */
  unitPriceCents: z.number().int().nullable(),
  /** The line's VAT rate in basis points (2100 = 21 %); null where HQ sent none. */
  vatRateBp: z.number().int().nullable(),
});

export const orderInfoSchema = z.object({
  orderId: text,
  version: z.number().int(),
  status: z.enum(orderStatuses),
  customerName: nullableText,
  customerPhone: nullableText,
  promisedAt: nullableText,
  receivedAt: text,
  updatedAt: text,
  lines: z.array(orderLineInfoSchema),
});

/** What happened on an order beyond its status, as data: the console words it in the operator's language. */
export const orderHistoryEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('picked'), sku: text, qty: z.number() }),
  z.object({ kind: z.literal('short'), sku: text, qty: z.number(), reason: text }),
  /** A cancellation or rejection, with its reason code. */
  z.object({ kind: z.literal('reason'), reason: text }),
  z.object({ kind: z.literal('changedByHq'), version: z.number() }),
  z.object({ kind: z.literal('returned'), returnId: text, refundMethod: text }),
  z.object({ kind: z.literal('wrongCode'), count: z.number(), limit: z.number() }),
  z.object({ kind: z.literal('exchangeFor'), orderId: text, returnId: nullableText }),
  z.object({ kind: z.literal('notCollected'), days: z.number() }),
  z.object({ kind: z.literal('handedOver'), someRefused: z.boolean() }),
]);

export const orderDetailSchema = orderInfoSchema.extend({
  history: z.array(
    z.object({
      at: text,
      staff: text,
      station: text,
      fromStatus: nullableText,
      toStatus: text,
      /** HQ's English note (kept for rows written before events existed). */
      note: nullableText,
      event: orderHistoryEventSchema.nullable(),
      /** The manager who approved this step with their PIN. */
      approvedBy: nullableText,
    }),
  ),
});

export const printerStatuses = ['online', 'offline', 'paper-out', 'cover-open', 'unsupported', 'unreachable', 'unknown'] as const;
export const printerInfoSchema = z.object({
  /** The use the station puts it to: pickup slips and receipts, or back-office labels. */
  name: z.enum(printerNames),
  configured: z.boolean(),
  /** The demo store's virtual printer. */
  simulated: z.boolean(),
  connection: nullableText,
  profile: nullableText,
  /** The stored connection, for a settings form; null when unconfigured. */
  settings: printerSettingsSchema.nullable(),
  status: z.enum(printerStatuses),
  paperNearEnd: z.boolean(),
  drawerOpen: z.boolean(),
  lastError: nullableText,
});

export const jobStates = ['queued', 'sending', 'done', 'unconfirmed'] as const;
export const waitingReasons = [
  'cover-open',
  'paper-out',
  'offline',
  'unreachable',
  'link-lost-while-sending',
  'link-lost-after-sending',
  'restarted-while-printing',
  'not-confirmed',
] as const;
export const printJobInfoSchema = z.object({
  id: z.number().int(),
  printer: text,
  /** pickup-slip, handover-receipt, return-receipt, shelf-label, test-page. */
  kind: text,
  state: z.enum(jobStates),
  waitingReason: z.enum(waitingReasons).nullable(),
  waitingDetail: nullableText,
  attempts: count,
  reprintOf: z.number().int().nullable(),
  requestedBy: text,
  createdAt: text,
  doneAt: nullableText,
});

export const shelfLevels = ['ok', 'low', 'out'] as const;
export const sensorStates = ['unknown', 'online', 'offline'] as const;
export const shelfInfoSchema = z.object({
  sensorId: text,
  sku: text,
  location: text,
  name: nullableText,
  sensor: z.enum(sensorStates),
  units: z.number().nullable(),
  level: z.enum(shelfLevels).nullable(),
  misplaced: z.boolean(),
  discrepancy: z.boolean(),
  lastSeenAt: nullableText,
  /** At or below this many units the shelf is low (its mapping's). */
  lowThreshold: z.number().int(),
  /** The last weight the sensor held steady, and when: what `units` was counted from. */
  stableGrams: z.number().nullable(),
  stableAt: nullableText,
});

/** The shelf alerts staff act on; each stays open until a person acknowledges it. */
export const shelfAlertKinds = ['stock.low', 'stock.out', 'weight.misplaced', 'sensor.offline'] as const;
export const shelfAlertSchema = z.object({
  alertId: z.number().int().positive(),
  kind: z.enum(shelfAlertKinds),
  sensorId: text,
  sku: text,
  location: text,
  /** The product's name, where the catalog has it. */
  name: nullableText,
  /** The units the shelf held when the alert was raised (low stock), if any. */
  units: z.number().int().nullable(),
  raisedAt: text,
  acknowledgedAt: nullableText,
  acknowledgedBy: nullableText,
});

/** One audit log entry as the viewer lists it. */
export const auditRowSchema = z.object({
  id: z.number().int().positive(),
  at: text,
  station: text,
  staff: nullableText,
  approvedBy: nullableText,
  command: text,
  /** The order, count, receipt, transfer or ASN the command named. */
  document: nullableText,
  ok: z.boolean(),
  errorCode: nullableText,
});
/** An entry opened: with the input it was called with (secrets redacted when it was written). */
export const auditEntrySchema = auditRowSchema.extend({ input: text, errorMessage: nullableText });

/** A mapping as stored: what shelves.configure took, with its defaults filled in. */
export const shelfMappingSchema = shelfConfigSchema;

export const setupStatusSchema = z.object({
  /** The station has a store identity (wizard, policy file or environment). */
  provisioned: z.boolean(),
  /** First run: not provisioned and nobody chose the demo yet; the console shows the wizard. */
  needsSetup: z.boolean(),
  demo: z.boolean(),
  store: text,
  station: text,
  /** Fields IT's policy file sets: the wizard shows them filled in and locked. */
  locked: z.array(text),
  preset: z.object({
    store: text.optional(),
    station: text.optional(),
    chain: text.optional(),
    hqUrl: text.optional(),
    hqUsername: text.optional(),
    locale: z.enum(['es', 'en']).optional(),
    /** The store's IANA time zone IT's policy sets (the wizard shows it locked). */
    timeZone: text.optional(),
    /** The store's host this station joins (policy `stationLink.host`), for the wizard's "join a store". */
    stationHost: text.optional(),
    /** IT's policy switched the cue for new and due orders off (false) or on; absent, it plays. */
    orderAlertSound: z.boolean().optional(),
  }),
  /** Where a broker password would be kept: the OS keychain (Electron) or a 0600 file (plain Node). */
  secretStorage: z.enum(['os-keychain', 'file']),
  /** Devices plugged in now, so the wizard can give them roles before anyone can sign in. */
  devices: z.array(deviceInfoSchema),
});

export const printerSwitchesSchema = z.object({ paperOut: z.boolean(), coverOpen: z.boolean(), offline: z.boolean() });

/** A till that may post receipts (main/tills); its token is shown once, when issued, and never stored. */
export const tillInfoSchema = z.object({
  till: text,
  issuedAt: text,
  issuedBy: text,
  revokedAt: nullableText,
  revokedBy: nullableText,
  lastReceiptAt: nullableText,
});

// ── Staff administration and CSV import (issue 12) ─────────────────────────

/** A member as the staff screen shows them: also the inactive, with their PIN lock. */
export const rosterMemberSchema = staffInfoSchema.extend({ active: z.boolean(), locked: z.boolean(), awaitingCode: z.boolean() });

/** Why a CSV line cannot be imported: the field (a column name, or "line") and a reason code the screen words. */
export const importLineErrorSchema = z.object({ line: z.number().int().positive(), field: text, reason: text, value: text.optional() });

/** What a staged CSV import would change (dry run) or changed (commit). */
export const importReportSchema = z.object({
  importId: text,
  fileName: text,
  /** Data lines read (the header not counted). */
  lines: count,
  goodLines: count,
  badLineCount: count,
  /** The first bad lines, in file order (at most 500). */
  badLines: z.array(importLineErrorSchema),
  products: z.object({ added: count, updated: count }),
  stock: z.object({ lines: count, movements: count, unitsIn: count, unitsOut: count }),
  committed: z.boolean(),
  skippedBadLines: z.boolean(),
});

// Several stations, one store (main/stations).
/** A station paired with this store's host. */
export const pairedStationInfoSchema = z.object({
  id: z.string(),
  pairedAt: z.string(),
  approvedBy: z.string(),
  revokedAt: z.string().nullable(),
  /** Its station link is open now. */
  connected: z.boolean(),
});
/** How this console reaches the store's ledger: it is the host (or a lone station), or it is paired with a host over the store's LAN. */
export const stationLinkStatusSchema = z.object({
  role: z.enum(['standalone', 'host', 'paired']),
  /** For a paired station: whether the host answers now. */
  state: z.enum(['online', 'offline']),
  /** The host's address, for a paired station. */
  host: z.string().nullable(),
});

// Transfers between stores (issue 13, main/transfers).
export const transferStates = ['draft', 'shipped', 'receiving', 'closed'] as const;
export const transferLineSchema = z.object({
  sku: text,
  name: text,
  /** In the draft, then shipped. */
  qty: count,
  received: count,
  damaged: count,
  lost: count,
});
export const transferInfoSchema = z.object({
  transferId: text,
  /** outgoing: this store ships it; incoming: this store receives it. */
  direction: z.enum(['outgoing', 'incoming']),
  /** The origin and destination stores. */
  from: text,
  to: text,
  /** Where the origin takes the stock from, or where the destination puts what it receives. */
  location: text,
  state: z.enum(transferStates),
  /** Who created it (origin), or who first received it (destination). */
  owner: nullableText,
  createdAt: text,
  shippedAt: nullableText,
  shippedBy: nullableText,
  closedAt: nullableText,
  lines: z.array(transferLineSchema),
});
/** Where a page of a document list ends: its last item's date and id (keyset, newest first). */
export const documentCursorSchema = z.object({ at: z.string().min(1).max(40), id: z.string().min(1).max(128) }).strict();
export const transferListsSchema = z.object({ outgoing: z.array(transferInfoSchema), incoming: z.array(transferInfoSchema) });
// Returns from any channel (issue 16, main/returns).
export const channelRefundMethods = ['cash', 'store-credit', 'original-payment'] as const;
/** An order HQ sold (delivered home, or collected at any store), with what the chain already took back. */
export const channelOrderSchema = z.object({
  orderId: text,
  channel: z.enum(['home-delivery', 'store-pickup']),
  store: nullableText,
  customer: z.object({ name: text, phone: text.optional(), email: text.optional() }),
  deliveredAt: text,
  payment: text,
  lines: z.array(z.object({ lineId: text, sku: text, name: text, qty: count, unitPriceCents: count, taxRateBp: count, returned: count })),
});
export const channelLookupSchema = z.object({ reachable: z.boolean(), orders: z.array(channelOrderSchema) });
export const channelReturnSchema = z.object({
  returnId: text,
  orderId: text,
  channel: text,
  customerName: nullableText,
  at: text,
  staff: text,
  approvedBy: nullableText,
  /** settled: HQ counted it; pending-hq: recorded offline, HQ not asked yet; refused-by-hq: HQ found it over what was sold. */
  state: z.enum(['settled', 'pending-hq', 'refused-by-hq']),
  refundMethod: z.enum(channelRefundMethods),
  amountCents: count,
  /** Refund to the original payment: waiting for HQ, requested of the provider, then refunded or failed. */
  refundState: z.enum(['waiting-hq', 'requested', 'refunded', 'failed']).nullable(),
  voucherId: nullableText,
  hqReason: nullableText,
  lines: z.array(
    z.object({ lineId: text, sku: text, qty: count, unitPriceCents: count, reason: text, toStock: count, toDamaged: count, damageReason: nullableText }),
  ),
});
/** A return just recorded, and for a cash refund whether the drawer opened. */
export const channelReturnRecordedSchema = channelReturnSchema.extend({ drawer: z.enum(['opened', 'not-opened']).nullable() });

// ── Receiving (issue 13): a delivery received by scanning against HQ's ASN ──

export const receiptStates = ['open', 'paused', 'closed'] as const;

/** What one batch/expiry of a line received so far (both null when the label carried neither). */
export const receiptLotSchema = z.object({ batch: nullableText, expiry: nullableText, qty: count });

export const receiptLineSchema = z.object({
  sku: text,
  name: text,
  /** What the ASN said; 0 on a receipt without one. */
  expected: count,
  received: count,
  lots: z.array(receiptLotSchema),
});

export const receiptDetailSchema = z.object({
  id: text,
  asnId: nullableText,
  supplier: text,
  /** Who opened it. */
  owner: text,
  state: z.enum(receiptStates),
  openedAt: text,
  /** The manager who approved a receipt without an ASN. */
  approvedBy: nullableText,
  closedAt: nullableText,
  packingSlip: nullableText,
  /** Where its stock went (set at closing). */
  location: nullableText,
  lines: z.array(receiptLineSchema),
  /** Items the ASN does not list, refused at each scan and reported to HQ at closing. */
  unexpected: z.array(z.object({ code: text, sku: nullableText, name: nullableText, qty: count })),
  /** The ASN's cartons (SSCC) and whether each was scanned. */
  cartons: z.array(z.object({ sscc: text, received: z.boolean() })),
});

export const receiptSummarySchema = z.object({
  id: text,
  asnId: nullableText,
  supplier: text,
  owner: text,
  state: z.enum(receiptStates),
  openedAt: text,
  expected: count,
  received: count,
});

/** An ASN nobody has started receiving yet. */
export const expectedDeliverySchema = z.object({
  asnId: text,
  supplier: text,
  expectedAt: text,
  lines: count,
  units: count,
  cartons: count,
});

export const receivingListSchema = z.object({ receipts: z.array(receiptSummarySchema), expected: z.array(expectedDeliverySchema) });

/** What one scan added to a receipt: one line, or a carton's every line. */
export const receivingScanSchema = z.object({
  receipt: receiptDetailSchema,
  added: z.array(z.object({ sku: text, name: text, qty: count, batch: nullableText, expiry: nullableText })),
  /** The carton (SSCC) the scan received, when it was one. */
  sscc: nullableText,
  /** The label's use-by/best-before is within its category's short-date days. */
  shortDated: shortDatedWarningSchema.optional(),
});

// ── Stock counts (issue 13) ────────────────────────────────────────────────
export const countStatuses = ['counting', 'review', 'recount', 'approved', 'cancelled'] as const;
export const countOrigins = ['manual', 'category', 'not-counted', 'shelf', 'short-pick'] as const;

export const countInfoSchema = z.object({
  countId: text,
  location: text,
  /** `location`: every product found there is counted; `skus`: only the count's lines. */
  scope: z.enum(['location', 'skus']),
  origin: z.enum(countOrigins),
  /** The shelf sensor, order or category it came from. */
  originRef: nullableText,
  owner: text,
  status: z.enum(countStatuses),
  createdAt: text,
  submittedAt: nullableText,
  closedAt: nullableText,
  closedBy: nullableText,
  reasonCode: nullableText,
  lines: z.number().int(),
  countedLines: z.number().int(),
});

/**
 * One product of a count. While the count is open, a counting role reads every ledger figure
 * (snapshot, moves, expected, variance) as null, and a line waiting for its recount hides the
 * first count too.
 */
export const countLineSchema = z.object({
  sku: text,
  name: nullableText,
  counted: z.number().int().nullable(),
  countedBy: nullableText,
  firstScanAt: nullableText,
  /** Never scanned: an explicit zero at review. */
  zeroed: z.boolean(),
  recountNeeded: z.boolean(),
  recounted: z.number().int().nullable(),
  recountedBy: nullableText,
  /** The ledger's quantity at the line's first scan. */
  snapshot: z.number().int().nullable(),
  /** Units moved in, less out, since that snapshot (till sales included). */
  movesSince: z.number().int().nullable(),
  /** snapshot + movesSince. */
  expected: z.number().int().nullable(),
  /** counted (the recount where there is one) − expected. */
  variance: z.number().int().nullable(),
  overTolerance: z.boolean().nullable(),
});

export const countDetailSchema = countInfoSchema.extend({
  lines: z.number().int(),
  items: z.array(countLineSchema),
  /** Whether the reader sees the ledger's figures (false: a counting role while the count is open). */
  figuresShown: z.boolean(),
  tolerances: z.object({ countVarianceUnits: z.number(), countVariancePct: z.number() }),
});

/** How an exchange's difference was settled: the customer paid it, the store paid it back, or a voucher. */
export const exchangeSettlements = ['none', 'collected', 'refunded', 'voucher'] as const;
export const settlementMethods = ['cash', 'card', 'voucher'] as const;

/** An exchange priced before it is made: returned lines at the order's price, new items at today's. */
export const exchangeQuoteSchema = z.object({
  returned: z.array(z.object({ lineId: text, sku: text, qty: z.number(), unitPriceCents: z.number().int(), vatRateBp: z.number().int() })),
  taken: z.array(z.object({ sku: text, name: text, qty: z.number(), unitPriceCents: z.number().int(), vatRateBp: z.number().int() })),
  returnedCents: z.number().int(),
  newCents: z.number().int(),
  /** > 0 the customer pays; < 0 the store gives back. */
  differenceCents: z.number().int(),
  /** HQ's threshold: a difference over it (either way) needs a manager. */
  approvalCents: z.number().int(),
  needsManager: z.boolean(),
});

export const exchangeResultSchema = z.object({
  returnId: text,
  orderId: text,
  differenceCents: z.number().int(),
  settlement: z.enum(exchangeSettlements),
  method: z.enum(settlementMethods).nullable(),
  /** The replacement order's deadline. */
  promisedAt: text,
});

export const cashMovementInfoSchema = z.object({
  id: z.number().int(),
  at: text,
  station: text,
  staff: text,
  kind: text,
  amountCents: z.number().int(),
  ref: text,
  approvedBy: nullableText,
});

/** One day's cash at the counter, per station, with each station's confirmation by a manager. */
export const cashDaySummarySchema = z.object({
  day: text,
  stations: z.array(
    z.object({
      station: text,
      inCents: z.number().int(),
      outCents: z.number().int(),
      netCents: z.number().int(),
      movements: z.array(cashMovementInfoSchema),
      confirmed: z.object({ at: text, by: text, netCents: z.number().int() }).nullable(),
      changedSinceConfirmed: z.boolean(),
    }),
  ),
});

// ── KPIs (issue 15) ──────────────────────────────────────────────────────────

/** A share and what it is a share of: `share` is null when there is nothing to divide by. */
export const kpiRatioSchema = z.object({ numerator: count, denominator: count, share: z.number().min(0).nullable() });
/** Durations in milliseconds; null where no order had one. */
export const kpiDurationsSchema = z.object({ orders: count, p50Ms: z.number().nonnegative().nullable(), p90Ms: z.number().nonnegative().nullable() });

/** Every KPI of the back office for a range of store days, computed from the ledger (main/kpis). */
export const kpiReportSchema = z.object({
  /** First and last store day of the range (both included), in the store's time zone. */
  from: text,
  to: text,
  timeZone: text,
  /** Pickup orders received per store day. */
  ordersPerDay: z.array(z.object({ day: text, orders: count })),
  /** Orders ready at or before their promised time ÷ orders with a promised time that came due or were readied. */
  readyByPromised: kpiRatioSchema,
  /** From receipt to ready. */
  timeToReady: kpiDurationsSchema,
  /** From the first pick to ready. */
  pickTime: kpiDurationsSchema,
  /** Units marked short ÷ units ordered, over orders whose picking began. */
  shortPick: kpiRatioSchema,
  /** Orders not collected ÷ orders that were ready. */
  noShow: kpiRatioSchema,
  returnsByReason: z.array(z.object({ reason: text, units: count, returns: count })),
  returnsByChannel: z.array(z.object({ channel: text, units: count })),
  /** Counted SKU-locations within tolerance ÷ counted SKU-locations. */
  inventoryAccuracy: kpiRatioSchema,
  /** Unexplained negative adjustments ÷ units sold or collected. */
  shrink: kpiRatioSchema,
  /** Units written off, by reason (the shrink's context). */
  writtenOffByReason: z.array(z.object({ reason: text, units: count, unexplained: z.boolean() })),
  outOfStockHours: z.array(z.object({ sensorId: text, sku: text, location: text, hours: z.number().nonnegative() })),
  /** Labels printed after their price took effect ÷ labels printed; null while the label queue cannot say. */
  labelsPrintedLate: kpiRatioSchema.nullable(),
});

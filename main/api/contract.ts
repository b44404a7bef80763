import { z } from 'zod';
import { adjustmentReasons, countApprovalReasons, refundMethods, stationIdSchema, printerNames, printerSettingsSchema, provisionInputSchema, joinStoreInputSchema, serialScannerByPathSchema, shelfConfigSchema, pinSchema, deviceRoles, serialParities, scanSuffixes } from './input-schemas';
import {
  roles,
  deadLetterInfoSchema,
  deviceInfoSchema,
  deviceScanSchema,
  ledgerCheckSchema,
  locationInfoSchema,
  lookupResultSchema,
  movementInfoSchema,
  orderDetailSchema,
  orderInfoSchema,
  orderStages,
  orderStatuses,
  printerInfoSchema,
  printerSwitchesSchema,
  printJobInfoSchema,
  priceScheduleSchema,
  shelfLabelInfoSchema,
  productHitSchema,
  sessionInfoSchema,
  setupStatusSchema,
  shelfInfoSchema,
  shelfAlertSchema,
  auditRowSchema,
  auditEntrySchema,
  shelfMappingSchema,
  shortDatedWarningSchema,
  staffInfoSchema,
  rosterMemberSchema,
  importReportSchema,
  stockSummarySchema,
  syncStatusSchema,
  tillInfoSchema,
  pairedStationInfoSchema,
  stationLinkStatusSchema,
  transferInfoSchema,
  transferListsSchema,
  documentCursorSchema,
  receiptDetailSchema,
  receivingListSchema,
  receivingScanSchema,
  countInfoSchema,
  countDetailSchema,
  countStatuses,
  channelLookupSchema,
  channelRefundMethods,
  channelReturnSchema,
  channelReturnRecordedSchema,
  exchangeQuoteSchema,
  exchangeResultSchema,
  cashDaySummarySchema,
  settlementMethods,
  kpiReportSchema,
} from './shapes';
import { customerArrivalSchema, customerCardViewSchema, customerHitSchema, customerOpeningSchema, customerOrderSchema, customerTaskSchema, specialCategoryWarningSchema } from './customer-shapes';

export { pinSchema } from './input-schemas';
export type { CoreEvent, CoreEventName, CoreEvents } from './events';

// The core's procedures, defined once. Both transports (Electron IPC and the
// WebSocket bridge) carry exactly these, and the core validates every input with
// the schema here before a handler sees it; the screens parse every reply with
// the reply schema here (main/api imports nothing but zod, so the renderer can).

const sku = z.string().trim().min(1).max(64);
const location = z.string().trim().min(1).max(32);
const positiveQty = z.number().int().positive().max(1_000_000_000);
const ref = z.string().trim().min(1).max(128);
const reason = z.string().trim().min(1).max(64);
const orderId = z.string().trim().min(1).max(64);
const countId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** A till's id (main/tills/till-receipt.ts has the same rule). */
const tillId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (1 to 64)');
/** The symbology a scanner named with its AIM identifier (see ScannedCode); absent or null for typed codes. */
const symbology = z.string().min(1).max(40).nullable().optional();
/** From a GS1 label, for recalls: batch/lot (AI 10, character set 82) and expiry day (AI 17 or 15). */
const batch = z.string().regex(/^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/, 'a GS1 batch: 1–20 letters, digits or !"%&\'()*+,-./:;<=>?_');
const expiry = z.iso.date();
const receiptId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const asnId = z.string().trim().min(1).max(64);
const packingSlip = z.string().trim().min(1).max(64);
/** The KPI page's range: store days, both included, at most about a year and a month. */
export const kpiMaxDays = 400;
const kpiRange = z
  .object({ from: z.iso.date(), to: z.iso.date() })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'the range must end on or after its first day', path: ['to'] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 < kpiMaxDays, { message: `at most ${kpiMaxDays} days`, path: ['to'] });

/** A call's approval: the id of a one-use grant that `approval.grant` issued for exactly this call. */
export const approvalSchema = z.object({ grantId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }).strict();
const procedureName = z.string().min(1).max(64);

// Staff administration and CSV import (issue 12).
const staffId = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only');
const staffName = z.string().trim().min(1).max(100);
/** A one-time code as staff type it: the admin code, or a member's first-sign-in code. */
const setupCode = z.string().trim().min(6).max(128);
const importId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
/** Chunks a screen uploads a CSV file in (bytes of the file). */
export const importChunkBytes = 256 * 1024;
const importChunkBase64Max = Math.ceil(importChunkBytes / 3) * 4;
export const maxImportBytes = 64 * 1024 * 1024;
const maxImportChunks = maxImportBytes / importChunkBytes;

// Transfers between stores (issue 13).
const transferId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" and "-" only');
/** Another store of the chain, as HQ names it on its topics. */
const customerId = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" and "-" only');
const storeId = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" and "-" only');
export const transferLocations = ['back_room', 'sales_floor'] as const;
const units = z.number().int().min(0).max(1_000_000_000);

// Who may call each procedure is not here: main/api/access-table.ts holds it, for every role, in one table.
type Def<I extends z.ZodType, O extends z.ZodType> = {
  kind: 'query' | 'command';
  input: I;
  output: O;

};
const query = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): Def<I, O> => ({ kind: 'query', input, output });
const command = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): Def<I, O> => ({ kind: 'command', input, output });
const returnLines = z
  .array(z.object({ lineId: z.string().min(1).max(64), qty: positiveQty, reason, condition: z.enum(['resellable', 'damaged']) }).strict())
  .min(1)
  .max(200);
const exchangeInput = z.object({ orderId, lines: returnLines, newLines: z.array(z.object({ sku, qty: positiveQty }).strict()).min(1).max(50) }).strict();
const cashDay = z.iso.date();
/**
 * What the pickup queue shows: the work to do or finished orders (stage), one status, or all; and text in the
 * order number, customer name or phone, compared without case, accents or spaces.
 */
const queueFilter = z.object({
  stage: z.enum(orderStages).optional(),
  status: z.enum(orderStatuses).optional(),
  search: z.string().trim().min(1).max(100).optional(),
});
const list = <T extends z.ZodType>(item: T) => z.array(item);
const empty = z.object({}).strict();
/**
 * A document list read a page at a time, newest first, by keyset on (date, id): `before` is the
 * last item's date and id, so a deep page costs what the first does (issue 13).
 */
const documentPage = { before: documentCursorSchema.optional(), limit: z.number().int().min(1).max(200).optional() };

export const contract = {
  'session.current': query(empty, sessionInfoSchema),
  /** First run: whether the wizard shows, and what IT's policy already fixed. */
  'setup.status': query(empty, setupStatusSchema),
  /** First run: keep the demo store, and stop asking. */
  'setup.chooseDemo': command(empty, setupStatusSchema),
  /** First run (or an admin later): the store's identity, HQ broker, first admin and device roles; the console restarts on it. */
  'setup.provision': command(provisionInputSchema, z.object({ restarting: z.boolean() })),
  /**
   * First run: join a store that has its host already. Answers with the code this station shows
   * until a manager approves it on the host; then the console restarts as a paired station.
   */
  'setup.joinStore': command(joinStoreInputSchema, z.object({ code: z.string().regex(/^\d{6}$/), fingerprint256: z.string(), expiresAt: z.string() })),
  'session.signIn': command(z.object({ staffId: z.string().min(1).max(64), pin: pinSchema }).strict(), sessionInfoSchema),
  'session.signOut': command(empty, sessionInfoSchema),
  'staff.list': query(empty, list(staffInfoSchema)),
  /**
   * A manager approves one call in place: their PIN buys a grant bound to that
   * procedure and that input, for one use within 2 minutes.
   */
  'approval.grant': command(
    z.object({ staffId: z.string().min(1).max(64), pin: pinSchema, procedure: procedureName, input: z.unknown() }).strict(),
    z.object({ grantId: z.string(), expiresAt: z.string() }),
  ),
  /** Lifts a member's PIN locks (sign-in and approval) before they run out. */
  'staff.unlock': command(z.object({ staffId: z.string().min(1).max(64) }).strict(), staffInfoSchema),
  'locations.list': query(empty, list(locationInfoSchema)),

  'catalog.lookup': query(z.object({ code: z.string().max(128), symbology }).strict(), lookupResultSchema),
  /** Search as you type: each word a prefix of a word of the name, brand or SKU, or the text a barcode prefix. */
  'catalog.search': query(
    z.object({ text: z.string().trim().min(1).max(100), limit: z.number().int().min(1).max(50).optional() }).strict(),
    list(productHitSchema),
  ),

  'stock.levels': query(z.object({ sku }).strict(), stockSummarySchema),
  /** Newest first; `beforeSeq` (the last seq shown) asks for the page after it. */
  'stock.history': query(
    z.object({ sku, limit: z.number().int().min(1).max(500).optional(), beforeSeq: z.number().int().min(1).optional() }).strict(),
    list(movementInfoSchema),
  ),
  /** Units on their way to the store: open expected deliveries and transfers shipped to it. */
  'stock.incoming': query(z.object({ sku }).strict(), z.object({ sku: z.string(), incoming: z.number() })),
  /** The price in force and HQ's next change for this SKU, with when it takes effect. */
  'pricing.schedule': query(z.object({ sku }).strict(), priceScheduleSchema),
  /** Shelf labels waiting to print, in shelf order, from the moment HQ announced their price. */
  'labels.queue': query(empty, list(shelfLabelInfoSchema)),
  /** Prints the chosen labels (every waiting one when `ids` is absent) as one job; they leave the queue once it is done. */
  'labels.print': command(
    z.object({ printer: z.enum(printerNames), ids: z.array(z.number().int().positive()).min(1).max(5000).optional() }).strict(),
    z.object({ jobId: z.number().int(), labelIds: list(z.number().int()) }),
  ),
  'stock.receive': command(
    z.object({ sku, qty: positiveQty, to: location.optional(), ref: ref.optional(), batch: batch.optional(), expiry: expiry.optional() }).strict(),
    movementInfoSchema,
  ),
  'stock.transfer': command(
    z.object({ sku, qty: positiveQty, from: location, to: location, reason: reason.optional(), ref: ref.optional() }).strict(),
    movementInfoSchema,
  ),
  /** A signed correction with its reason code: `found` adds stock (qty > 0), every other reason writes it off (qty < 0). */
  'stock.adjust': command(
    z
      .object({ sku, qty: z.number().int().min(-1_000_000_000).max(1_000_000_000), location, reason: z.enum(adjustmentReasons) })
      .strict(),
    movementInfoSchema,
  ),
  'ledger.check': query(empty, ledgerCheckSchema),

  'orders.queue': query(queueFilter.strict(), list(orderInfoSchema)),
  /** These orders as orders.queue shows them for the same filter; an id not in the reply is not in that queue. */
  'orders.queueRows': query(queueFilter.extend({ ids: z.array(orderId).min(1).max(10_000) }).strict(), list(orderInfoSchema)),
  'orders.detail': query(z.object({ orderId }).strict(), orderDetailSchema),
  /** Order number typed, or the customer's QR scanned. */
  'orders.find': query(z.object({ code: z.string().trim().min(1).max(128) }).strict(), orderDetailSchema),
  'orders.accept': command(z.object({ orderId }).strict(), orderInfoSchema),
  'orders.reject': command(z.object({ orderId, reason }).strict(), orderInfoSchema),
  'orders.pick': command(z.object({ orderId, code: z.string().trim().min(1).max(128), symbology }).strict(), z.object({ order: orderInfoSchema, lineId: z.string(), shortDated: shortDatedWarningSchema.optional() })),
  'orders.short': command(z.object({ orderId, lineId: z.string().min(1).max(64), qty: positiveQty, reason }).strict(), orderInfoSchema),
  'orders.ready': command(z.object({ orderId }).strict(), orderInfoSchema),
  'orders.handover': command(
    z
      .object({
        orderId,
        verificationCode: z.string().trim().min(1).max(32),
        refused: z.array(z.object({ lineId: z.string().min(1).max(64), qty: positiveQty }).strict()).max(200).optional(),
        idChecked: z.boolean().optional(),
      })
      .strict(),
    orderInfoSchema,
  ),
  'orders.cancel': command(z.object({ orderId, reason }).strict(), orderInfoSchema),
  'orders.return': command(
    z
      .object({
        orderId,
        refundMethod: z.enum(refundMethods),
        lines: z
          .array(z.object({ lineId: z.string().min(1).max(64), qty: positiveQty, reason, condition: z.enum(['resellable', 'damaged']) }).strict())
          .min(1)
          .max(200),
      })
      .strict(),
    z.object({ returnId: z.string() }),
  ),
  /** An exchange priced before it is made: what comes back at the order's price, what goes out at today's, the difference. */
  'orders.exchangeQuote': query(exchangeInput, exchangeQuoteSchema),
  /**
   * A return and the reservation of replacements in one step; the replacements become an accepted
   * order with a deadline. A price difference is settled by `settlement` (cash or card collects it;
   * cash, card or a voucher gives it back); over HQ's threshold it is a manager's decision.
   */
  'orders.exchange': command(exchangeInput.extend({ settlement: z.enum(settlementMethods).optional() }).strict(), exchangeResultSchema),
  /** One day's cash at the counter, per station (today when no day is given). */
  'cash.endOfDay': query(z.object({ day: cashDay.optional() }).strict(), cashDaySummarySchema),
  /** A manager confirms one station's cash for the day. */
  'cash.confirmDay': command(z.object({ day: cashDay, station: stationIdSchema }).strict(), cashDaySummarySchema),
  'devices.list': query(empty, list(deviceInfoSchema)),
  /** A device's role and serial framing, kept by its identity (VID, PID, serial number, path). */
  'devices.configure': command(
    z
      .object({
        identity: z.string().min(1).max(300),
        role: z.enum(deviceRoles),
        baudRate: z.number().int().min(300).max(921_600).optional(),
        parity: z.enum(serialParities).optional(),
        suffix: z.enum(scanSuffixes).optional(),
      })
      .strict(),
    list(deviceInfoSchema),
  ),
  /** A serial scanner on a port discovery cannot list (built-in COM/ttyS, adapters without a serial number), by its path and framing. */
  'devices.addSerial': command(serialScannerByPathSchema, list(deviceInfoSchema)),
  /** Demo store only: the developer panel fires a scan through the virtual scanner. */
  'dev.fireScan': command(z.object({ text: z.string().min(1).max(256) }).strict(), deviceScanSchema),
  'printing.printers': query(empty, list(printerInfoSchema)),
  /** Jobs not yet done (with why each waits) and the last ones that printed. */
  'printing.jobs': query(empty, z.object({ pending: list(printJobInfoSchema), recent: list(printJobInfoSchema) })),
  /** A person asks for a job again: a new job naming the original, never an automatic resend. */
  'printing.reprint': command(z.object({ jobId: z.number().int().positive() }).strict(), z.object({ jobId: z.number().int() })),
  /** An unconfirmed job did come out: take it off the list without printing it again. */
  'printing.dismiss': command(z.object({ jobId: z.number().int().positive() }).strict(), z.object({ dismissed: z.boolean() })),
  'printing.testPage': command(z.object({ printer: z.enum(printerNames) }).strict(), z.object({ jobId: z.number().int().nullable() })),
  /** Opens the cash drawer now (never queued for later). */
  'printing.openDrawer': command(z.object({ printer: z.enum(printerNames) }).strict(), z.object({ ok: z.boolean(), message: z.string().optional() })),
  'printing.configure': command(
    z.object({ printer: z.enum(printerNames), settings: printerSettingsSchema.nullable() }).strict(),
    list(printerInfoSchema),
  ),
  'shelves.list': query(empty, list(shelfInfoSchema)),
  /** Which sensor watches which product where, with its unit weight, tare, thresholds and tolerance. */
  'shelves.mapping': query(empty, list(shelfMappingSchema)),
  /** Bounded so that the largest valid mapping still fits in one bridge frame (see bridge-server's maxFrameBytes). */
  'shelves.configure': command(z.object({ shelves: z.array(shelfConfigSchema.extend({ sku, location }).strict()).max(500) }).strict(), list(shelfInfoSchema)),
  /** Demo store only: what the virtual printer has printed, as readable text, newest last. */
  'dev.printerPreview': query(z.object({ limit: z.number().int().min(1).max(50).optional() }).strict(), z.object({ receipts: z.array(z.string()), inProgress: z.string(), /** What the virtual label printer printed, newest last. */ labels: z.array(z.string()).optional() })),
  /**
   * Demo store only: the customers' open orders with their handover codes, as the customer's phone shows
   * them, read from the embedded HQ simulator (never from the ledger, which keeps only a hash of each code).
   */
  'dev.customerCodes': query(
    empty,
    list(
      z.object({
        orderId: z.string(),
        customerName: z.string(),
        code: z.string(),
        promisedAt: z.string().nullable(),
        status: z.string().nullable(),
      }),
    ),
  ),
  /** Demo store only: the virtual printer's switches as they stand. */
  'dev.printerState': query(empty, printerSwitchesSchema),
  /** Demo store only: switch the virtual printer to paper out, cover open or offline. */
  'dev.setPrinter': command(
    z.object({ paperOut: z.boolean().optional(), coverOpen: z.boolean().optional(), offline: z.boolean().optional() }).strict(),
    printerSwitchesSchema,
  ),
  /** Demo store only: put a weight on a virtual shelf sensor. */
  'dev.setShelfWeight': command(
    z.object({ sensorId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/), grams: z.number().min(-100_000).max(1_000_000) }).strict(),
    list(shelfInfoSchema),
  ),
  /** Available-to-promise of a SKU in the chain's other stores, asked of HQ (null: HQ unreachable). */
  'hq.stockLookup': query(z.object({ sku }).strict(), list(z.object({ store: z.string(), atp: z.number() })).nullable()),
  /** Customers HQ knows by name or phone, with their online orders (null: HQ unreachable). */
  'hq.customerLookup': query(z.object({ query: z.string().trim().min(2).max(100) }).strict(), list(z.object({ name: z.string(), orders: z.array(z.string()) })).nullable()),
  /** For IT: a zip of the logs, the configuration without secrets and a ledger check, saved in the data folder. */
  'diagnostics.save': command(empty, z.object({ file: z.string(), bytes: z.number().int() })),
  'sync.status': query(empty, syncStatusSchema.nullable()),
  'sync.deadLetters': query(z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(), list(deadLetterInfoSchema)),
  'sync.retryDeadLetter': command(z.object({ id: z.number().int().positive() }).strict(), z.object({ ok: z.boolean(), outcome: z.string() })),

  /** The tills that may post receipts, and where they post them (null: the till endpoint is not running). */
  'tills.list': query(empty, z.object({ endpoint: z.string().nullable(), tills: list(tillInfoSchema) })),
  /** A new bearer token for a till, shown this once; a till's earlier token stops working. */
  'tills.issueToken': command(z.object({ till: tillId }).strict(), z.object({ till: z.string(), token: z.string() })),
  /** The till's token stops working now. */
  'tills.revokeToken': command(z.object({ till: tillId }).strict(), tillInfoSchema),
  // ── Staff administration (issue 12): admins add, edit, deactivate, set roles and reset PINs ──
  /** The sign-in screen offers "first admin": a one-time admin code is configured and the store has no staff. */
  'staff.firstAdminOffered': query(empty, z.object({ offered: z.boolean() })),
  /** The first admin of a store configured by environment or policy, with its one-time admin code; signs them in. */
  'session.firstAdmin': command(
    z.object({ code: setupCode, staffId, name: staffName, pin: pinSchema }).strict(),
    sessionInfoSchema,
  ),
  /** A member with no PIN yet (sent by HQ) signs in for the first time with their one-time code, choosing their PIN. */
  'session.signInWithCode': command(z.object({ staffId, code: setupCode, pin: pinSchema }).strict(), sessionInfoSchema),
  /** Every member, active or not, with their locks: the staff screen. */
  'staff.roster': query(empty, list(rosterMemberSchema)),
  'staff.add': command(z.object({ staffId, name: staffName, role: z.enum(roles), pin: pinSchema }).strict(), staffInfoSchema),
  'staff.rename': command(z.object({ staffId, name: staffName }).strict(), staffInfoSchema),
  'staff.setRole': command(z.object({ staffId, role: z.enum(roles) }).strict(), staffInfoSchema),
  'staff.deactivate': command(z.object({ staffId }).strict(), staffInfoSchema),
  /** An admin sets a new PIN for a member (and lifts their locks). */
  'staff.resetPin': command(z.object({ staffId, pin: pinSchema }).strict(), staffInfoSchema),

  // ── CSV import without HQ (issue 12): a staged file, uploaded in chunks, dry-run, then committed ──
  /** Stages an import of `chunks` chunks of at most 256 KiB each. */
  'import.begin': command(
    z.object({ fileName: z.string().trim().min(1).max(200), totalBytes: z.number().int().positive().max(maxImportBytes), chunks: z.number().int().positive().max(maxImportChunks) }).strict(),
    z.object({ importId: z.string(), chunkBytes: z.number().int() }),
  ),
  /** One chunk of the file, base64: 256 KiB of file is 342 KiB here, well below the bridge's 1 MiB frame. */
  'import.chunk': command(
    z.object({ importId, chunk: z.number().int().nonnegative().max(maxImportChunks - 1), data: z.string().min(1).max(importChunkBase64Max).regex(/^[A-Za-z0-9+/]+=*$/, 'base64') }).strict(),
    z.object({ received: z.number().int(), chunks: z.number().int() }),
  ),
  /** What the staged file would change, and every bad line with its field and reason. Changes nothing. */
  'import.dryRun': query(z.object({ importId }).strict(), importReportSchema),
  /** Imports the staged file in one transaction: nothing when it has bad lines, unless they are explicitly skipped. */
  'import.commit': command(z.object({ importId, skipBadLines: z.boolean() }).strict(), importReportSchema),
  // Several stations, one store (main/stations): the host pairs stations; a paired station proxies every call to it.
  /** How this console reaches the ledger; a paired station answers it itself, host or not. */
  'stations.linkStatus': query(empty, stationLinkStatusSchema),
  'stations.list': query(empty, list(pairedStationInfoSchema)),
  /** A manager approves the pairing code a new station shows: that station gets its credential. */
  'stations.approvePairing': command(z.object({ code: z.string().regex(/^\d{6}$/, 'six digits') }).strict(), z.object({ station: z.string() })),
  'stations.revoke': command(z.object({ station: stationIdSchema }).strict(), list(pairedStationInfoSchema)),

  // ── Transfers between stores (issue 13, main/transfers) ──
  /**
   * With `limit`, one page, newest first by (date, id), starting after the cursor `before` (the
   * last item's date and id); without it, the whole list as before. Incoming or outgoing by `direction`.
   */
  /** This store's transfers: those it ships (outgoing) and those it receives (incoming), open ones first. */
  'transfers.list': query(z.object({ ...documentPage, direction: z.enum(['outgoing', 'incoming']).optional() }).strict(), transferListsSchema),
  'transfers.detail': query(z.object({ transferId }).strict(), transferInfoSchema),
  /** A draft to another store of the chain, taking stock from `from` (the back room by default). */
  'transfers.create': command(z.object({ to: storeId, from: z.enum(transferLocations).optional() }).strict(), transferInfoSchema),
  /** A scan (1 unit, or its pack's) or a typed SKU and quantity, added to a draft's line. */
  'transfers.addLine': command(z.object({ transferId, code: z.string().trim().min(1).max(128), symbology, qty: positiveQty.optional() }).strict(), transferInfoSchema),
  'transfers.removeLine': command(z.object({ transferId, sku }).strict(), transferInfoSchema),
  /** The draft's stock moves to `in_transit`, and HQ tells the destination. */
  'transfers.ship': command(z.object({ transferId }).strict(), transferInfoSchema),
  /**
   * A receipt at the destination, part or all of what was shipped: per line, units received
   * (to the back room), damaged (to `damaged`) and lost (written off). The same
   * `receiptId` again changes nothing.
   */
  'transfers.receive': command(
    z
      .object({
        transferId,
        receiptId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
        lines: z.array(z.object({ sku, received: units, damaged: units, lost: units }).strict()).min(1).max(500),
      })
      .strict(),
    transferInfoSchema,
  ),

  // ── Receiving (issue 13): HQ's ASNs received by scanning ──
  /**
   * Receipts open or paused, and the ASNs nobody has started. With `limit`, one page of receipts,
   * newest first by (opened, id) after the cursor `before`; the ASNs come whole on every page.
   */
  'receiving.list': query(z.object(documentPage).strict(), receivingListSchema),
  'receiving.detail': query(z.object({ receiptId }).strict(), receiptDetailSchema),
  /** Starts receiving an ASN (or carries on with its receipt); without `asnId`, a delivery HQ did not announce: a manager's approval. */
  'receiving.open': command(z.object({ asnId: asnId.optional(), supplier: z.string().trim().min(1).max(200).optional() }).strict(), receiptDetailSchema),
  /** One scan: a product (1, or a GS1-128 label's AI 30/37 count) or a carton's SSCC (AI 00). */
  'receiving.scan': command(z.object({ receiptId, code: z.string().trim().min(1).max(128), symbology }).strict(), receivingScanSchema),
  'receiving.pause': command(z.object({ receiptId }).strict(), receiptDetailSchema),
  'receiving.resume': command(z.object({ receiptId }).strict(), receiptDetailSchema),
  /** Posts what was received (supplier → `location`, back room by default) and sends the differences to HQ. */
  'receiving.close': command(z.object({ receiptId, packingSlip, location: location.optional() }).strict(), receiptDetailSchema),
  // ── Stock counts (issue 13): blind, by scan, against snapshot + moves, approved by a manager ──
  /** Newest first; with `limit`, one page after the cursor `before` (the last count's createdAt and countId). */
  'counts.list': query(z.object({ ...documentPage, status: z.enum(countStatuses).optional() }).strict(), list(countInfoSchema)),
  'counts.detail': query(z.object({ countId }).strict(), countDetailSchema),
  /** A count by hand: a whole location, a category there, chosen SKUs, or what was not counted for `days`. */
  'counts.create': command(
    z.discriminatedUnion('by', [
      z.object({ by: z.literal('location'), location }).strict(),
      z.object({ by: z.literal('category'), location, category: z.string().trim().min(1).max(100) }).strict(),
      z.object({ by: z.literal('skus'), location, skus: z.array(sku).min(1).max(500) }).strict(),
      z.object({ by: z.literal('not-counted'), location, days: z.number().int().min(1).max(3650) }).strict(),
    ]),
    countInfoSchema,
  ),
  /** One scan adds `qty` (1 unless typed) to its line; the first scan of a line takes its snapshot. */
  'counts.scan': command(z.object({ countId, code: z.string().trim().min(1).max(128), symbology, qty: positiveQty.optional() }).strict(), countDetailSchema),
  /** Counting is done: uncounted lines become zeros; lines over tolerance ask for a recount by another person. */
  'counts.submit': command(z.object({ countId }).strict(), countDetailSchema),
  /** A manager approves the variances with a reason code: the adjustments post and HQ hears the result once. */
  'counts.approve': command(z.object({ countId, reasonCode: z.enum(countApprovalReasons) }).strict(), countDetailSchema),
  'counts.cancel': command(z.object({ countId }).strict(), countInfoSchema),

  // ── Returns from any channel (issue 16, main/returns): HQ finds the order and counts returned units chain-wide ──
  /** Orders HQ sold in any channel, by the receipt's or e-mail's QR text, the order number, or the customer's name or phone. */
  'returns.lookup': query(z.object({ query: z.string().trim().min(2).max(200) }).strict(), channelLookupSchema),
  /**
   * A return counted by HQ before it counts here (over-returns are refused chain-wide); the units go to
   * `returns`. `offline`: HQ does not answer, the lines are the scanned receipt's SKUs, a manager approves,
   * and it settles when HQ answers.
   */
  'returns.record': command(
    z.discriminatedUnion('offline', [
      z
        .object({
          offline: z.literal(false),
          orderId,
          refundMethod: z.enum(channelRefundMethods),
          lines: z.array(z.object({ lineId: z.string().trim().min(1).max(64), qty: positiveQty, reason }).strict()).min(1).max(200),
        })
        .strict(),
      z
        .object({
          offline: z.literal(true),
          orderId: z.string().trim().min(1).max(200),
          refundMethod: z.enum(channelRefundMethods),
          lines: z.array(z.object({ sku, qty: positiveQty, reason }).strict()).min(1).max(200),
        })
        .strict(),
    ]),
    channelReturnRecordedSchema,
  ),
  /** The latest returns from any channel, newest first (the last 50; with `limit`, one page after the cursor `before`). */
  'returns.list': query(z.object(documentPage).strict(), list(channelReturnSchema)),
  /** Units waiting in `returns` go to stock (sales floor) or to damaged, with a reason. */
  'returns.dispose': command(
    z.object({ returnId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), lineId: z.string().trim().min(1).max(64), to: z.enum(['stock', 'damaged']), qty: positiveQty, reason }).strict(),
    channelReturnSchema,
  ),
  /** The back office's KPIs for a range of store days, from the ledger (issue 15). */
  'kpis.report': query(kpiRange, kpiReportSchema),
  // Customers (issue 17): the card comes from HQ, scoped by consent and role; every opening is audited.
  'customers.open': command(
    z
      .object({
        by: z.discriminatedUnion('kind', [z.object({ kind: z.literal('id'), customerId }).strict(), z.object({ kind: z.literal('code'), code: z.string().trim().min(1).max(128) }).strict()]),
        via: z.enum(['scan', 'search', 'order', 'arrival']),
      })
      .strict(),
    customerCardViewSchema,
  ),
  'customers.search': query(z.object({ query: z.string().trim().min(2).max(100) }).strict(), list(customerHitSchema).nullable()),
  'customers.arrivals': query(empty, list(customerArrivalSchema)),
  'customers.checkIn': command(z.object({ code: z.string().trim().min(1).max(128) }).strict(), z.object({ id: z.number(), customerId: z.string() })),
  'customers.dismissArrival': command(z.object({ id: z.number().int().positive() }).strict(), z.object({ dismissed: z.boolean() })),
  'customers.orderElsewhere': command(
    z
      .object({ customerId, sku, qty: z.number().int().positive().max(100), from: storeId, fulfilment: z.enum(['pickup-here', 'delivery', 'reserve']) })
      .strict(),
    customerOrderSchema,
  ),
  'customers.tasks': query(z.object({ assignee: staffId.optional(), openOnly: z.boolean().optional() }).strict(), list(customerTaskSchema)),
  'customers.addTask': command(
    z.object({ customerId, assignee: staffId.optional(), dueAt: z.iso.datetime({ offset: true }), note: z.string().trim().min(1).max(500) }).strict(),
    z.object({ id: z.number(), warning: specialCategoryWarningSchema.nullable() }),
  ),
  'customers.completeTask': command(z.object({ id: z.number().int().positive() }).strict(), z.object({ done: z.boolean() })),
  'customers.checkNote': query(z.object({ text: z.string().max(1000) }).strict(), specialCategoryWarningSchema.nullable()),
  'customers.openings': query(z.object({ customerId: customerId.optional(), limit: z.number().int().positive().max(500).optional() }).strict(), list(customerOpeningSchema)),
  // The shelf board's alerts (issue 15): open ones (or the latest, acknowledged too), and a person's acknowledgement.
  'shelves.alerts': query(z.object({ open: z.boolean().optional() }).strict(), list(shelfAlertSchema)),
  /** Acknowledges an alert; acknowledging it again answers it as it is (who acknowledged it first stays). */
  'shelves.acknowledge': command(z.object({ alertId: z.number().int().positive() }).strict(), shelfAlertSchema),

  // The audit log viewer (issue 15): pages newest first after the cursor `before` (keyset on the id).
  'audit.list': query(
    z
      .object({
        before: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(200).default(100),
        staff: staffId.optional(),
        approvedBy: staffId.optional(),
        command: procedureName.optional(),
        document: z.string().trim().min(1).max(128).optional(),
        from: z.iso.datetime().optional(),
        to: z.iso.datetime().optional(),
      })
      .strict(),
    list(auditRowSchema),
  ),
  /** One entry whole. A command, so that reading what someone entered is itself on the log. */
  'audit.entry': command(z.object({ id: z.number().int().positive() }).strict(), auditEntrySchema),
} as const;

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
export type ProcedureInput<N extends ProcedureName> = z.input<Contract[N]['input']>;
export type ProcedureOutput<N extends ProcedureName> = z.output<Contract[N]['output']>;
export const procedureNames = Object.keys(contract) as ProcedureName[];

/** One call as it crosses a transport. */
export const callRequestSchema = z
  .object({
    name: z.string().min(1).max(64),
    input: z.unknown(),
    approval: approvalSchema.optional(),
  })
  .strict();
export type CallRequest = z.infer<typeof callRequestSchema>;

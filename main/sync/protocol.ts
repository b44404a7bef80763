import { z } from 'zod';

// The store↔HQ protocol (docs/protocol.md), as schemas both sides validate with.
// MQTT 3.1.1 is enough: everything an MQTT 5 property would carry is in the JSON.

export const protocolVersion = 1;

/** Ids that become topic levels: no MQTT wildcards, separators or NUL. */
export const topicId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-" only: "+", "#", "/", "." and NUL are refused');

const messageId = z.string().min(1).max(64);
const isoTime = z.iso.datetime({ offset: true });
const seq = z.number().int().positive();
const sku = z.string().min(1).max(64);
const qty = z.number().int();
const cents = z.number().int().nonnegative();

const envelope = { v: z.literal(protocolVersion), id: messageId, at: isoTime };


// ── Customers (issue 17) ───────────────────────────────────────────────────

/** HQ's id for a customer: pseudonymous, the only customer key the store keeps past 24 hours. */
export const customerId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const personName = z.string().min(1).max(200);
const storeOrChannel = z.string().min(1).max(64);
/** One delivery step an order went through, newest last. */
export const trackingStep = z.object({ at: isoTime, status: z.string().min(1).max(64), where: z.string().max(200).optional() });
export const customerOrderSummary = z.object({
  orderId: z.string().min(1).max(64),
  /** `online`, or the store that takes or ships it. */
  from: storeOrChannel,
  fulfilment: z.enum(['pickup-here', 'pickup', 'delivery', 'reserve']),
  status: z.string().min(1).max(64),
  promisedAt: isoTime.nullable(),
  lines: z.array(z.object({ sku, name: z.string().max(200), qty: z.number().int().positive() })).max(200),
  tracking: z.array(trackingStep).max(100),
});
const browsedItem = z.object({
  sku,
  name: z.string().max(200),
  at: isoTime,
  /** Sellable units in the chain's other stores, as HQ last heard them. */
  nearby: z.array(z.object({ store: topicId, atp: qty })).max(50),
});
/**
 * The card HQ answers for one customer, scoped to the asking store. HQ leaves `browsing` out (null)
 * unless the customer consented to personalisation, and says why in `withheld`.
 */
export const customerCard = z.object({
  customerId,
  profile: z.object({
    name: personName,
    phone: z.string().max(40).nullable(),
    email: z.string().max(200).nullable(),
    contact: z.object({ email: z.boolean(), sms: z.boolean(), phone: z.boolean() }),
  }),
  consents: z.object({ personalisation: z.boolean(), contact: z.boolean() }),
  loyalty: z.object({ tier: z.string().max(40), points: z.number().int().nonnegative(), cardNumber: z.string().max(64).nullable() }),
  history: z
    .array(
      z.object({
        ref: z.string().min(1).max(64),
        kind: z.enum(['purchase', 'return']),
        channel: z.enum(['online', 'this-store', 'other-store']),
        store: storeOrChannel,
        at: isoTime,
        lines: z.array(z.object({ sku, name: z.string().max(200), qty: z.number().int().positive(), size: z.string().max(20).optional() })).max(200),
      }),
    )
    .max(200),
  openOrders: z.array(customerOrderSummary).max(50),
  notes: z.array(z.object({ at: isoTime, text: z.string().max(1000), by: z.string().max(64) })).max(50),
  sizes: z.array(z.object({ kind: z.string().max(40), size: z.string().max(20) })).max(20),
  browsing: z
    .object({ viewed: z.array(browsedItem).max(50), wishlist: z.array(browsedItem).max(50), cart: z.array(browsedItem.extend({ qty: z.number().int().positive() })).max(50) })
    .nullable(),
  /** Why a panel is missing: `no-personalisation-consent`. */
  withheld: z.array(z.object({ panel: z.literal('browsing'), reason: z.enum(['no-personalisation-consent']) })).max(5),
});
export type CustomerCard = z.infer<typeof customerCard>;

// ── Store → HQ ─────────────────────────────────────────────────────────────

export const movementData = z.object({
  seq,
  id: z.string().min(1).max(64),
  sku,
  qty: z.number().int().positive(),
  from: z.string().min(1).max(32),
  to: z.string().min(1).max(32),
  reason: z.string().min(1).max(64),
  ref: z.string().max(128).nullable(),
  staff: z.string().min(1).max(64),
  station: z.string().min(1).max(64),
  at: isoTime,
  /** GS1 batch/lot (AI 10): 1–20 characters of GS1 character set 82. */
  batch: z.string().regex(/^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/).optional(),
  /** Expiry day (GS1 AI 17, or best-before 15). */
  expiry: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

/** A transfer between two stores of the chain (docs/protocol.md, "Transfers between stores"). */
export const transferId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" and "-" only');
/** The origin shipped it: its stock moved to `in_transit`; HQ relays this to `to` as `transfer.incoming`. */
export const transferShipped = z.object({
  transferId,
  from: topicId,
  to: topicId,
  shippedAt: isoTime,
  shippedBy: z.string().min(1).max(64),
  lines: z.array(z.object({ sku, qty: z.number().int().positive().max(1_000_000_000) })).min(1).max(500),
});
/**
 * The destination received part or all of it: per line, units received, damaged and lost. `closes`:
 * every shipped unit is now accounted for. HQ relays it to `from` as `transfer.receipt`.
 */
export const transferReceived = z.object({
  transferId,
  receiptId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  from: topicId,
  to: topicId,
  receivedAt: isoTime,
  receivedBy: z.string().min(1).max(64),
  lines: z
    .array(z.object({ sku, received: z.number().int().nonnegative(), damaged: z.number().int().nonnegative(), lost: z.number().int().nonnegative() }))
    .min(1)
    .max(500),
  closes: z.boolean(),
});
/** A GS1 SSCC (AI 00): 18 digits, the last a check digit. */
export const sscc = z.string().regex(/^\d{18}$/);

/**
 * A receipt closed at the store: what arrived against what the ASN said, once per receipt. The
 * stock itself arrives as `stock.movement`s from `supplier` with `ref` = the receipt id.
 */
export const receiptClosedData = z.object({
  receiptId: z.string().min(1).max(64),
  /** The ASN received; null for a delivery received without one (a manager approved it). */
  asnId: z.string().min(1).max(64).nullable(),
  supplier: z.string().max(200),
  packingSlip: z.string().min(1).max(64),
  location: z.string().min(1).max(32),
  closedAt: isoTime,
  staff: z.string().min(1).max(64),
  station: z.string().min(1).max(64),
  /** Every line: `received - expected` is its difference (0 for a line received in full). */
  lines: z.array(z.object({ sku, expected: z.number().int().nonnegative(), received: z.number().int().nonnegative() })).max(1000),
  /** Items scanned that the ASN did not list: refused at the dock, not received. `sku` is null for a code no product has. */
  unexpected: z.array(z.object({ code: z.string().min(1).max(128), sku: sku.nullable(), qty: z.number().int().positive() })).max(1000),
});
/**
 * A stock count a manager approved (issue 13): its lines with the ledger's snapshot at each first
 * scan, the movements since, what was counted (the recount where one was taken) and the variance
 * the adjustments posted. Sent once; its adjustments travel as `stock.movement`s with
 * `ref: "count:<countId>"` and the approval's reason code.
 */
export const countClosedData = z.object({
  countId: z.string().min(1).max(64),
  location: z.string().min(1).max(32),
  origin: z.enum(['manual', 'category', 'not-counted', 'shelf', 'short-pick']),
  originRef: z.string().max(128).nullable(),
  owner: z.string().min(1).max(64),
  approvedBy: z.string().min(1).max(64),
  reasonCode: z.string().min(1).max(64),
  at: isoTime,
  lines: z
    .array(
      z.object({
        sku,
        snapshot: qty,
        movesSince: qty,
        expected: qty,
        counted: qty.nonnegative(),
        variance: qty,
        countedBy: z.string().max(64).nullable(),
        recountedBy: z.string().max(64).nullable(),
        /** Nobody scanned it: counted as an explicit zero at review. */
        zeroed: z.boolean(),
      }),
    )
    .max(5000),
});

/** A share and what it is a share of; `share` is null when there was nothing to divide by. */
const kpiRatio = z.object({ numerator: z.number().int().nonnegative(), denominator: z.number().int().nonnegative(), share: z.number().min(0).nullable() });
const kpiDurations = z.object({ orders: z.number().int().nonnegative(), p50Ms: z.number().nonnegative().nullable(), p90Ms: z.number().nonnegative().nullable() });
/**
 * The KPIs of one store day (issue 15), sent once after the day ends in the store's time zone.
 * Definitions: docs/protocol.md, `kpi.digest`.
 */
export const kpiDigestData = z.object({
  day: z.iso.date(),
  timeZone: z.string().min(1).max(64),
  /** The day as instants: [from, to). */
  from: isoTime,
  to: isoTime,
  ordersReceived: z.number().int().nonnegative(),
  readyByPromised: kpiRatio,
  timeToReady: kpiDurations,
  pickTime: kpiDurations,
  shortPick: kpiRatio,
  noShow: kpiRatio,
  returnsByReason: z.array(z.object({ reason: z.string().min(1).max(64), units: z.number().int().nonnegative(), returns: z.number().int().nonnegative() })).max(100),
  inventoryAccuracy: kpiRatio,
  shrink: kpiRatio,
  outOfStockHours: z.array(z.object({ sensorId: z.string().min(1).max(128), sku, hours: z.number().nonnegative() })).max(2000),
  /** null: the store cannot tell yet. */
  labelsPrintedLate: kpiRatio.nullable(),
});
/**
 * A price reduction the store applied without an established 30-day lowest price: its own history is
 * shorter than 30 days and HQ's message carried no reference. Its label says so; HQ should send one.
 */
export const priceReferenceMissing = z.object({
  sku,
  priceCents: cents,
  previousCents: cents,
  effectiveAt: isoTime,
  /** The promotion that reduces it, or null for a price change. */
  promotionId: z.string().min(1).max(64).nullable(),
  /** From when the store's own price history runs, or null when it has none for this SKU. */
  historyFrom: isoTime.nullable(),
});

/** One outbox event; `seq` is the store's gap-free outbox sequence. */
export const upEvent = z.discriminatedUnion('type', [
  z.object({ seq, type: z.literal('stock.movement'), data: movementData }),
  z.object({ seq, type: z.literal('order.status'), data: z.record(z.string(), z.unknown()) }),
  z.object({ seq, type: z.literal('return.recorded'), data: z.record(z.string(), z.unknown()) }),
  z.object({ seq, type: z.literal('shelf.alert'), data: z.record(z.string(), z.unknown()) }),
  z.object({ seq, type: z.literal('transfer.shipped'), data: transferShipped }),
  z.object({ seq, type: z.literal('transfer.received'), data: transferReceived }),
  z.object({ seq, type: z.literal('receipt.closed'), data: receiptClosedData }),
  z.object({ seq, type: z.literal('count.closed'), data: countClosedData }),
  z.object({ seq, type: z.literal('kpi.digest'), data: kpiDigestData }),
  z.object({ seq, type: z.literal('price.reference-missing'), data: priceReferenceMissing }),
]);
export type UpEvent = z.infer<typeof upEvent>;

export const maxEventsPerMessage = 100;

export const upEventsMessage = z.object({
  ...envelope,
  type: z.literal('events'),
  events: z.array(upEvent).min(1).max(maxEventsPerMessage),
});

export const presenceMessage = z.object({
  ...envelope,
  type: z.literal('presence'),
  status: z.enum(['online', 'offline']),
  /** Highest HQ stream number applied, so HQ replays what came after. */
  appliedDseq: z.number().int().nonnegative().optional(),
  /** The HQ epoch that `appliedDseq` counts in (absent before the store saw one). */
  epoch: z.string().min(1).max(64).optional(),
  app: z.string().max(64).optional(),
  /**
   * The store has its catalog and stock and takes orders (docs/protocol.md, "A store from zero").
   * Absent: a store from before readiness; HQ routes to it only if it knows the store by other means.
   */
  ready: z.boolean().optional(),
});

export const digestMessage = z.object({
  ...envelope,
  type: z.literal('digest'),
  /** The digest covers every event up to this outbox sequence. */
  upToSeq: z.number().int().nonnegative(),
  levels: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const downAckMessage = z.object({
  ...envelope,
  type: z.literal('ack'),
  appliedDseq: z.number().int().nonnegative(),
  epoch: z.string().min(1).max(64).optional(),
});

/**
 * The store asks HQ to send its whole stream again from dseq 1 (of `epoch`): HQ's epoch changed,
 * or HQ's numbering went backwards, so the store's `appliedDseq` no longer names HQ's messages.
 */
export const resyncRequestMessage = z.object({
  ...envelope,
  type: z.literal('resync-request'),
  /** The epoch the store now follows (the one HQ's latest message carried), if any. */
  epoch: z.string().min(1).max(64).optional(),
  reason: z.enum(['epoch-changed', 'numbering-went-backwards']),
});

/** A return's id, chosen by the store that takes the item back: HQ keys its claims by it, so a repeat is answered, not counted twice. */
export const returnClaimId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
export const refundMethods = ['cash', 'store-credit', 'original-payment'] as const;
/**
 * Returns from any channel (docs/protocol.md, "Returns from any channel"): the store finds an order
 * HQ sold (delivered home, collected anywhere), claims the units it takes back, and follows the
 * refund to the original payment. HQ holds each order line's returned units for the whole chain.
 */
/**
 * The QR on a receipt or an order's e-mail: `MOSTRADOR-ORDER:<orderId>`. A lookup by QR sends the
 * text as scanned; HQ and the store both read the order id out of it.
 */
export const orderQrPrefix = 'MOSTRADOR-ORDER:';
export function orderFromQr(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed.toUpperCase().startsWith(orderQrPrefix)) return null;
  const orderId = trimmed.slice(orderQrPrefix.length).trim();
  return orderId.length > 0 && orderId.length <= 64 ? orderId : null;
}
export const returnClaimLine = z.object({ lineId: z.string().min(1).max(64), qty: z.number().int().positive().max(1_000_000) });
export const requestMessage = z.discriminatedUnion('type', [
  z.object({ ...envelope, type: z.literal('stock-lookup'), requestId: messageId, sku }),
  z.object({ ...envelope, type: z.literal('customer-lookup'), requestId: messageId, query: z.string().min(1).max(100) }),
  /** By the receipt's or e-mail's QR text, the order number, or the customer's name or phone. */
  z.object({ ...envelope, type: z.literal('order-lookup'), requestId: messageId, query: z.string().min(1).max(200) }),
  /** Counts these units as returned, or refuses them all if any line would go over what was sold. */
  z.object({
    ...envelope,
    type: z.literal('return-claim'),
    requestId: messageId,
    claimId: returnClaimId,
    orderId: z.string().min(1).max(64),
    lines: z.array(returnClaimLine).min(1).max(200),
    refund: z.object({ method: z.enum(refundMethods), amountCents: cents }),
  }),
  z.object({ ...envelope, type: z.literal('refund-status'), requestId: messageId, claimId: returnClaimId }),
  // Issue 17: one card, by HQ id or by a scanned loyalty card / app QR code; a search by name, phone or email.
  z.object({
    ...envelope,
    type: z.literal('customer-card'),
    requestId: messageId,
    by: z.discriminatedUnion('kind', [z.object({ kind: z.literal('id'), customerId }), z.object({ kind: z.literal('code'), code: z.string().min(1).max(128) })]),
  }),
  z.object({ ...envelope, type: z.literal('customer-search'), requestId: messageId, query: z.string().min(2).max(100) }),
  // Saving the sale: order an item for the customer from another store or online, or reserve it there.
  z.object({
    ...envelope,
    type: z.literal('customer-order'),
    requestId: messageId,
    customerId,
    sku,
    qty: z.number().int().positive().max(100),
    from: storeOrChannel,
    fulfilment: z.enum(['pickup-here', 'delivery', 'reserve']),
  }),
]);

// ── HQ → store ─────────────────────────────────────────────────────────────

/** HQ's acknowledgement of the highest contiguous outbox sequence it has stored. */
export const upAckMessage = z.object({ ...envelope, type: z.literal('ack'), upToSeq: z.number().int().nonnegative() });
/** HQ saw a gap: send again from this sequence. */
export const resendMessage = z.object({ ...envelope, type: z.literal('resend'), fromSeq: seq, reason: z.string().max(200) });
/** HQ's stock for the store disagrees with the store's digest: send a full snapshot. */
export const resyncMessage = z.object({ ...envelope, type: z.literal('resync'), reason: z.string().max(200) });
export const controlMessage = z.discriminatedUnion('type', [upAckMessage, resendMessage, resyncMessage]);

export const orderLine = z.object({
  lineId: z.string().min(1).max(64),
  sku,
  qty: z.number().int().positive(),
  ageRestricted: z.boolean().optional(),
  /** What the customer paid for one unit, VAT included (issue 16): exchanges value returns at it, documents print it. */
  unitPriceCents: z.number().int().nonnegative().max(100_000_000).optional(),
  /** The line's VAT rate in basis points (2100 = 21 %). */
  vatRateBp: z.number().int().nonnegative().max(10_000).optional(),
});
export const pickupOrder = z.object({
  orderId: z.string().min(1).max(64),
  /** Messages about one order carry increasing versions; an older one never wins. */
  version: z.number().int().nonnegative(),
  customer: z.object({ name: z.string().min(1).max(200), phone: z.string().max(40).optional(), email: z.string().max(200).optional() }),
  verification: z.object({ code: z.string().min(1).max(32) }),
  promisedAt: isoTime,
  lines: z.array(orderLine).min(1).max(200),
});

export const netContentUnits = ['kg', 'l', 'unit'] as const;
export const netContent = z.object({ amount: z.number().positive().max(100_000), unit: z.enum(netContentUnits) });

export const catalogProduct = z.object({
  sku,
  name: z.string().min(1).max(200),
  brand: z.string().max(100).default(''),
  category: z.string().max(100).default(''),
  unit: z.enum(['each', 'g']),
  priceCents: cents,
  taxRateBp: z.number().int().nonnegative().max(10_000),
  active: z.boolean(),
  barcodes: z.array(z.string().min(1).max(64)).max(50),
  /** Where it sits on the shop floor ("A03-2-15"): shelf labels are printed in this order. Absent: left as it was. */
  shelfLocation: z.string().min(1).max(32).nullable().optional(),
  /** Net content, for the unit price on shelf labels (per kg, l or unit). Absent: left as it was. */
  netContent: netContent.nullable().optional(),
});

/** A category's settings: an item labelled to expire within `shortDatedDays` days warns at receiving and picking. */
export const categorySettings = z.object({ category: z.string().max(100), shortDatedDays: z.number().int().nonnegative().max(3650) });

/** Where an opening-stock snapshot may set levels: the sellable locations. */
export const stockSnapshotLocations = ['sales_floor', 'back_room'] as const;

const staffRecordId = z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/);
/**
 * A member as HQ keeps them. A new member has no PIN at the store: HQ gives them a one-time code
 * (at least 12 characters, by its own channel) and sends only its SHA-256 and expiry here; they
 * type it at their first sign-in and choose their PIN.
 */
export const staffRecord = z.object({
  id: staffRecordId,
  name: z.string().min(1).max(100),
  role: z.enum(['associate', 'pickup', 'manager', 'admin']),
  version: z.number().int().nonnegative(),
  setupCode: z.object({ sha256: z.string().regex(/^[0-9a-fA-F]{64}$/), expiresAt: isoTime }).optional(),
});

/**
 * `epoch` names one numbering of HQ's stream for this store: HQ picks a new one whenever it starts
 * numbering from 1 again (lost state). Optional so that an HQ from before epochs stays valid.
 */
const streamed = { ...envelope, dseq: seq, epoch: z.string().min(1).max(64).optional() };
export const downStreamMessage = z.discriminatedUnion('type', [
  z.object({ ...streamed, type: z.literal('order.new'), order: pickupOrder }),
  z.object({ ...streamed, type: z.literal('order.changed'), order: pickupOrder }),
  z.object({
    ...streamed,
    type: z.literal('order.cancelled'),
    orderId: z.string().min(1).max(64),
    version: z.number().int().nonnegative(),
    reason: z.string().max(200),
  }),
  z.object({
    ...streamed,
    type: z.literal('catalog.delta'),
    version: z.number().int().nonnegative(),
    products: z.array(catalogProduct).max(1000),
    removed: z.array(sku).max(1000).default([]),
    categories: z.array(categorySettings).max(1000).optional(),
  }),
  z.object({
    ...streamed,
    type: z.literal('catalog.snapshot'),
    version: z.number().int().nonnegative(),
    snapshotId: messageId,
    chunk: z.number().int().nonnegative(),
    chunks: z.number().int().positive(),
    products: z.array(catalogProduct).max(1000),
    categories: z.array(categorySettings).max(1000).optional(),
    /** Products in the whole snapshot, so the store can show its progress. */
    total: z.number().int().nonnegative().optional(),
  }),
  z.object({
    ...streamed,
    type: z.literal('stock.snapshot'),
    version: z.number().int().nonnegative(),
    snapshotId: messageId,
    chunk: z.number().int().nonnegative(),
    chunks: z.number().int().positive(),
    /** The locations this snapshot counts: a level it leaves out at one of them is 0. */
    locations: z.array(z.enum(stockSnapshotLocations)).min(1).max(stockSnapshotLocations.length),
    levels: z.array(z.object({ sku, location: z.enum(stockSnapshotLocations), qty: z.number().int().nonnegative().max(1_000_000_000) })).max(1000),
    /** Levels in the whole snapshot, for progress. */
    total: z.number().int().nonnegative().optional(),
  }),
  z.object({
    ...streamed,
    type: z.literal('prices'),
    version: z.number().int().nonnegative(),
    effectiveAt: isoTime,
    /** `lowest30dCents`: the lowest price of the 30 days before `effectiveAt`, for a store whose own history is shorter. */
    prices: z.array(z.object({ sku, priceCents: cents, lowest30dCents: cents.optional() })).min(1).max(5000),
  }),
  z.object({
    ...streamed,
    type: z.literal('promotions'),
    version: z.number().int().nonnegative(),
    promotions: z
      .array(
        z.object({
          id: z.string().min(1).max(64),
          skus: z.array(sku).min(1).max(1000),
          kind: z.enum(['percent-off', 'amount-off', 'multi-buy']),
          value: z.number().int().nonnegative(),
          startsAt: isoTime,
          endsAt: isoTime,
          /** Per SKU, the lowest price of the 30 days before `startsAt`, for a store whose own history is shorter. */
          references: z.array(z.object({ sku, lowest30dCents: cents })).max(1000).optional(),
        }),
      )
      .max(1000),
  }),
  z.object({
    ...streamed,
    type: z.literal('asn'),
    asnId: z.string().min(1).max(64),
    supplier: z.string().max(200),
    expectedAt: isoTime,
    lines: z.array(z.object({ sku, qty: z.number().int().positive() })).min(1).max(1000),
    /** The cartons (SSCC labels) the delivery comes in and what each holds; their contents are part of `lines`. */
    cartons: z
      .array(z.object({ sscc, contents: z.array(z.object({ sku, qty: z.number().int().positive() })).min(1).max(1000) }))
      .max(1000)
      .optional(),
  }),
  // The stock documents' tolerances for this store (issue 13); a newer version replaces the last, a repeat changes nothing.
  z.object({
    ...streamed,
    type: z.literal('tolerances'),
    version: z.number().int().nonnegative(),
    /** Units received above an expected line, in % of it (0: none). */
    overReceiptPct: z.number().min(0).max(1000),
    /** A count line's variance over BOTH of these asks for a recount by another person. */
    countVarianceUnits: z.number().int().min(0).max(1_000_000),
    countVariancePct: z.number().min(0).max(1000),
  }),
  // The counter's settings for this store (issue 16); a newer version replaces the last, a repeat changes nothing.
  z.object({
    ...streamed,
    type: z.literal('store.settings'),
    version: z.number().int().nonnegative(),
    /** An exchange whose price difference is over this (either way) needs a manager's approval. */
    exchangeApprovalCents: z.number().int().nonnegative().max(100_000_000),
  }),
  // Staff records (issue 12): versions per member decide, so a repeat or an older record changes nothing.
  z.object({ ...streamed, type: z.literal('staff.upsert'), member: staffRecord }),
  z.object({ ...streamed, type: z.literal('staff.deactivate'), staffId: staffRecordId, version: z.number().int().nonnegative() }),
  // Transfers between stores: HQ relays one store's uplink event to the other; a repeat changes nothing.
  z.object({ ...streamed, type: z.literal('transfer.incoming'), transfer: transferShipped }),
  z.object({ ...streamed, type: z.literal('transfer.receipt'), receipt: transferReceived }),
  // Customers (issue 17). An arrival is the customer's own check-in from the app: only their id.
  z.object({ ...streamed, type: z.literal('customer.arrived'), customerId, checkedInAt: isoTime }),
  // An order placed for a customer moved on (delivery tracking); the store re-reads the card.
  z.object({ ...streamed, type: z.literal('customer.order-updated'), customerId, order: customerOrderSummary }),
  // The customer's right to erasure: every local copy goes. Names no personal data itself.
  z.object({ ...streamed, type: z.literal('customer.erased'), customerId, orderIds: z.array(z.string().min(1).max(64)).max(1000) }),
]);
export type DownStreamMessage = z.infer<typeof downStreamMessage>;

/** A refund to the original online payment: asked of the payment provider, then done or failed. */
export const refundState = z.enum(['requested', 'refunded', 'failed']);
/** An order as HQ sold it, in any channel, with what the chain already took back of each line. */
export const channelOrder = z.object({
  orderId: z.string().min(1).max(64),
  channel: z.enum(['home-delivery', 'store-pickup']),
  /** The store that handed it over; null for a home delivery. */
  store: topicId.nullable(),
  customer: z.object({ name: z.string().min(1).max(200), phone: z.string().max(40).optional(), email: z.string().max(200).optional() }),
  deliveredAt: isoTime,
  payment: z.string().min(1).max(64),
  lines: z
    .array(
      z.object({
        lineId: z.string().min(1).max(64),
        sku,
        name: z.string().max(200),
        qty: z.number().int().positive(),
        unitPriceCents: cents,
        taxRateBp: z.number().int().nonnegative().max(10_000),
        returned: z.number().int().nonnegative(),
      }),
    )
    .min(1)
    .max(200),
});

export const replyMessage = z.object({
  ...envelope,
  type: z.literal('reply'),
  requestId: messageId,
  result: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('stock'), sku, stores: z.array(z.object({ store: topicId, atp: qty })).max(500) }),
    z.object({
      kind: z.literal('customers'),
      customers: z.array(z.object({ name: z.string().max(200), orders: z.array(z.string().max(64)).max(50) })).max(50),
    }),
    z.object({ kind: z.literal('orders'), orders: z.array(channelOrder).max(20) }),
    z.object({
      kind: z.literal('return-claim'),
      claimId: returnClaimId,
      /** Refused: nothing was counted, and `lines` says why (sold and already returned per line). */
      accepted: z.boolean(),
      lines: z.array(z.object({ lineId: z.string().min(1).max(64), sold: z.number().int().nonnegative(), returned: z.number().int().nonnegative() })).max(200),
      /** For `original-payment`: the refund's state now (null for the other methods). */
      refundState: refundState.nullable(),
      reason: z.string().max(500).optional(),
    }),
    z.object({ kind: z.literal('refund'), claimId: returnClaimId, state: refundState }),
    z.object({ kind: z.literal('customer-card'), card: customerCard.nullable() }),
    z.object({
      kind: z.literal('customer-search'),
      customers: z.array(z.object({ customerId, name: personName, hint: z.string().max(60) })).max(20),
    }),
    z.object({ kind: z.literal('customer-order'), order: customerOrderSummary }),
    z.object({ kind: z.literal('error'), message: z.string().max(500) }),
  ]),
});

// ── Topics ─────────────────────────────────────────────────────────────────

export const upKinds = ['events', 'presence', 'digest', 'ack', 'request', 'resync'] as const;
export const downKinds = ['control', 'stream', 'reply'] as const;
export type UpKind = (typeof upKinds)[number];
export type DownKind = (typeof downKinds)[number];

export const topics = (chain: string, store: string) => {
  const root = `mostrador/v1/${topicId.parse(chain)}/${topicId.parse(store)}`;
  return {
    up: (kind: UpKind) => `${root}/up/${kind}`,
    down: (kind: DownKind) => `${root}/down/${kind}`,
    downAll: `${root}/down/#`,
  };
};
/** What HQ subscribes to: every store's uplink in the chain. */
export const hqSubscription = (chain: string) => `mostrador/v1/${topicId.parse(chain)}/+/up/#`;

export function parseTopic(topic: string): { chain: string; store: string; direction: 'up' | 'down'; kind: string } | null {
  const parts = topic.split('/');
  if (parts.length !== 6 || parts[0] !== 'mostrador' || parts[1] !== 'v1') return null;
  const [, , chain, store, direction, kind] = parts as [string, string, string, string, string, string];
  if (direction !== 'up' && direction !== 'down') return null;
  return { chain, store, direction, kind };
}

/** Every message schema by name, for the JSON Schema export. */
export const protocolSchemas = {
  'up/events': upEventsMessage,
  'up/presence': presenceMessage,
  'up/digest': digestMessage,
  'up/ack': downAckMessage,
  'up/request': requestMessage,
  'up/resync': resyncRequestMessage,
  'down/control': controlMessage,
  'down/stream': downStreamMessage,
  'down/reply': replyMessage,
} as const;

import { z } from 'zod';

// What screens receive about customers (issue 17). The card is scoped: a panel the reader may not
// see, or that HQ withheld for lack of consent, is absent and named in `hidden` with its reason.

export const customerPanels = ['profile', 'loyalty', 'history', 'openOrders', 'notes', 'browsing'] as const;
export type CustomerPanel = (typeof customerPanels)[number];

const text = z.string();
const stockNearby = z.object({ store: text, atp: z.number() });
const browsedItemSchema = z.object({
  sku: text,
  name: text,
  at: text,
  /** Sellable here (null: blind to the reader during a count, or not in this store's catalog). */
  here: z.number().nullable(),
  nearby: z.array(stockNearby),
  qty: z.number().optional(),
});
export const customerOrderSchema = z.object({
  orderId: text,
  from: text,
  fulfilment: z.enum(['pickup-here', 'pickup', 'delivery', 'reserve']),
  status: text,
  promisedAt: text.nullable(),
  lines: z.array(z.object({ sku: text, name: text, qty: z.number() })),
  tracking: z.array(z.object({ at: text, status: text, where: text.optional() })),
});

export const customerCardViewSchema = z.discriminatedUnion('available', [
  z.object({
    available: z.literal(true),
    customerId: text,
    name: text,
    /** The customer agreed to be contacted: follow-up tasks may be set. */
    contactConsent: z.boolean(),
    shown: z.array(z.enum(customerPanels)),
    hidden: z.array(z.object({ panel: z.enum(customerPanels), reason: z.enum(['no-personalisation-consent', 'role']) })),
    profile: z
      .object({ phone: text.nullable(), email: text.nullable(), contact: z.object({ email: z.boolean(), sms: z.boolean(), phone: z.boolean() }) })
      .optional(),
    loyalty: z.object({ tier: text, points: z.number(), cardNumber: text.nullable() }).optional(),
    history: z
      .array(
        z.object({
          ref: text,
          kind: z.enum(['purchase', 'return']),
          channel: z.enum(['online', 'this-store', 'other-store']),
          store: text,
          at: text,
          lines: z.array(z.object({ sku: text, name: text, qty: z.number(), size: text.optional() })),
        }),
      )
      .optional(),
    openOrders: z.array(customerOrderSchema).optional(),
    notes: z.object({ notes: z.array(z.object({ at: text, text, by: text })), sizes: z.array(z.object({ kind: text, size: text })) }).optional(),
    browsing: z.object({ viewed: z.array(browsedItemSchema), wishlist: z.array(browsedItemSchema), cart: z.array(browsedItemSchema) }).optional(),
  }),
  z.object({ available: z.literal(false), reason: z.enum(['offline', 'not-found']) }),
]);
export type CustomerCardView = z.infer<typeof customerCardViewSchema>;

export const customerHitSchema = z.object({ customerId: text, name: text, hint: text });
export const customerArrivalSchema = z.object({ id: z.number(), customerId: text, via: z.enum(['app', 'scan']), arrivedAt: text });
export const customerTaskSchema = z.object({
  id: z.number(),
  customerId: text,
  /** From the card cache while it lasts (24 h); null after. */
  customerName: text.nullable(),
  assignee: text,
  dueAt: text,
  note: text,
  doneAt: text.nullable(),
});
export const customerOpeningSchema = z.object({
  id: z.number(),
  at: text,
  station: text,
  staff: text,
  role: text,
  customerId: text,
  via: text,
  panels: z.array(text),
  withheld: z.array(text),
});
/** A free-text note that looks like health, religion, politics or other special-category data (GDPR art. 9). */
export const specialCategoryWarningSchema = z.object({ category: z.enum(['health', 'religion', 'politics', 'sexuality', 'ethnicity', 'union', 'biometric']), term: text });

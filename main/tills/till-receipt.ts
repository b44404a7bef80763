import { z } from 'zod';

// The local interface through which the store's point-of-sale posts what it
// sold and took back: POST /till/v1/receipts (docs/protocol.md, "Sales from the
// tills"). These schemas are the interface; `npm run schemas` publishes them
// as JSON Schema in docs/schemas/ for till vendors.

/** A till's id, as the admin named it when issuing its token; it goes in logs and movement records. */
export const tillIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (1 to 64)');
const receiptId = z.string().regex(/^[A-Za-z0-9_.:/-]{1,64}$/, 'letters, digits and _ . : / - only (1 to 64)');
const sku = z.string().trim().min(1).max(64);
/** GTIN-8, GTIN-12 (UPC-A), GTIN-13 (EAN) or GTIN-14, digits only with their check digit. */
const gtin = z.string().regex(/^(\d{8}|\d{12,14})$/, 'a GTIN: 8, 12, 13 or 14 digits');
const qty = z.number().int().positive().max(10_000);
const lineType = z.enum(['sale', 'return']);

/** One line names its product by exactly one of `sku` and `gtin`. */
export const tillLineSchema = z.union([
  z.object({ type: lineType, sku, qty }).strict(),
  z.object({ type: lineType, gtin, qty }).strict(),
]);
export type TillLine = z.infer<typeof tillLineSchema>;

export const tillReceiptSchema = z
  .object({
    /** The till's own receipt number: with `till`, the key that makes a repeat harmless. */
    receiptId,
    /** Must be the till the bearer token was issued to. */
    till: tillIdSchema,
    /** When the till rang it up; kept as data. Movements are dated when the store applies them. */
    at: z.iso.datetime({ offset: true }),
    lines: z.array(tillLineSchema).min(1).max(500),
  })
  .strict();
export type TillReceipt = z.infer<typeof tillReceiptSchema>;

/** The largest body the endpoint reads; a receipt of 500 lines fits in well under half of it. */
export const maxReceiptBytes = 64 * 1024;

export const tillErrorCodes = [
  /** No bearer token, an unknown one, or a revoked one (401). */
  'UNAUTHORIZED',
  /** The token belongs to another till than the body's `till` (403). */
  'WRONG_TILL',
  /** Not JSON, or not a receipt; `issues` says where (400). */
  'MALFORMED',
  /** Over maxReceiptBytes (413). */
  'TOO_LARGE',
  /** Not application/json (415). */
  'UNSUPPORTED_MEDIA_TYPE',
  /** Lines naming a product the store does not have: nothing was applied; `lines` lists each (422). */
  'UNKNOWN_ITEMS',
  /** This receipt id was applied before with different lines (409). */
  'RECEIPT_CONFLICT',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  /** The store could not write (disk full, or a bug): nothing was applied, post it again later (503). */
  'UNAVAILABLE',
] as const;
export type TillErrorCode = (typeof tillErrorCodes)[number];

const appliedMovement = z.object({
  id: z.string(),
  seq: z.number().int(),
  sku,
  qty: z.number().int().positive(),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
});

export const tillReplySchema = z.discriminatedUnion('ok', [
  z
    .object({
      ok: z.literal(true),
      receiptId,
      till: tillIdSchema,
      /** True when this receipt had been applied before: the movements are those of the first time, and nothing moved now. */
      alreadyApplied: z.boolean(),
      appliedAt: z.string(),
      movements: z.array(appliedMovement),
    })
    .strict(),
  z
    .object({
      ok: z.literal(false),
      error: z
        .object({
          code: z.enum(tillErrorCodes),
          message: z.string(),
          /** Per line (0-based index into `lines`), for UNKNOWN_ITEMS. */
          lines: z.array(z.object({ line: z.number().int().nonnegative(), code: z.enum(['UNKNOWN_SKU', 'UNKNOWN_GTIN']), message: z.string() }).strict()).optional(),
          /** Where a MALFORMED body is wrong. */
          issues: z.array(z.object({ path: z.string(), message: z.string() }).strict()).optional(),
        })
        .strict(),
    })
    .strict(),
]);
export type TillReply = z.infer<typeof tillReplySchema>;
export type TillApplied = Extract<TillReply, { ok: true }>;

/** Published in docs/schemas/ beside the HQ protocol's (main/cli/export-schemas-cli.ts). */
export const tillSchemas = { 'till/receipt': tillReceiptSchema, 'till/reply': tillReplySchema } as const;

/** A refusal of a till's post, with its HTTP status. */
export class TillError extends Error {
  constructor(
    readonly code: TillErrorCode,
    message: string,
    readonly details: Pick<Extract<TillReply, { ok: false }>['error'], 'lines' | 'issues'> = {},
  ) {
    super(message);
    this.name = 'TillError';
  }

  get status(): number {
    return tillErrorStatus[this.code];
  }
}

const tillErrorStatus: Record<TillErrorCode, number> = {
  UNAUTHORIZED: 401,
  WRONG_TILL: 403,
  MALFORMED: 400,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNKNOWN_ITEMS: 422,
  RECEIPT_CONFLICT: 409,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  UNAVAILABLE: 503,
};

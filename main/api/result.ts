import { z } from 'zod';

// Nothing throws across a process boundary: every call answers with a Result.
export const errorCodes = [
  'VALIDATION',
  'UNKNOWN_PROCEDURE',
  'NOT_SIGNED_IN',
  'FORBIDDEN',
  'PIN_INVALID',
  'PIN_LOCKED',
  'PIN_THROTTLED',
  'APPROVAL_INVALID',
  'UNKNOWN_STAFF',
  'UNKNOWN_SKU',
  'UNKNOWN_BARCODE',
  'MALFORMED_BARCODE',
  'MISREAD_BARCODE',
  'UNKNOWN_LOCATION',
  'INVALID_QUANTITY',
  'INSUFFICIENT_STOCK',
  'UNKNOWN_ORDER',
  'TRANSITION_REFUSED',
  'WRONG_ITEM',
  // Picking (issue 18): a finished line, or a pack larger than what is left, is not the wrong item.
  'LINE_COMPLETE',
  'PACK_TOO_LARGE',
  'VERIFICATION_FAILED',
  'VERIFICATION_LOCKED',
  'OVER_RETURN',
  'NO_PRINTER',
  'NOT_CONFIGURED',
  'UNKNOWN_PRINT_JOB',
  'UNKNOWN_LABEL',
  'DISK_FULL',
  'INTERNAL',
  // Staff administration and CSV import (issue 12).
  'STAFF_EXISTS',
  'LAST_ADMIN',
  'SETUP_CODE_REQUIRED',
  'SETUP_CODE_INVALID',
  'ADMIN_CODE_INVALID',
  'FIRST_ADMIN_CLOSED',
  'UNKNOWN_IMPORT',
  'IMPORT_INCOMPLETE',
  'IMPORT_HAS_BAD_LINES',
  'IMPORT_COMMITTED',
  // Several stations, one store (main/stations).
  'PAIRING_REFUSED',
  'PAIRING_CODE_INVALID',
  'UNKNOWN_STATION',
  'HOST_UNREACHABLE',
  'HOST_NO_REPLY',
  // Transfers between stores (issue 13).
  'UNKNOWN_TRANSFER',
  // Receiving (main/receiving).
  'UNKNOWN_RECEIPT',
  'UNKNOWN_ASN',
  'ASN_ALREADY_RECEIVED',
  'UNEXPECTED_ITEM',
  'OVER_RECEIPT',
  'CARTON_ALREADY_RECEIVED',
  // Stock counts and adjustments (issue 13).
  'UNKNOWN_COUNT',
  'NOT_IN_COUNT',
  'RECOUNT_BY_ANOTHER',
  'WRONG_ADJUSTMENT_SIGN',
  // Returns from any channel (issue 16).
  'UNKNOWN_RETURN',
  'HQ_UNREACHABLE',
  // Customers (issue 17).
  'HQ_UNAVAILABLE',
  'UNKNOWN_CUSTOMER',
  'NO_CONTACT_CONSENT',
  // The shelf board and the audit log viewer (issue 15).
  'UNKNOWN_ALERT',
  'UNKNOWN_AUDIT_ENTRY',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorCodeSchema = z.enum(errorCodes);

export const apiErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/**
 * A Result as it crosses a transport, before its value is known: `value` is
 * parsed with the procedure's reply schema, and an error with an unknown code
 * keeps its message (a newer core may know more codes than this screen).
 */
export const resultEnvelopeSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }).refine((r) => 'value' in r, 'a success carries a value'),
  z.object({ ok: z.literal(false), error: z.object({ code: z.unknown(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }) }),
]);

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: Record<string, unknown>): Result<never> => ({
  ok: false,
  error: details ? { code, message, details } : { code, message },
});

import type { ErrorCode } from '../../../main/api/result';

// The renderer may only import types from main/api, so the codes are listed again
// here; `satisfies` fails the build if the contract gains or loses one.
const known = {
  VALIDATION: true,
  UNKNOWN_PROCEDURE: true,
  NOT_SIGNED_IN: true,
  FORBIDDEN: true,
  PIN_INVALID: true,
  PIN_LOCKED: true,
  PIN_THROTTLED: true,
  APPROVAL_INVALID: true,
  UNKNOWN_STAFF: true,
  UNKNOWN_SKU: true,
  UNKNOWN_BARCODE: true,
  MALFORMED_BARCODE: true,
  MISREAD_BARCODE: true,
  UNKNOWN_LOCATION: true,
  INVALID_QUANTITY: true,
  INSUFFICIENT_STOCK: true,
  UNKNOWN_ORDER: true,
  TRANSITION_REFUSED: true,
  WRONG_ITEM: true,
  VERIFICATION_FAILED: true,
  VERIFICATION_LOCKED: true,
  OVER_RETURN: true,
  NO_PRINTER: true,
  NOT_CONFIGURED: true,
  UNKNOWN_PRINT_JOB: true,
  DISK_FULL: true,
  INTERNAL: true,
  PAIRING_REFUSED: true,
  PAIRING_CODE_INVALID: true,
  UNKNOWN_STATION: true,
  HOST_UNREACHABLE: true,
  HOST_NO_REPLY: true,
} as const satisfies Record<ErrorCode, true>;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(known, value);
}

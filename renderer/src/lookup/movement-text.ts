import type { TFunction } from 'i18next';
import { countApprovalReasons } from '../../../main/api/input-schemas';
import { plainT } from '../i18n/plain-t';

/** The reason codes the store's rooms write on movements (besides the adjustment reasons staff choose). */
export const movementReasons = [
  'opening-stock',
  'receipt',
  'transfer',
  'order-hold',
  'order-release',
  'order-cancelled',
  'not-collected',
  'pickup-handover',
  'short-pick',
  'return-resellable',
  'return-damaged',
  'transfer-out',
  'transfer-in',
  'transfer-damaged',
  'transfer-lost',
  'transfer-delivered',
  'till-sale',
  'till-return',
  'till-shortfall',
  'csv-import',
  'return',
] as const;

const adjustment = new Set<string>(countApprovalReasons);

/**
 * A movement's reason as staff read it: an adjustment's (or count's) reason as the adjustment form
 * names it, the rooms' own codes from history.reasons; a reason a caller typed is its own words.
 */
export function movementReasonText(t: TFunction, reason: string): string {
  const pt = plainT(t);
  if (adjustment.has(reason)) return pt(`adjust.reasons.${reason}`);
  return pt(`history.reasons.${reason}`, { defaultValue: reason });
}

/** Who moved it: a member's id, or the store itself / HQ, named. */
export function movementActorText(t: TFunction, staff: string): string {
  return staff === 'system' || staff === 'hq' ? plainT(t)(`history.actors.${staff}`) : staff;
}

/** A movement's reference, with the approver's mark worded ("approved-by:marta"). */
export function movementRefText(t: TFunction, ref: string): string {
  const approver = /^approved-by:(.+)$/.exec(ref)?.[1];
  return approver ? plainT(t)('history.approvedBy', { staff: approver }) : ref;
}

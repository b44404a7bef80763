// Reasons staff choose from; the code is what the core records (≤ 64 characters),
// the label comes from orders.reasons.<kind>.<code>.

export const rejectReasons = ['out-of-stock', 'store-closing', 'cannot-fulfil', 'other'] as const;
export const cancelReasons = ['customer-request', 'out-of-stock', 'fraud-suspected', 'other'] as const;
export const shortReasons = ['not-found', 'damaged', 'expired', 'other'] as const;
export const returnReasons = ['changed-mind', 'damaged', 'wrong-item', 'not-as-described', 'other'] as const;
export const returnConditions = ['resellable', 'damaged'] as const;
import { refundMethods } from '../../../main/api/input-schemas';

export { refundMethods };

export type ReturnCondition = (typeof returnConditions)[number];
export type RefundMethod = (typeof refundMethods)[number];

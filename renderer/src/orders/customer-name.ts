import type { PlainT } from '../i18n/plain-t';

/**
 * What the core keeps in place of an erased customer's name (main/sync/personal-data-purge.ts,
 * `erasedMark`; a unit test holds the two equal).
 */
export const erasedCustomerName = '[erased]';

/** An order's customer as staff read it: the name, "unnamed", or "customer data erased" in their language. */
export function customerNameText(name: string | null | undefined, t: PlainT): string {
  if (name === null || name === undefined || name.trim() === '') return t('orders.noCustomer');
  if (name === erasedCustomerName) return t('orders.customerErased');
  return name;
}

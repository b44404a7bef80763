import type { Gs1DataRead, ShortDatedWarning } from '../api/types';

/**
 * An item whose label expires within this many days is short-dated, unless HQ set its category
 * otherwise (catalog messages' `categories`; CatalogStore.shortDatedDays reads it).
 */
export const defaultShortDatedDays = 3;

/** The store's calendar day, in its own time zone, as days since the epoch. */
const dayNumber = (isoDay: string) => Date.UTC(Number(isoDay.slice(0, 4)), Number(isoDay.slice(5, 7)) - 1, Number(isoDay.slice(8, 10))) / 86_400_000;
const localDay = (at: Date) => Date.UTC(at.getFullYear(), at.getMonth(), at.getDate()) / 86_400_000;

/**
 * A warning when the scanned label's use-by (17), or else best-before (15), day is
 * `days` or fewer days from today (expired included, as a negative count).
 */
export function shortDated(gs1: readonly Gs1DataRead[] | undefined, today: Date, days = defaultShortDatedDays): ShortDatedWarning | null {
  const label = gs1?.find((e) => e.ai === '17' && e.date) ?? gs1?.find((e) => e.ai === '15' && e.date);
  if (!label?.date) return null;
  const daysLeft = dayNumber(label.date) - localDay(today);
  return daysLeft <= days ? { expiry: label.date, daysLeft, ai: label.ai as '15' | '17' } : null;
}

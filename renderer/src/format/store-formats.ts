// Money is integer cents in EUR; weights are integer grams (see main/api/types.ts).

const localeFor: Record<string, string> = { es: 'es-ES', en: 'en-GB' };

export function intlLocale(language: string): string {
  return localeFor[language] ?? 'es-ES';
}

export function formatMoney(cents: number, language: string): string {
  return new Intl.NumberFormat(intlLocale(language), { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

export function formatWeight(grams: number, language: string): string {
  const locale = intlLocale(language);
  return grams < 1000
    ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'gram' }).format(grams)
    : new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilogram', maximumFractionDigits: 3 }).format(grams / 1000);
}

/** A stock or line quantity in the product's base unit: grams shown with their unit, items as a count. */
export function formatQuantity(qty: number, unit: 'each' | 'g', language: string): string {
  return unit === 'g' ? formatWeight(qty, language) : formatCount(qty, language);
}

/** What a weighed item costs: its grams at the price per kg, rounded to the cent as a till does. */
export function priceOfWeight(grams: number, centsPerKg: number): number {
  return Math.round((grams * centsPerKg) / 1000);
}

/** A moment from the core as a short date and time (no seconds), for lists. */
export function formatShortDateTime(iso: string, language: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'short', timeStyle: 'short' }).format(at);
}

/** A moment from the core as its date only (the operator's time zone), for a card's history and promises. */
export function formatDate(iso: string, language: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium' }).format(at);
}

/** A time of day (hours and minutes) in the operator's language. */
export function formatTime(iso: string | number, language: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return String(iso);
  return new Intl.DateTimeFormat(intlLocale(language), { hour: '2-digit', minute: '2-digit' }).format(at);
}

export function formatCount(count: number, language: string): string {
  return new Intl.NumberFormat(intlLocale(language)).format(count);
}

/** A moment from the core (ISO 8601) as date and time in the operator's language; unparseable text is shown as is. */
export function formatDateTime(iso: string, language: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'short', timeStyle: 'medium' }).format(at);
}

/** A calendar day (YYYY-MM-DD, as a GS1 expiry) in the operator's language, with no time zone shift. */
export function formatDay(isoDay: string, language: string): string {
  const at = new Date(`${isoDay}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return isoDay;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(at);
}

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
    : new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilogram', minimumFractionDigits: 3 }).format(grams / 1000);
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

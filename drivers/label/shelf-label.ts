// What a shelf label says, whatever the printer: the selling price, the unit
// price per kg, l or unit (EU Directive 98/6/EC), and on a price reduction the
// lowest price of the 30 days before it (Directive 98/6/EC art. 6a, as amended
// by the Omnibus Directive 2019/2161), or a plain statement that it could not
// be established. Pure: words and numbers, no bytes.
import { formatEuros } from '../printer/receipt-layouts';
import type { ReceiptLanguage } from '../printer/receipt-words';

export type NetContentUnit = 'kg' | 'l' | 'unit';

export interface ShelfLabelFacts {
  name: string;
  priceCents: number;
  netContent: { amount: number; unit: NetContentUnit } | null;
  /** A price lower than the one before: the previous price and the 30-day lowest (null: not established). */
  reduction: { previousCents: number; lowest30dCents: number | null } | null;
  /** An EAN-13 to print under the price, or null. */
  ean13: string | null;
  location: string | null;
  /** When the price takes effect (ISO), printed in the store's time zone. */
  validFrom: string;
  /** A promotion's last moment (ISO), or null for a regular price. */
  validUntil: string | null;
  timeZone: string;
}

export interface ShelfLabelText {
  name: string;
  price: string;
  /** "25,90 €/kg"; null without a net content. */
  unitPrice: string | null;
  /** The 30-day lowest, or the notice that it is unknown; null when the price is no reduction. */
  reductionNote: string | null;
  previousPrice: string | null;
  /** Location and dates, small. */
  footer: string;
}

const words = {
  es: {
    per: { kg: '€/kg', l: '€/l', unit: '€/ud.' },
    lowest30d: (price: string) => `Precio más bajo últimos 30 días: ${price}`,
    noReference: 'Precio anterior más bajo (30 días): no disponible',
    before: (price: string) => `Antes: ${price}`,
    from: (when: string) => `Desde ${when}`,
    until: (when: string) => `hasta ${when}`,
  },
  en: {
    per: { kg: '€/kg', l: '€/l', unit: '€/unit' },
    lowest30d: (price: string) => `Lowest price in the last 30 days: ${price}`,
    noReference: 'Lowest price in the last 30 days: not available',
    before: (price: string) => `Was: ${price}`,
    from: (when: string) => `From ${when}`,
    until: (when: string) => `until ${when}`,
  },
} as const;

/** The price of one kg, l or unit, in cents; null without a usable net content. */
export function unitPriceCents(priceCents: number, netContent: ShelfLabelFacts['netContent']): number | null {
  if (!netContent || !(netContent.amount > 0)) return null;
  return Math.round(priceCents / netContent.amount);
}

/** "2026-11-30 09:00" in the store's time zone. */
export function storeLocalTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

export function shelfLabelText(facts: ShelfLabelFacts, language: ReceiptLanguage = 'es'): ShelfLabelText {
  const w = words[language];
  const perUnit = unitPriceCents(facts.priceCents, facts.netContent);
  const reduction = facts.reduction;
  const dates = [w.from(storeLocalTime(facts.validFrom, facts.timeZone)), ...(facts.validUntil ? [w.until(storeLocalTime(facts.validUntil, facts.timeZone))] : [])].join(' ');
  return {
    name: facts.name,
    price: formatEuros(facts.priceCents),
    unitPrice: perUnit === null || !facts.netContent ? null : `${formatEuros(perUnit).replace(' €', '')} ${w.per[facts.netContent.unit]}`,
    reductionNote: !reduction ? null : reduction.lowest30dCents === null ? w.noReference : w.lowest30d(formatEuros(reduction.lowest30dCents)),
    previousPrice: reduction ? w.before(formatEuros(reduction.previousCents)) : null,
    footer: [facts.location, dates].filter(Boolean).join(' · '),
  };
}

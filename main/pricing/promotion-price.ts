// What a promotion does to a shelf price. A multi-buy ("3 for 2") leaves the
// unit price as it is: it is a condition at the till, not a lower shelf price.

export type PromotionKind = 'percent-off' | 'amount-off' | 'multi-buy';

export interface Promotion {
  id: string;
  skus: string[];
  kind: PromotionKind;
  /** percent-off: whole percent; amount-off: cents off one unit; multi-buy: units bought per one paid less. */
  value: number;
  startsAt: string;
  endsAt: string;
  references?: { sku: string; lowest30dCents: number }[];
}

/** The shelf price during the promotion, or null when it does not lower the unit price. */
export function promotionPriceCents(promotion: Pick<Promotion, 'kind' | 'value'>, priceCents: number): number | null {
  switch (promotion.kind) {
    case 'percent-off':
      return promotion.value > 0 ? Math.max(0, Math.round((priceCents * (100 - Math.min(100, promotion.value))) / 100)) : null;
    case 'amount-off':
      return promotion.value > 0 ? Math.max(0, priceCents - promotion.value) : null;
    case 'multi-buy':
      return null;
  }
}

export const activeAt = (promotion: Pick<Promotion, 'startsAt' | 'endsAt'>, at: Date): boolean =>
  new Date(promotion.startsAt).getTime() <= at.getTime() && at.getTime() < new Date(promotion.endsAt).getTime();

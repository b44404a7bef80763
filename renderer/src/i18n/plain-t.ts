import type { TFunction } from 'i18next';

/**
 * The same `t`, typed as a plain function of a key. i18next types every call against both
 * languages' keys; past a size tsc gives up on some calls ("excessively deep"). Only those calls
 * go through here; the two languages still hold the same keys (en.ts is typed by es.ts's Messages),
 * but a misspelt key in these calls shows as the key itself, so keep them few.
 */
export type PlainT = (key: string, options?: Record<string, unknown>) => string;
export const plainT = (t: TFunction): PlainT => t as unknown as PlainT;

import { groupSeparator } from '../scanner/wedge-keys';

/**
 * What the operator meant by the text in the lookup field:
 * - 'code': digits only (a barcode, maybe with GS1 brackets or separators): look it up;
 * - 'code-or-name': one word with a digit (a SKU such as MS-000001, or "7up"): look it up, search if nothing has that code;
 * - 'name': anything else: search by name.
 */
export type LookupIntent = 'code' | 'code-or-name' | 'name';

export function lookupIntent(text: string): LookupIntent {
  const trimmed = text.trim();
  if (/^[\d()]+$/.test(trimmed.replaceAll(groupSeparator, ''))) return 'code';
  if (!/\s/.test(trimmed) && /\d/.test(trimmed)) return 'code-or-name';
  return 'name';
}

/** A code as printed on screen: the invisible GS1 group separator made visible. */
export function printableCode(code: string): string {
  return code.replaceAll(groupSeparator, '␝');
}

/**
 * Text as the order search compares it: lower case, accents dropped, and no
 * spaces or the punctuation people put in phone numbers and order numbers. So
 * "lucia" finds "Lucía", and "+34 626 24 42 73" finds "+34626244273".
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\-.()/]/gu, '');
}

/** The SQL function the queue's statements fold stored text with (registered on the ledger's connection). */
export const foldFunction = 'order_search_fold';

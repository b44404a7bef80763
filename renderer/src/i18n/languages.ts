export const languages = ['es', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'es';

const storageKey = 'mostrador.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/** The language chosen on this machine; storage may be unavailable (privacy modes), which is not an error. */
export function storedLanguage(storage: { getItem(key: string): string | null } | undefined): Language {
  try {
    const value = storage?.getItem(storageKey);
    return isLanguage(value) ? value : defaultLanguage;
  } catch {
    return defaultLanguage;
  }
}

export function storeLanguage(storage: { setItem(key: string, value: string): void } | undefined, language: Language): void {
  try {
    storage?.setItem(storageKey, language);
  } catch {
    // Not persisted; the choice still holds for this session.
  }
}

/** Group separator: GS1 barcodes carry it between fields; a wedge sends it as Ctrl+]. */
export const groupSeparator = '\x1d';

/** The part of a KeyboardEvent that matters here. */
export interface WedgeKeyEvent {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  isComposing: boolean;
  /** Auto-repeat from a held key: fast, but a person. */
  repeat: boolean;
}

/**
 * The character a keydown contributes to a possible scan, 'Enter' for the end of
 * one, or null for keys that are not scanner data (Shift, arrows, shortcuts).
 */
export function wedgeKey(event: WedgeKeyEvent): string | null {
  if (event.isComposing || event.repeat) return null;
  if (event.ctrlKey && !event.altKey && (event.key === ']' || event.code === 'BracketRight')) return groupSeparator;
  if (event.key === 'Enter') return 'Enter';
  // AltGr arrives as Ctrl+Alt on Windows layouts and still types a character (@, #, €).
  const altGr = event.ctrlKey && event.altKey;
  if ((event.ctrlKey || event.altKey || event.metaKey) && !altGr) return null;
  return event.key.length === 1 ? event.key : null;
}

// GDPR art. 9's special categories, as words staff might type in a note. A warning, not a block:
// the person writing decides, and the words are deliberately broad (Spanish and English).
const terms: Record<string, readonly string[]> = {
  health: ['diabet', 'embaraz', 'pregnan', 'cancer', 'cáncer', 'enfermedad', 'illness', 'disease', 'alergi', 'allerg', 'medicaci', 'medication', 'depresi', 'discapacidad', 'disabilit', 'vih', 'hiv', 'epileps', 'asma', 'asthma', 'lesión', 'injur', 'operación', 'surgery', 'baja médica', 'sick leave'],
  religion: ['religi', 'musulm', 'muslim', 'judí', 'jewish', 'católic', 'catholic', 'cristian', 'christian', 'halal', 'kosher', 'ramad'],
  politics: ['polític', 'politic', 'partido', 'vota a', 'votes for'],
  sexuality: ['gay', 'lesbian', 'bisexual', 'homosexual', 'transexual', 'transgender', 'orientación sexual', 'sexual orientation'],
  ethnicity: ['gitano', 'raza', 'race', 'étnic', 'ethnic'],
  union: ['sindica', 'trade union'],
  biometric: ['huella', 'fingerprint', 'biométric', 'biometric', 'genétic', 'genetic'],
};

export type SpecialCategory = 'health' | 'religion' | 'politics' | 'sexuality' | 'ethnicity' | 'union' | 'biometric';

/** The first special-category term a free-text note contains, or null. Word-start matches only. */
export function specialCategoryIn(note: string): { category: SpecialCategory; term: string } | null {
  const text = ` ${note.toLowerCase().normalize('NFC')}`;
  for (const [category, words] of Object.entries(terms)) {
    for (const word of words) {
      const at = text.indexOf(word);
      if (at > 0 && !/[\p{L}\p{N}]/u.test(text[at - 1]!)) return { category: category as SpecialCategory, term: word };
    }
  }
  return null;
}

import type { Language } from '../i18n/languages';

// Why a CSV line was refused, in the console's languages. Kept out of the
// typed i18n resources: the typed key union is at the size where i18next's
// overloads stop type-checking (TS2589), and these are looked up by a code
// the core sends, not by a literal key.

const reasons = {
  es: {
    'csv-syntax': 'El CSV está mal formado (comillas sin cerrar)',
    'empty-file': 'El archivo está vacío',
    'unknown-column': 'Columna desconocida',
    'missing-column': 'Falta esta columna',
    'column-count': 'Número de columnas distinto de la cabecera',
    missing: 'Falta el valor',
    'too-long': 'Demasiado largo',
    'unit-unknown': 'Unidad desconocida (each o g)',
    'price-invalid': 'Precio no válido (por ejemplo 1.99)',
    'vat-invalid': 'IVA no válido (porcentaje, por ejemplo 21)',
    'content-invalid': 'Contenido neto no válido (por ejemplo 0,75 l, 0,5 kg o 6 unit)',
    'gtin-invalid': 'GTIN no válido (dígito de control)',
    'gtin-repeated': 'Ese GTIN ya es de otro SKU del archivo',
    'location-unknown': 'Ubicación desconocida',
    'location-external': 'No es una ubicación de la tienda',
    'qty-invalid': 'Cantidad no válida (entero, 0 o más)',
    'duplicate-stock-line': 'SKU y ubicación repetidos',
    'conflicting-product': 'Datos del producto distintos a otra línea del mismo SKU',
  },
  en: {
    'csv-syntax': 'The CSV is malformed (unclosed quotes)',
    'empty-file': 'The file is empty',
    'unknown-column': 'Unknown column',
    'missing-column': 'This column is missing',
    'column-count': 'Not as many columns as the header',
    missing: 'The value is missing',
    'too-long': 'Too long',
    'unit-unknown': 'Unknown unit (each or g)',
    'price-invalid': 'Invalid price (e.g. 1.99)',
    'vat-invalid': 'Invalid VAT (a percentage, e.g. 21)',
    'content-invalid': 'Invalid net content (e.g. 0.75 l, 0.5 kg or 6 unit)',
    'gtin-invalid': 'Invalid GTIN (check digit)',
    'gtin-repeated': 'That GTIN already belongs to another SKU in the file',
    'location-unknown': 'Unknown location',
    'location-external': 'Not a location in the store',
    'qty-invalid': 'Invalid quantity (a whole number, 0 or more)',
    'duplicate-stock-line': 'SKU and location repeated',
    'conflicting-product': 'Product fields differ from another line of the same SKU',
  },
} satisfies Record<Language, Record<string, string>>;

/** The reason in `language`; a code this screen does not know is shown as sent. */
export function lineErrorText(reason: string, language: string): string {
  const table: Record<string, string> = language.startsWith('en') ? reasons.en : reasons.es;
  return table[reason] ?? reason;
}

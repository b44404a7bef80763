import { gtinCheckDigit, makeGtin } from '../../drivers/barcode/gtin';
import type { BarcodeRecord, ProductRecord } from '../catalog/catalog-store';

// A deterministic, real-looking catalog: the same index always yields the same
// product, so tests, screenshots and the README can name demo items.

const categories = [
  { name: 'Alimentación', tax: 1000, kinds: ['Aceite de oliva', 'Arroz', 'Pasta', 'Tomate triturado', 'Lentejas', 'Café molido', 'Galletas', 'Harina'], sizes: ['250 g', '500 g', '1 kg', '1 L'] },
  { name: 'Bebidas', tax: 2100, kinds: ['Agua mineral', 'Zumo de naranja', 'Refresco de limón', 'Cerveza', 'Vino tinto', 'Horchata'], sizes: ['330 ml', '1 L', '1,5 L', 'pack 6'] },
  { name: 'Droguería', tax: 2100, kinds: ['Detergente', 'Suavizante', 'Lavavajillas', 'Limpiador multiusos', 'Papel de cocina'], sizes: ['750 ml', '1,5 L', 'pack 3', '40 lavados'] },
  { name: 'Perfumería', tax: 2100, kinds: ['Champú', 'Gel de baño', 'Pasta de dientes', 'Desodorante', 'Crema hidratante'], sizes: ['75 ml', '150 ml', '400 ml', '750 ml'] },
  { name: 'Hogar', tax: 2100, kinds: ['Toalla', 'Sartén', 'Taza', 'Bombilla LED', 'Cojín'], sizes: ['pequeño', 'mediano', 'grande', '2 unidades'] },
  { name: 'Electrónica', tax: 2100, kinds: ['Auriculares', 'Cargador USB-C', 'Pilas AA', 'Altavoz', 'Cable HDMI'], sizes: ['negro', 'blanco', '1 m', '2 m'] },
  { name: 'Textil', tax: 2100, kinds: ['Camiseta', 'Calcetines', 'Sudadera', 'Pijama', 'Bufanda'], sizes: ['talla S', 'talla M', 'talla L', 'talla XL'] },
];
const variants = ['clásico', 'suave', 'extra', 'ecológico', 'familiar', 'premium', 'básico', 'intenso'];
const brands = ['Sierra Verde', 'Costa Azul', 'La Huerta', 'Nórdica', 'Iberia Home', 'Voltix', 'Lunaria', 'Puerto Real', 'Doña Pepa', 'Añil'];

/** Fresh goods sold by weight through variable-measure EAN-13s (prefix 21 weight, 22 price). */
export const weighedProducts = [
  'Manzana golden',
  'Plátano de Canarias',
  'Tomate pera',
  'Naranja de zumo',
  'Jamón serrano loncheado',
  'Queso manchego curado',
  'Pechuga de pollo',
  'Merluza',
  'Aceitunas aliñadas',
  'Pan de centeno',
];

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const demoSku = (index: number) => `MS-${String(index).padStart(6, '0')}`;
/** GTIN-13 of the index-th product (Spain's 84 prefix, then the index). */
export const demoGtin13 = (index: number) => makeGtin(`84${String(index).padStart(10, '0')}`);
/** A case of 12: GTIN-14 with indicator digit 1 over the same item. */
/** A demo carton's SSCC (GS1 AI 00): extension 0, the demo company prefix 84, a serial, the check digit. */
export const demoSscc = (serial: number) => {
  const body = `084${String(serial).padStart(14, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
};
export const demoCaseGtin14 = (index: number) => makeGtin(`1${demoGtin13(index).slice(0, 12)}`);

export interface GeneratedProduct {
  product: ProductRecord;
  barcodes: BarcodeRecord[];
}

/** The index-th catalog product (1-based). */
export function demoProduct(index: number): GeneratedProduct {
  const random = mulberry32(index * 7919);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const category = pick(categories);
  const sku = demoSku(index);
  const product: ProductRecord = {
    sku,
    name: `${pick(category.kinds)} ${pick(variants)} ${pick(category.sizes)}`,
    brand: pick(brands),
    category: category.name,
    unit: 'each',
    priceCents: 49 + Math.floor(random() * 4950),
    taxRateBp: category.tax,
    active: true,
  };
  const barcodes: BarcodeRecord[] = [{ code: `0${demoGtin13(index)}`, sku, kind: 'gtin' }];
  if (index % 5 === 0) barcodes.push({ code: demoCaseGtin14(index), sku, kind: 'gtin' });
  if (index % 50 === 0) barcodes.push({ code: `M${index}`, sku, kind: 'internal' });
  return { product, barcodes };
}

/** Products in chunks, so a million of them never sit in memory at once. */
export function* demoProducts(count: number, chunk = 5000): Generator<GeneratedProduct[]> {
  for (let start = 1; start <= count; start += chunk) {
    const end = Math.min(count, start + chunk - 1);
    const batch: GeneratedProduct[] = [];
    for (let i = start; i <= end; i++) batch.push(demoProduct(i));
    yield batch;
  }
}

/** A deterministic starting quantity for the index-th product: some are out of stock on purpose. */
export function demoStartingStock(index: number): { backRoom: number; salesFloor: number } {
  const random = mulberry32(index * 104729);
  if (index % 17 === 0) return { backRoom: 0, salesFloor: 0 };
  return { backRoom: Math.floor(random() * 40), salesFloor: 1 + Math.floor(random() * 24) };
}

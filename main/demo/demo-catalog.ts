import { gtinCheckDigit, makeGtin } from '../../drivers/barcode/gtin';
import type { BarcodeRecord, ProductRecord } from '../catalog/catalog-store';

// A deterministic, real-looking catalog: the same index always yields the same
// product, so tests, screenshots and the README can name demo items.

/** How much a pack holds: the unit price (per kg, l or unit) times this gives the pack's price. */
interface PackSize {
  label: string;
  content: number;
  unit: 'kg' | 'l' | 'unit';
}

const g = (grams: number, label = `${grams} g`): PackSize => ({ label, content: grams / 1000, unit: 'kg' });
const kg = (kilos: number, label = `${String(kilos).replace('.', ',')} kg`): PackSize => ({ label, content: kilos, unit: 'kg' });
const ml = (millilitres: number, label = millilitres >= 1000 ? `${String(millilitres / 1000).replace('.', ',')} L` : `${millilitres} ml`): PackSize => ({
  label,
  content: millilitres / 1000,
  unit: 'l',
});
const units = (count: number, label: string): PackSize => ({ label, content: count, unit: 'unit' });

/**
 * One kind of product: its brands (a category's brands make sense for it), its variants, its pack
 * sizes, and a price per kg, l or unit, so that sizes of one product cost what their content says.
 */
interface ProductKind {
  name: string;
  brands: readonly string[];
  variants: readonly string[];
  sizes: readonly PackSize[];
  /** Cents per kg, per l or per unit, before the brand's tier. */
  perUnitCents: number;
  /** VAT in basis points: Spain's 4 % for staples, 10 % for other food and drink, 21 % for the rest. */
  taxRateBp: number;
}

interface Category {
  name: string;
  kinds: readonly ProductKind[];
}

const food = ['Sierra Verde', 'La Huerta', 'Doña Pepa', 'Marca Mostrador'];
const dairy = ['Valle Norte', 'Pradera Real', 'Marca Mostrador'];
const drinks = ['Costa Azul', 'Fuente Clara', 'Marca Mostrador'];
const cleaning = ['Añil', 'Brisa', 'Marca Mostrador'];
const care = ['Lunaria', 'Nácar', 'Marca Mostrador'];
const home = ['Iberia Home', 'Casa Norte'];
const electronics = ['Voltix', 'Nórdica'];
const clothing = ['Puerto Real', 'Telar'];

const categories: readonly Category[] = [
  {
    name: 'Alimentación',
    kinds: [
      { name: 'Leche', brands: dairy, variants: ['entera', 'semidesnatada', 'desnatada', 'sin lactosa'], sizes: [ml(1000), ml(6000, 'pack 6 × 1 L')], perUnitCents: 95, taxRateBp: 400 },
      { name: 'Huevos camperos', brands: food, variants: ['talla M', 'talla L'], sizes: [units(6, '6 uds'), units(12, '12 uds')], perUnitCents: 32, taxRateBp: 400 },
      { name: 'Pan de molde', brands: food, variants: ['blanco', 'integral', 'sin corteza'], sizes: [g(450), g(750)], perUnitCents: 380, taxRateBp: 400 },
      { name: 'Harina de trigo', brands: food, variants: ['común', 'de fuerza'], sizes: [kg(1)], perUnitCents: 95, taxRateBp: 400 },
      { name: 'Yogur', brands: dairy, variants: ['natural', 'griego', 'de fresa'], sizes: [g(500, 'pack 4 × 125 g'), g(1000, 'pack 8 × 125 g')], perUnitCents: 320, taxRateBp: 400 },
      { name: 'Aceite de oliva', brands: food, variants: ['virgen extra', 'suave', 'intenso'], sizes: [ml(750), ml(1000), ml(5000)], perUnitCents: 850, taxRateBp: 400 },
      { name: 'Arroz', brands: food, variants: ['redondo', 'largo', 'bomba'], sizes: [kg(1)], perUnitCents: 170, taxRateBp: 1000 },
      { name: 'Pasta', brands: food, variants: ['espaguetis', 'macarrones', 'tallarines'], sizes: [g(500), kg(1)], perUnitCents: 180, taxRateBp: 400 },
      { name: 'Tomate triturado', brands: food, variants: ['natural', 'sin sal'], sizes: [g(400), g(800)], perUnitCents: 210, taxRateBp: 1000 },
      { name: 'Lentejas', brands: food, variants: ['pardinas', 'castellanas'], sizes: [g(500), kg(1)], perUnitCents: 290, taxRateBp: 400 },
      { name: 'Café molido', brands: food, variants: ['natural', 'mezcla', 'descafeinado'], sizes: [g(250), g(500)], perUnitCents: 1400, taxRateBp: 1000 },
      { name: 'Galletas', brands: food, variants: ['María', 'integrales', 'de chocolate'], sizes: [g(400), g(800)], perUnitCents: 260, taxRateBp: 1000 },
      { name: 'Azúcar', brands: food, variants: ['blanco', 'moreno'], sizes: [kg(1)], perUnitCents: 130, taxRateBp: 1000 },
    ],
  },
  {
    name: 'Bebidas',
    kinds: [
      { name: 'Agua mineral', brands: drinks, variants: ['natural', 'con gas'], sizes: [ml(1500), ml(9000, 'pack 6 × 1,5 L')], perUnitCents: 30, taxRateBp: 1000 },
      { name: 'Zumo de naranja', brands: drinks, variants: ['exprimido', 'con pulpa', 'sin pulpa'], sizes: [ml(1000)], perUnitCents: 220, taxRateBp: 1000 },
      { name: 'Refresco de limón', brands: drinks, variants: ['clásico', 'sin azúcar'], sizes: [ml(330, 'lata 330 ml'), ml(2000)], perUnitCents: 140, taxRateBp: 1000 },
      { name: 'Horchata', brands: drinks, variants: ['clásica', 'sin azúcar'], sizes: [ml(1000)], perUnitCents: 250, taxRateBp: 1000 },
      { name: 'Cerveza', brands: ['Cervecera del Norte', 'Costa Azul'], variants: ['rubia', 'tostada', 'sin alcohol'], sizes: [ml(330, 'lata 330 ml'), ml(1980, 'pack 6 × 330 ml')], perUnitCents: 260, taxRateBp: 2100 },
      { name: 'Vino tinto', brands: ['Bodegas Sierra', 'Viña Añil'], variants: ['joven', 'crianza', 'reserva'], sizes: [ml(750)], perUnitCents: 800, taxRateBp: 2100 },
    ],
  },
  {
    name: 'Droguería',
    kinds: [
      { name: 'Detergente líquido', brands: cleaning, variants: ['clásico', 'para ropa de color', 'hipoalergénico'], sizes: [units(20, '20 lavados'), units(40, '40 lavados')], perUnitCents: 22, taxRateBp: 2100 },
      { name: 'Suavizante', brands: cleaning, variants: ['fresco', 'concentrado'], sizes: [ml(1500), ml(2000)], perUnitCents: 190, taxRateBp: 2100 },
      { name: 'Lavavajillas a mano', brands: cleaning, variants: ['limón', 'concentrado'], sizes: [ml(750)], perUnitCents: 250, taxRateBp: 2100 },
      { name: 'Limpiador multiusos', brands: cleaning, variants: ['con lejía', 'desengrasante'], sizes: [ml(750)], perUnitCents: 300, taxRateBp: 2100 },
      { name: 'Papel de cocina', brands: cleaning, variants: ['doble capa', 'extra absorbente'], sizes: [units(3, 'pack 3 rollos'), units(6, 'pack 6 rollos')], perUnitCents: 95, taxRateBp: 2100 },
    ],
  },
  {
    name: 'Perfumería',
    kinds: [
      { name: 'Champú', brands: care, variants: ['cabello normal', 'anticaspa', 'cabello seco'], sizes: [ml(400), ml(750)], perUnitCents: 700, taxRateBp: 2100 },
      { name: 'Gel de baño', brands: care, variants: ['avena', 'aloe vera', 'piel sensible'], sizes: [ml(750), ml(1000)], perUnitCents: 360, taxRateBp: 2100 },
      { name: 'Pasta de dientes', brands: care, variants: ['blanqueadora', 'encías', 'infantil'], sizes: [ml(75)], perUnitCents: 2800, taxRateBp: 2100 },
      { name: 'Desodorante', brands: care, variants: ['spray', 'roll-on'], sizes: [ml(150)], perUnitCents: 1900, taxRateBp: 2100 },
      { name: 'Crema facial', brands: care, variants: ['hidratante', 'de noche'], sizes: [ml(50)], perUnitCents: 9000, taxRateBp: 2100 },
      { name: 'Crema corporal', brands: care, variants: ['hidratante', 'reafirmante'], sizes: [ml(400)], perUnitCents: 1500, taxRateBp: 2100 },
    ],
  },
  {
    name: 'Hogar',
    kinds: [
      { name: 'Toalla de baño', brands: home, variants: ['blanca', 'gris', 'azul'], sizes: [units(1, '70 × 140 cm')], perUnitCents: 990, taxRateBp: 2100 },
      { name: 'Sartén antiadherente', brands: home, variants: ['inducción', 'aluminio'], sizes: [units(1, '24 cm'), units(1.4, '28 cm')], perUnitCents: 1690, taxRateBp: 2100 },
      { name: 'Taza de cerámica', brands: home, variants: ['blanca', 'estampada'], sizes: [units(1, '350 ml'), units(4, 'pack 4')], perUnitCents: 350, taxRateBp: 2100 },
      { name: 'Bombilla LED', brands: ['Voltix', 'Lumen'], variants: ['E27 luz cálida', 'E27 luz fría', 'E14 luz cálida'], sizes: [units(1, '1 ud'), units(2, 'pack 2')], perUnitCents: 290, taxRateBp: 2100 },
      { name: 'Cojín', brands: home, variants: ['liso', 'de rayas'], sizes: [units(1, '45 × 45 cm')], perUnitCents: 1290, taxRateBp: 2100 },
    ],
  },
  {
    name: 'Electrónica',
    kinds: [
      { name: 'Auriculares', brands: electronics, variants: ['de botón', 'de diadema', 'inalámbricos'], sizes: [units(1, 'negro'), units(1, 'blanco')], perUnitCents: 2490, taxRateBp: 2100 },
      { name: 'Cargador USB-C', brands: electronics, variants: ['20 W', '65 W'], sizes: [units(1, 'blanco')], perUnitCents: 1490, taxRateBp: 2100 },
      { name: 'Pilas alcalinas', brands: electronics, variants: ['AA', 'AAA'], sizes: [units(4, 'pack 4'), units(8, 'pack 8')], perUnitCents: 100, taxRateBp: 2100 },
      { name: 'Altavoz Bluetooth', brands: electronics, variants: ['compacto', 'resistente al agua'], sizes: [units(1, 'negro'), units(1, 'azul')], perUnitCents: 3490, taxRateBp: 2100 },
      { name: 'Cable HDMI', brands: electronics, variants: ['4K', '8K'], sizes: [units(1, '1 m'), units(1.5, '2 m')], perUnitCents: 790, taxRateBp: 2100 },
    ],
  },
  {
    name: 'Textil',
    kinds: [
      { name: 'Camiseta de algodón', brands: clothing, variants: ['blanca', 'negra', 'azul marino'], sizes: [units(1, 'talla S'), units(1, 'talla M'), units(1, 'talla L'), units(1, 'talla XL')], perUnitCents: 999, taxRateBp: 2100 },
      { name: 'Calcetines', brands: clothing, variants: ['deportivos', 'de vestir'], sizes: [units(3, 'pack 3 pares')], perUnitCents: 330, taxRateBp: 2100 },
      { name: 'Sudadera', brands: clothing, variants: ['con capucha', 'cuello redondo'], sizes: [units(1, 'talla M'), units(1, 'talla L')], perUnitCents: 2499, taxRateBp: 2100 },
      { name: 'Pijama', brands: clothing, variants: ['de invierno', 'de verano'], sizes: [units(1, 'talla M'), units(1, 'talla L')], perUnitCents: 1999, taxRateBp: 2100 },
      { name: 'Bufanda', brands: clothing, variants: ['de lana', 'de punto'], sizes: [units(1, 'talla única')], perUnitCents: 1299, taxRateBp: 2100 },
    ],
  },
];

/** The store's own brand costs less, a premium one more; every size of one product keeps one price per unit. */
const premiumBrands = new Set(['Pradera Real', 'Nácar', 'Voltix', 'Bodegas Sierra', 'Doña Pepa']);
const brandTier = (brand: string) => (brand === 'Marca Mostrador' ? 0.8 : premiumBrands.has(brand) ? 1.2 : 1);

/** Shelf prices end in 9 cents, as shoppers expect. */
const shelfPrice = (cents: number) => Math.max(9, Math.round(cents / 10) * 10 - 1);

/** Fresh goods sold by weight through variable-measure EAN-13s (prefix 21 weight, 22 price), with their price per kg and VAT. */
export const weighedGoods = [
  { name: 'Manzana golden', perKgCents: 249, taxRateBp: 400 },
  { name: 'Plátano de Canarias', perKgCents: 229, taxRateBp: 400 },
  { name: 'Tomate pera', perKgCents: 199, taxRateBp: 400 },
  { name: 'Naranja de zumo', perKgCents: 149, taxRateBp: 400 },
  { name: 'Jamón serrano loncheado', perKgCents: 1990, taxRateBp: 1000 },
  { name: 'Queso manchego curado', perKgCents: 1690, taxRateBp: 400 },
  { name: 'Pechuga de pollo', perKgCents: 749, taxRateBp: 1000 },
  { name: 'Merluza', perKgCents: 1190, taxRateBp: 1000 },
  { name: 'Aceitunas aliñadas', perKgCents: 590, taxRateBp: 1000 },
  { name: 'Pan de centeno', perKgCents: 450, taxRateBp: 400 },
] as const;

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

/** What the index-th product is made of: its category, kind, variant, pack size and brand. */
export function demoMakeup(index: number) {
  const random = mulberry32(index * 7919);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const category = pick(categories);
  const kind = pick(category.kinds);
  return {
    category: category.name,
    kind: kind.name,
    variant: pick(kind.variants),
    size: pick(kind.sizes),
    brand: pick(kind.brands),
    perUnitCents: kind.perUnitCents,
    taxRateBp: kind.taxRateBp,
    // An aisle per category, then bay and shelf: labels print in the order staff walk the floor.
    shelfLocation: `${String.fromCharCode(65 + categories.indexOf(category))}${String(1 + (index % 12)).padStart(2, '0')}-${1 + (index % 5)}`,
  };
}

/** The index-th catalog product (1-based). */
export function demoProduct(index: number): GeneratedProduct {
  const { category, kind, variant, size, brand, perUnitCents, taxRateBp, shelfLocation } = demoMakeup(index);
  const sku = demoSku(index);
  const product: ProductRecord = {
    sku,
    name: `${kind} ${variant} ${size.label}`,
    brand,
    category,
    unit: 'each',
    priceCents: shelfPrice(perUnitCents * size.content * brandTier(brand)),
    taxRateBp,
    active: true,
    shelfLocation,
    netContent: { amount: size.content, unit: size.unit },
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

import { demoSku, demoSscc } from '../demo/demo-catalog';

/**
 * A demo delivery for `npm run hq -- --asn N`: three SKUs of the demo catalog, the first two
 * packed in a carton each (SSCC labels), the third loose.
 */
export function demoAsn(serial: number, productCount: number) {
  const sku = (k: number) => demoSku(((serial * 3 + k) % productCount) + 1);
  const [a, b, c] = [sku(0), sku(1), sku(2)];
  return {
    asnId: `ASN-${String(serial).padStart(4, '0')}`,
    supplier: 'Distribuciones Demo',
    lines: [
      { sku: a, qty: 6 },
      { sku: b, qty: 12 },
      { sku: c, qty: 4 },
    ],
    cartons: [
      { sscc: demoSscc(serial * 10 + 1), contents: [{ sku: a, qty: 6 }] },
      { sscc: demoSscc(serial * 10 + 2), contents: [{ sku: b, qty: 12 }] },
    ],
  };
}

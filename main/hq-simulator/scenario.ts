import type { HqSimulator } from './hq-simulator';

export interface ScenarioOptions {
  store: string;
  /** SKUs the orders pick from. */
  skus: readonly string[];
  /** Route a new pickup order this often (0: never). */
  orderEveryMs?: number;
  /** Cancel every Nth order a little after routing it (0: never). */
  cancelEvery?: number;
  /** Change one price this often (0: never). */
  priceChangeEveryMs?: number;
  random?: () => number;
  log?: (entry: Record<string, unknown>) => void;
}

const customers = ['Lucía Fernández', 'Javier Moreno', 'Carmen Navarro', 'Sergio Ramos', 'Elena Ortiz', 'Pau Vidal'];

/** Scripted HQ traffic for the demo and for load: orders, cancellations, price changes. */
export function startScenario(hq: HqSimulator, options: ScenarioOptions): () => void {
  const random = options.random ?? Math.random;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  let orders = 0;
  let priceVersion = Date.now();
  const timers: NodeJS.Timeout[] = [];

  if (options.orderEveryMs) {
    timers.push(
      setInterval(() => {
        orders++;
        const orderId = `W-${String(100000 + Math.floor(random() * 900000))}`;
        const lines = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => ({
          lineId: `L${i + 1}`,
          sku: pick(options.skus),
          qty: 1 + Math.floor(random() * 2),
        }));
        // HQ routes only to a ready store that has the stock; an order it cannot place is not sent.
        const routed = hq.route({
          orderId,
          version: 1,
          customer: { name: pick(customers), phone: `+346${String(Math.floor(random() * 1e8)).padStart(8, '0')}` },
          verification: { code: String(1000 + Math.floor(random() * 9000)) },
          promisedAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
          lines,
        }, [options.store]);
        if (routed.store === null) {
          options.log?.({ level: 'info', msg: 'HQ did not route an order', orderId, why: routed.refused[options.store] });
          return;
        }
        if (options.cancelEvery && orders % options.cancelEvery === 0) {
          timers.push(setTimeout(() => hq.cancelOrder(options.store, orderId, 2, 'customer cancelled'), 5000));
        }
      }, options.orderEveryMs),
    );
  }
  if (options.priceChangeEveryMs) {
    timers.push(
      setInterval(() => {
        hq.send(options.store, {
          type: 'prices',
          version: ++priceVersion,
          effectiveAt: new Date().toISOString(),
          prices: [{ sku: pick(options.skus), priceCents: 99 + Math.floor(random() * 2000) }],
        });
      }, options.priceChangeEveryMs),
    );
  }
  return () => timers.forEach((t) => clearInterval(t));
}

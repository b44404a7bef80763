import type { Store } from '../../main/compose-store';
import { createHqSimulator, type HqSimulator } from '../../main/hq-simulator/hq-simulator';
import type { HqLinkConfig } from '../../main/sync/hq-link';
import type { StoreSync, StoreSyncOptions } from '../../main/sync/store-sync';
import { openSmallStore } from './small-store';

export const chain = 'test-chain';

/** Fast reconnects and acknowledgement timeouts, so fault tests take seconds. */
export const fastLink = { backoffBaseMs: 50, backoffCapMs: 500, ackTimeoutMs: 1500 };

export async function startHq(url: string, extra: Partial<Parameters<typeof createHqSimulator>[0]> = {}): Promise<HqSimulator> {
  const log = process.env.MOSTRADOR_TEST_LOG ? (e: Record<string, unknown>) => console.error('hq', JSON.stringify(e)) : undefined;
  const hq = createHqSimulator({ url, chain, replayAfterMs: 500, ...(log ? { log } : {}), ...extra });
  await hq.start();
  return hq;
}

export async function syncedSmallStore(
  url: string,
  store = 'store-a',
  options: StoreSyncOptions & { file?: string } = {},
): Promise<{ core: Store; sync: StoreSync }> {
  const { file, ...sync } = options;
  return linkedSmallStore({ url, chain, store, station: 'counter-1', ...fastLink }, sync, file);
}

/** The small store composed with an HQ link on `link`. */
export async function linkedSmallStore(link: HqLinkConfig, sync: StoreSyncOptions = {}, file?: string): Promise<{ core: Store; sync: StoreSync }> {
  const log = process.env.MOSTRADOR_TEST_LOG ? (e: Record<string, unknown>) => console.error(link.store, JSON.stringify(e)) : undefined;
  const core = await openSmallStore(file, { hq: { link, sync: { ...(log ? { log } : {}), ...sync } }, returnsFollowUpMs: 200 });
  return { core, sync: core.sync! };
}

/** Appends movements directly through the ledger (staff "ana"), as commands would. */
export function makeMovements(core: Store, count: number, skus = ['SKU-OIL', 'SKU-RICE', 'SKU-SOAP']): void {
  for (let i = 0; i < count; i++) {
    core.services.movements.append({
      sku: skus[i % skus.length]!,
      qty: 1 + (i % 5),
      from: 'supplier',
      to: 'back_room',
      reason: 'receipt',
      staff: 'ana',
      station: 'counter-1',
    });
  }
}

/** The store's own view of what HQ must end with: movement seqs in order and sums per SKU. */
export function storeTruth(core: Store) {
  const seqs = core.services.db.prepare('SELECT seq FROM movements ORDER BY seq').pluck().all() as number[];
  const sums = new Map(
    (core.services.db.prepare('SELECT sku, SUM(qty) AS total FROM movements GROUP BY sku').all() as { sku: string; total: number }[]).map(
      (r) => [r.sku, r.total],
    ),
  );
  return { seqs, sums };
}

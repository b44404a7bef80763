import { join } from 'node:path';
import { composeStore, type Store, type StoreOptions } from '../../main/compose-store';
import type { ProcedureInput, ProcedureName } from '../../main/api/contract';
import type { Result } from '../../main/api/result';
import { tempDir } from './temp-dir';

export const smallCatalog = [
  { sku: 'SKU-OIL', name: 'Aceite de oliva virgen extra 1 L', brand: 'Sierra Verde', gtin13: '8412345000010' },
  { sku: 'SKU-RICE', name: 'Arroz bomba 1 kg', brand: 'La Huerta', gtin13: '8412345000027' },
  { sku: 'SKU-SOAP', name: 'Jabón de manos', brand: 'Añil', gtin13: '8412345000034' },
] as const;

export const staffPins = { ana: '1111', pablo: '2222', marta: '3333' } as const;

/** A real ledger file with three products, three staff and no stock; `options` give it capabilities (an HQ link…). */
export async function openSmallStore(file = join(tempDir(), 'ledger.sqlite'), options: StoreOptions = {}): Promise<Store> {
  const core = await composeStore({ dbPath: file, store: 'test-store', station: 'counter-1', demo: false }, options);
  const { catalog, staff } = core.services;
  catalog.upsertProducts(
    smallCatalog.map((p) => ({
      sku: p.sku,
      name: p.name,
      brand: p.brand,
      category: 'Test',
      unit: 'each' as const,
      priceCents: 499,
      taxRateBp: 1000,
      active: true,
    })),
    smallCatalog.map((p) => ({ code: `0${p.gtin13}`, sku: p.sku, kind: 'gtin' as const })),
  );
  await staff.upsert({ id: 'ana', name: 'Ana', role: 'associate' }, staffPins.ana);
  await staff.upsert({ id: 'pablo', name: 'Pablo', role: 'pickup' }, staffPins.pablo);
  await staff.upsert({ id: 'marta', name: 'Marta', role: 'manager' }, staffPins.marta);
  return core;
}

/**
 * Calls the core as a screen would, typed by procedure. With a manager's PIN it
 * asks for a grant for this very call first, as the approval dialog does.
 */
export function caller(core: Store) {
  return async <N extends ProcedureName>(
    name: N,
    input: ProcedureInput<N>,
    approval?: { staffId: string; pin: string } | { grantId: string },
  ): Promise<Result<unknown>> => {
    if (!approval) return core.api.call({ name, input });
    if ('grantId' in approval) return core.api.call({ name, input, approval });
    const grant = await core.api.call({ name: 'approval.grant', input: { ...approval, procedure: name, input } });
    if (!grant.ok) return grant;
    return core.api.call({ name, input, approval: { grantId: (grant.value as { grantId: string }).grantId } });
  };
}

export function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Row counts of everything a stock change touches. */
export function ledgerFootprint(core: Store) {
  const count = (table: string) => core.services.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
  const levels = core.services.db.prepare('SELECT sku, location, qty FROM stock_levels ORDER BY sku, location').all();
  return { movements: count('movements'), outbox: count('outbox'), levels };
}

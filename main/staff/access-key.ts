import type { AccessKey } from '../api/access-table';
import type { ProcedureName } from '../api/contract';
import type { CoreServices } from '../kernel/handler-types';

/**
 * Which row of the access table a call falls under. Most procedures are one
 * row; a transfer touching an external location (supplier, customer,
 * adjustment) creates or destroys stock and is a manager's row, setting up
 * the store is open only while the first-run wizard shows, and a handover past
 * the wrong-code limit is a manager's decision.
 */
export function accessKeyFor(name: ProcedureName, input: unknown, services: Pick<CoreServices, 'locations' | 'setup' | 'orders'>): AccessKey {
  if (name === 'stock.transfer') {
    const { from, to } = input as { from: string; to: string };
    const external = [from, to].some((code) => services.locations.get(code)?.kind === 'external');
    return external ? 'stock.transfer:external' : name;
  }
  if (name === 'setup.provision' || name === 'setup.chooseDemo') {
    return services.setup?.status().needsSetup === true ? `${name}:first-run` : name;
  }
  if (name === 'orders.handover') {
    return services.orders.handoverLocked((input as { orderId: string }).orderId) ? 'orders.handover:locked' : name;
  }
  if (name === 'import.commit' && (input as { skipBadLines?: boolean }).skipBadLines === true) return 'import.commit:skip-bad-lines';
  return name;
}

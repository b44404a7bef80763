import type { AccessKey } from '../api/access-table';
import type { ProcedureName } from '../api/contract';
import type { LocationInfo } from '../api/types';

export interface AccessKeyPorts {
  locations: ReadonlyMap<string, LocationInfo>;
  /** True while the first-run wizard shows. */
  needsSetup(): boolean;
  /** True once an order took too many wrong handover codes. */
  handoverLocked(orderId: string): boolean;
  /** True when an exchange's price difference is over HQ's threshold (issue 16). */
  exchangeNeedsManager(orderId: string, input: { lines: { lineId: string; qty: number }[]; newLines: { sku: string; qty: number }[] }): boolean;
}

/**
 * Which row of the access table a call falls under. Most procedures are one
 * row; a transfer touching an external location (supplier, customer,
 * adjustment) creates or destroys stock and is a manager's row, setting up
 * the store is open only while the first-run wizard shows, and a handover past
 * the wrong-code limit, an exchange whose price difference is over HQ's
 * threshold and a transfer receipt writing units off as lost are a manager's decision.
 */
export function createAccessKey({ locations, needsSetup, handoverLocked, exchangeNeedsManager }: AccessKeyPorts) {
  return function accessKeyFor(name: ProcedureName, input: unknown): AccessKey {
    if (name === 'stock.transfer') {
      const { from, to } = input as { from: string; to: string };
      const external = [from, to].some((code) => locations.get(code)?.kind === 'external');
      return external ? 'stock.transfer:external' : name;
    }
    if (name === 'setup.provision' || name === 'setup.chooseDemo' || name === 'setup.joinStore') {
      return needsSetup() ? `${name}:first-run` : name;
    }
    if (name === 'orders.handover') {
      return handoverLocked((input as { orderId: string }).orderId) ? 'orders.handover:locked' : name;
    }
    if (name === 'orders.exchange') {
      const exchange = input as { orderId: string; lines: { lineId: string; qty: number }[]; newLines: { sku: string; qty: number }[] };
      return exchangeNeedsManager(exchange.orderId, exchange) ? 'orders.exchange:over-threshold' : name;
    }
    if (name === 'transfers.receive' && (input as { lines: { lost: number }[] }).lines.some((line) => line.lost > 0)) return 'transfers.receive:loss';
    if (name === 'import.commit' && (input as { skipBadLines?: boolean }).skipBadLines === true) return 'import.commit:skip-bad-lines';
    if (name === 'returns.record' && (input as { offline: boolean }).offline) return 'returns.record:offline';
    if (name === 'receiving.open' && (input as { asnId?: string }).asnId === undefined) return 'receiving.open:without-asn';
    return name;
  };
}
export type AccessKeyFor = ReturnType<typeof createAccessKey>;

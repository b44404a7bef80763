import type { ProcedureName } from './contract';
import type { ErrorCode } from './result';
import type { Role } from './types';

// Who may do what, in one table: every procedure (and every input class that
// changes the risk) against every role. The dispatcher enforces exactly this,
// test/integration/api/access-table.test.ts checks every cell, and
// docs/security.md publishes it (a test keeps the two the same).

/** allow: runs; approve: runs with a one-use grant from someone of the row's `approver` role; refuse: never. */
export type Access = 'allow' | 'approve' | 'refuse';
/** Who is at the station: nobody signed in, or a member of a role. */
export type Seat = 'nobody' | Role;
export const seats = ['nobody', 'associate', 'pickup', 'manager', 'admin'] as const satisfies readonly Seat[];

export type AccessRule = { [S in Seat]: S extends 'nobody' ? 'allow' | 'refuse' : Access } & {
  /** The least role that may approve the 'approve' cells. */
  approver?: Role;
  /** The refusal's code when no approval came, where a row has its own reason to give staff (FORBIDDEN otherwise). */
  refusal?: ErrorCode;
};

/**
 * Rows keyed by an input's risk class, where the same procedure is riskier
 * with some inputs: a transfer that touches `supplier`, `customer` or
 * `adjustment` creates or destroys stock; provisioning before a store exists
 * is the first-run wizard, after it a change of store; a handover after too
 * many wrong codes (the code may be being guessed) needs a manager.
 */
export const classifiedKeys = [
  'stock.transfer:external',
  'setup.provision:first-run',
  'setup.chooseDemo:first-run',
  'setup.joinStore:first-run',
  'orders.handover:locked',
  // A CSV import that leaves its bad lines out: its own row, so the choice to skip is visible here.
  'import.commit:skip-bad-lines',
  // A transfer receipt that writes units off as lost on the way: stock destroyed, a manager's row.
  'transfers.receive:loss',
  // A delivery HQ did not announce: stock from nowhere HQ knows of, so a manager decides.
  'receiving.open:without-asn',
  // A return HQ cannot confirm yet (offline): counted here on a manager's word until HQ answers.
  'returns.record:offline',
  // An exchange whose price difference is over HQ's threshold: money across the counter, a manager decides.
  'orders.exchange:over-threshold',
] as const;
export type AccessKey = ProcedureName | (typeof classifiedKeys)[number];

const open: AccessRule = { nobody: 'allow', associate: 'allow', pickup: 'allow', manager: 'allow', admin: 'allow' };
const staff: AccessRule = { nobody: 'refuse', associate: 'allow', pickup: 'allow', manager: 'allow', admin: 'allow' };
/** Pickup work: a pickup clerk, manager or admin; an associate with a pickup clerk's approval. */
const pickup: AccessRule = { nobody: 'refuse', associate: 'approve', pickup: 'allow', manager: 'allow', admin: 'allow', approver: 'pickup' };
/** A manager's decision: anyone below needs a manager's approval for that one call. */
const manager: AccessRule = { nobody: 'refuse', associate: 'approve', pickup: 'approve', manager: 'allow', admin: 'allow', approver: 'manager' };
/** The back office: managers and admins, no approval for anyone else. */
const backOffice: AccessRule = { nobody: 'refuse', associate: 'refuse', pickup: 'refuse', manager: 'allow', admin: 'allow' };
/** Managers and admins; nobody below, not even with an approval. */
const managersOnly: AccessRule = { nobody: 'refuse', associate: 'refuse', pickup: 'refuse', manager: 'allow', admin: 'allow' };
const adminOnly: AccessRule = { nobody: 'refuse', associate: 'refuse', pickup: 'refuse', manager: 'refuse', admin: 'allow' };

/** Customer data (issue 17): the people who serve customers; IT's admin has no purpose for it. */
const serving: AccessRule = { nobody: 'refuse', associate: 'allow', pickup: 'allow', manager: 'allow', admin: 'refuse' };
/** Selling to a customer, their browsing and follow-ups: associates and managers, not pickup clerks. */
const selling: AccessRule = { nobody: 'refuse', associate: 'allow', pickup: 'refuse', manager: 'allow', admin: 'refuse' };
const managerOnly: AccessRule = { nobody: 'refuse', associate: 'refuse', pickup: 'refuse', manager: 'allow', admin: 'refuse' };

export const accessTable: Record<AccessKey, AccessRule> = {
  'session.current': open,
  'setup.status': open,
  'setup.chooseDemo:first-run': open,
  'setup.chooseDemo': adminOnly,
  'setup.provision:first-run': open,
  'setup.provision': adminOnly,
  'setup.joinStore:first-run': open,
  'setup.joinStore': adminOnly,
  'session.signIn': open,
  'session.signOut': open,
  'staff.list': open,
  'locations.list': open,
  'approval.grant': staff,
  'staff.unlock': manager,

  'catalog.lookup': staff,
  'catalog.search': staff,
  'stock.levels': staff,
  'stock.history': staff,
  'stock.incoming': staff,
  'pricing.schedule': staff,
  'labels.queue': staff,
  'labels.print': staff,
  'stock.receive': manager,
  'stock.transfer': staff,
  'stock.transfer:external': manager,
  'stock.adjust': manager,
  'ledger.check': manager,

  'orders.queue': pickup,
  'orders.queueRows': pickup,
  'orders.detail': pickup,
  'orders.find': pickup,
  'orders.accept': pickup,
  'orders.reject': pickup,
  'orders.pick': pickup,
  'orders.short': pickup,
  'orders.ready': pickup,
  'orders.handover': pickup,
  'orders.handover:locked': { ...manager, refusal: 'VERIFICATION_LOCKED' },
  'orders.cancel': manager,
  'orders.return': pickup,
  'orders.exchange': pickup,
  'orders.exchange:over-threshold': manager,
  'orders.exchangeQuote': pickup,
  'hq.customerLookup': pickup,
  'hq.stockLookup': staff,

  'devices.list': staff,
  'devices.configure': manager,
  'devices.addSerial': manager,
  'printing.printers': staff,
  'printing.jobs': staff,
  'printing.reprint': staff,
  'printing.dismiss': staff,
  'printing.testPage': staff,
  'printing.openDrawer': manager,
  'printing.configure': manager,
  'shelves.list': staff,
  'shelves.mapping': staff,
  'shelves.configure': manager,
  'diagnostics.save': manager,
  'sync.status': staff,
  'sync.deadLetters': manager,
  'sync.retryDeadLetter': manager,
  'stations.linkStatus': open,
  'stations.list': manager,
  'stations.approvePairing': manager,
  'stations.revoke': manager,

  'dev.fireScan': staff,
  'dev.printerPreview': staff,
  'dev.customerCodes': staff,
  'dev.printerState': staff,
  'dev.setPrinter': staff,
  'dev.setShelfWeight': staff,

  'tills.list': adminOnly,
  'tills.issueToken': adminOnly,
  'tills.revokeToken': adminOnly,
  // Staff administration (issue 12): admins only, but a manager may lift a lock (staff.unlock above).
  'staff.firstAdminOffered': open,
  'session.firstAdmin': open,
  'session.signInWithCode': open,
  'staff.roster': { nobody: 'refuse', associate: 'refuse', pickup: 'refuse', manager: 'allow', admin: 'allow' },
  'staff.add': adminOnly,
  'staff.rename': adminOnly,
  'staff.setRole': adminOnly,
  'staff.deactivate': adminOnly,
  'staff.resetPin': adminOnly,
  // CSV import (issue 12): anyone signed in may stage and dry-run a file; writing it is a manager's decision.
  'import.begin': staff,
  'import.chunk': staff,
  'import.dryRun': staff,
  'import.commit': manager,
  'import.commit:skip-bad-lines': manager,
  // Transfers between stores (issue 13): anyone signed in drafts and receives; stock leaving the
  // store, and units written off as lost, are a manager's decision.
  'transfers.list': staff,
  'transfers.detail': staff,
  'transfers.create': staff,
  'transfers.addLine': staff,
  'transfers.removeLine': staff,
  'transfers.ship': manager,
  'transfers.receive': staff,
  'transfers.receive:loss': manager,
  // Receiving (issue 13): anyone signed in receives an ASN; receiving without one is a manager's decision.
  // Returns from any channel (issue 16): pickup work; recorded offline, a manager's decision.
  'returns.lookup': pickup,
  'returns.record': pickup,
  'returns.record:offline': manager,
  'returns.list': staff,
  'returns.dispose': pickup,
  'receiving.list': staff,
  'receiving.detail': staff,
  'receiving.open': staff,
  'receiving.open:without-asn': manager,
  'receiving.scan': staff,
  'receiving.pause': staff,
  'receiving.resume': staff,
  'receiving.close': staff,
  // Stock counts (issue 13): anyone signed in counts (blind, main/stock/stock-read-path.ts); a manager approves or drops one.
  'counts.list': staff,
  'counts.detail': staff,
  'counts.create': staff,
  'counts.scan': staff,
  'counts.submit': staff,
  'counts.approve': manager,
  'counts.cancel': manager,
  // Cash at the counter (issue 16): a manager reads the day's summary and confirms each station's cash.
  'cash.endOfDay': { nobody: 'refuse', associate: 'refuse', pickup: 'refuse', manager: 'allow', admin: 'allow' },
  'cash.confirmDay': manager,
  // KPIs (issue 15): the back office's, read-only.
  'kpis.report': backOffice,
  // Customers (issue 17): which panels each role sees is decided in main/customers/card-scope.ts.
  'customers.open': serving,
  'customers.search': serving,
  'customers.arrivals': serving,
  'customers.checkIn': serving,
  'customers.dismissArrival': serving,
  'customers.orderElsewhere': selling,
  'customers.tasks': selling,
  'customers.addTask': selling,
  'customers.completeTask': selling,
  'customers.checkNote': serving,
  'customers.openings': managerOnly,
  // The shelf board (issue 15): anyone signed in sees and acknowledges shelf alerts (the acknowledgement is logged).
  'shelves.alerts': staff,
  'shelves.acknowledge': staff,
  // The audit log viewer (issue 15): managers and admins only, with no approval for anyone below.
  'audit.list': managersOnly,
  'audit.entry': managersOnly,
};

export const accessKeys = Object.keys(accessTable) as AccessKey[];

/** The table as Markdown, for docs/security.md. */
export function accessTableMarkdown(): string {
  const cell = (rule: AccessRule, seat: Seat) => (rule[seat] === 'approve' ? `approve (${rule.approver})` : rule[seat]);
  const lines = [`| procedure | ${seats.join(' | ')} |`, `|---|${seats.map(() => '---').join('|')}|`];
  for (const key of [...accessKeys].sort()) {
    lines.push(`| \`${key}\` | ${seats.map((seat) => cell(accessTable[key], seat)).join(' | ')} |`);
  }
  return lines.join('\n');
}

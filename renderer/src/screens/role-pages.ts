import type { ProcedureName } from '../../../main/api/contract';
import type { Role } from '../../../main/api/types';

export const consolePages = ['lookup', 'sync', 'orders', 'receiving', 'counts', 'transfers', 'labels', 'shelves', 'returns', 'customers', 'devices', 'staff', 'import', 'cash', 'kpis', 'audit'] as const;
export type ConsolePage = (typeof consolePages)[number];

/**
 * Which pages each role works on, and the procedure each page opens with. A role sees only its
 * pages (test/unit/renderer/role-pages.test.ts holds every page's opening procedure against the
 * access table, so no page a role sees answers "your role cannot"); what needs a manager inside a
 * page is still asked for in place.
 */
export const pageRoles: Record<ConsolePage, { roles: readonly Role[]; opensWith: ProcedureName }> = {
  lookup: { roles: ['associate', 'pickup', 'manager', 'admin'], opensWith: 'catalog.lookup' },
  orders: { roles: ['pickup', 'manager', 'admin'], opensWith: 'orders.queue' },
  receiving: { roles: ['associate', 'manager', 'admin'], opensWith: 'receiving.list' },
  // Pickup staff count too: a short pick opens a spot count at the counter's shelf.
  counts: { roles: ['associate', 'pickup', 'manager', 'admin'], opensWith: 'counts.list' },
  transfers: { roles: ['associate', 'manager', 'admin'], opensWith: 'transfers.list' },
  returns: { roles: ['pickup', 'manager', 'admin'], opensWith: 'returns.list' },
  // Customer data is for those who serve customers (issue 17): not IT's admin.
  customers: { roles: ['associate', 'pickup', 'manager'], opensWith: 'customers.arrivals' },
  labels: { roles: ['associate', 'manager', 'admin'], opensWith: 'labels.queue' },
  sync: { roles: ['associate', 'manager', 'admin'], opensWith: 'sync.status' },
  devices: { roles: ['associate', 'manager', 'admin'], opensWith: 'devices.list' },
  staff: { roles: ['manager', 'admin'], opensWith: 'staff.roster' },
  import: { roles: ['associate', 'manager', 'admin'], opensWith: 'import.begin' },
  // The day's cash at the counter (issue 16): a manager's page.
  cash: { roles: ['manager', 'admin'], opensWith: 'cash.endOfDay' },
  kpis: { roles: ['manager', 'admin'], opensWith: 'kpis.report' },
  // The shelf board (issue 15): the floor's staff see its alerts on every page and acknowledge them.
  shelves: { roles: ['associate', 'manager', 'admin'], opensWith: 'shelves.list' },
  // The audit log viewer (issue 15): managers and admins only.
  audit: { roles: ['manager', 'admin'], opensWith: 'audit.list' },
};

/** Where each role starts: the pickup counter on its queue, everyone else on product lookup. */
export const landingPage: Record<Role, ConsolePage> = { pickup: 'orders', associate: 'lookup', manager: 'lookup', admin: 'lookup' };

export const pagesFor = (role: Role): ConsolePage[] => consolePages.filter((page) => pageRoles[page].roles.includes(role));

import type { ProcedureName } from '../../../main/api/contract';
import type { Role } from '../../../main/api/types';

export const consolePages = ['lookup', 'sync', 'orders', 'receiving', 'counts', 'transfers', 'labels', 'devices', 'staff', 'import'] as const;
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
  counts: { roles: ['associate', 'manager', 'admin'], opensWith: 'counts.list' },
  transfers: { roles: ['associate', 'manager', 'admin'], opensWith: 'transfers.list' },
  labels: { roles: ['associate', 'manager', 'admin'], opensWith: 'labels.queue' },
  sync: { roles: ['associate', 'manager', 'admin'], opensWith: 'sync.status' },
  devices: { roles: ['associate', 'manager', 'admin'], opensWith: 'devices.list' },
  staff: { roles: ['manager', 'admin'], opensWith: 'staff.roster' },
  import: { roles: ['associate', 'manager', 'admin'], opensWith: 'import.begin' },
};

/** Where each role starts: the pickup counter on its queue, everyone else on product lookup. */
export const landingPage: Record<Role, ConsolePage> = { pickup: 'orders', associate: 'lookup', manager: 'lookup', admin: 'lookup' };

export const pagesFor = (role: Role): ConsolePage[] => consolePages.filter((page) => pageRoles[page].roles.includes(role));

import type { HandlerMap } from '../kernel/handler-types';

type Names = 'session.current' | 'session.signIn' | 'session.signOut' | 'staff.list' | 'locations.list';

export const sessionHandlers: HandlerMap<Names> = {
  'session.current': ({ services }) => services.session.info(),
  'session.signIn': async ({ services, station }, { staffId, pin }) => {
    const member = await services.staff.authenticate(staffId, pin, { station, purpose: 'sign-in' });
    services.session.signIn(member);
    const info = services.session.info();
    services.emit({ event: 'session.changed', payload: info });
    return info;
  },
  'session.signOut': ({ services }) => {
    services.session.signOut();
    const info = services.session.info();
    services.emit({ event: 'session.changed', payload: info });
    return info;
  },
  'staff.list': ({ services }) => services.staff.list(),
  'locations.list': ({ services }) => [...services.locations.values()],
};

/** Calls whose handlers await (scrypt); they cannot run inside a SQLite transaction. */
export const asyncProcedures = new Set<string>(['session.signIn', 'approval.grant', 'hq.stockLookup', 'hq.customerLookup', 'printing.openDrawer', 'printing.configure', 'setup.provision', 'diagnostics.save', 'shelves.configure',
  // Staff administration (issue 12): each hashes a PIN.
  'session.firstAdmin', 'session.signInWithCode', 'staff.add', 'staff.resetPin']);

import type { HandlerMap } from '../kernel/handler-types';

type Names =
  | 'staff.firstAdminOffered'
  | 'session.firstAdmin'
  | 'session.signInWithCode'
  | 'staff.roster'
  | 'staff.add'
  | 'staff.rename'
  | 'staff.setRole'
  | 'staff.deactivate'
  | 'staff.resetPin';

export const staffAdminHandlers: HandlerMap<Names> = {
  'staff.firstAdminOffered': ({ services }) => ({ offered: services.firstAdmin.offered() }),
  'session.firstAdmin': async ({ services }, { code, staffId, name, pin }) => {
    const admin = await services.firstAdmin.create({ code, id: staffId, name, pin });
    services.session.signIn(admin);
    const info = services.session.info();
    services.emit({ event: 'session.changed', payload: info });
    return info;
  },
  'session.signInWithCode': async ({ services }, { staffId, code, pin }) => {
    const member = await services.staff.setPinWithCode(staffId, code, pin);
    services.session.signIn(member);
    const info = services.session.info();
    services.emit({ event: 'session.changed', payload: info });
    return info;
  },
  'staff.roster': ({ services }) => services.staff.roster(),
  'staff.add': ({ services }, { staffId, name, role, pin }) => services.staff.add({ id: staffId, name, role }, pin),
  'staff.rename': ({ services }, { staffId, name }) => services.staff.rename(staffId, name),
  'staff.setRole': ({ services }, { staffId, role }) => services.staff.setRole(staffId, role),
  'staff.deactivate': ({ services }, { staffId }) => services.staff.deactivate(staffId),
  'staff.resetPin': ({ services }, { staffId, pin }) => services.staff.resetPin(staffId, pin),
};

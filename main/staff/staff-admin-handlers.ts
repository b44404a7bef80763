import type { HandlerMap } from '../kernel/handler-types';
import type { FirstAdmin } from './first-admin';
import type { StaffDirectory } from './staff-directory';
import type { StationSession } from './station-session';

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

export function staffAdminHandlers({ staff, session, firstAdmin }: { staff: StaffDirectory; session: StationSession; firstAdmin: FirstAdmin }): HandlerMap<Names> {
  return {
    'staff.firstAdminOffered': () => ({ offered: firstAdmin.offered() }),
    'session.firstAdmin': async (ctx, { code, staffId, name, pin }) => {
      const admin = await firstAdmin.create({ code, id: staffId, name, pin });
      session.signIn(admin);
      const info = session.info();
      ctx.emit({ event: 'session.changed', payload: info });
      return info;
    },
    'session.signInWithCode': async (ctx, { staffId, code, pin }) => {
      const member = await staff.setPinWithCode(staffId, code, pin);
      session.signIn(member);
      const info = session.info();
      ctx.emit({ event: 'session.changed', payload: info });
      return info;
    },
    'staff.roster': () => staff.roster(),
    'staff.add': (_ctx, { staffId, name, role, pin }) => staff.add({ id: staffId, name, role }, pin),
    'staff.rename': (_ctx, { staffId, name }) => staff.rename(staffId, name),
    'staff.setRole': (_ctx, { staffId, role }) => staff.setRole(staffId, role),
    'staff.deactivate': (_ctx, { staffId }) => staff.deactivate(staffId),
    'staff.resetPin': (_ctx, { staffId, pin }) => staff.resetPin(staffId, pin),
  };
}

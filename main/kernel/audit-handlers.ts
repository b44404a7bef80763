import { StoreError } from './errors';
import type { HandlerMap } from './handler-types';
import type { AuditLog } from './audit-log';

type Names = 'audit.list' | 'audit.entry';

/** The audit log viewer's reads (the kernel keeps the log; the access table keeps it to managers and admins). */
export function auditHandlers({ audit }: { audit: Pick<AuditLog, 'page' | 'entry'> }): HandlerMap<Names> {
  return {
    'audit.list': (_ctx, filter) => audit.page(filter),
    'audit.entry': (_ctx, { id }) => {
      const entry = audit.entry(id);
      if (!entry) throw new StoreError('UNKNOWN_AUDIT_ENTRY', `There is no audit log entry ${id}.`, { id });
      return entry;
    },
  };
}

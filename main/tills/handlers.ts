import { actorId, type HandlerMap } from '../kernel/handler-types';
import type { TillsRoom } from './tills-room';

type Names = 'tills.list' | 'tills.issueToken' | 'tills.revokeToken';

export function tillHandlers({ tills }: { tills: TillsRoom }): HandlerMap<Names> {
  return {
    'tills.list': () => ({ endpoint: tills.endpointUrl, tills: tills.credentials.list() }),
    'tills.issueToken': (ctx, { till }) => tills.credentials.issue(till, actorId(ctx)),
    'tills.revokeToken': (ctx, { till }) => tills.credentials.revoke(till, actorId(ctx)),
  };
}

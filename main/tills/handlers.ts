import { actorId, type HandlerMap } from '../kernel/handler-types';
import type { TillsRoom } from './tills-room';

type Names = 'tills.list' | 'tills.issueToken' | 'tills.revokeToken';

export interface TillHandlerPorts {
  tills: TillsRoom;
  /** Where the tills post receipts; null on a station that does not listen for them. */
  endpointUrl: string | null;
}

export function tillHandlers({ tills, endpointUrl }: TillHandlerPorts): HandlerMap<Names> {
  return {
    'tills.list': () => ({ endpoint: endpointUrl, tills: tills.credentials.list() }),
    'tills.issueToken': (ctx, { till }) => tills.credentials.issue(till, actorId(ctx)),
    'tills.revokeToken': (ctx, { till }) => tills.credentials.revoke(till, actorId(ctx)),
  };
}

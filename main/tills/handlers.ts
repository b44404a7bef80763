import { actorId, type HandlerMap } from '../kernel/handler-types';

type Names = 'tills.list' | 'tills.issueToken' | 'tills.revokeToken';

export const tillHandlers: HandlerMap<Names> = {
  'tills.list': ({ services }) => ({ endpoint: services.tills.endpointUrl, tills: services.tills.credentials.list() }),
  'tills.issueToken': (ctx, { till }) => ctx.services.tills.credentials.issue(till, actorId(ctx)),
  'tills.revokeToken': (ctx, { till }) => ctx.services.tills.credentials.revoke(till, actorId(ctx)),
};

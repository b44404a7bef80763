import { StoreError } from '../../errors';
import type { CoreServices, HandlerContext, HandlerMap } from '../handler-types';

type Names = 'setup.status' | 'setup.chooseDemo' | 'setup.provision' | 'diagnostics.save';

function setup(services: CoreServices) {
  if (!services.setup) throw new StoreError('FORBIDDEN', 'This console is set up by its host, not from the screen.');
  return services.setup;
}

/** Open before a store exists (nobody can sign in yet); once provisioned, only an admin may change it. */
function mayProvision(ctx: HandlerContext) {
  const status = setup(ctx.services).status();
  if (status.provisioned && ctx.actor?.role !== 'admin') {
    throw new StoreError('FORBIDDEN', 'This station is already set up: only an admin can change its store.');
  }
  return status;
}

export const setupHandlers: HandlerMap<Names> = {
  'setup.status': ({ services }) => setup(services).status(),
  'setup.chooseDemo': (ctx) => {
    mayProvision(ctx);
    return setup(ctx.services).chooseDemo();
  },
  'diagnostics.save': async ({ services }) => {
    if (!services.diagnostics) throw new StoreError('FORBIDDEN', 'This console cannot save diagnostics.');
    return services.diagnostics.save();
  },
  'setup.provision': async (ctx, input) => {
    mayProvision(ctx);
    return setup(ctx.services).provision(input);
  },
};

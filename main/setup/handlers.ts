import { StoreError } from '../kernel/errors';
import type { CoreServices, HandlerMap } from '../kernel/handler-types';

type Names = 'setup.status' | 'setup.chooseDemo' | 'setup.provision' | 'diagnostics.save';

function setup(services: CoreServices) {
  if (!services.setup) throw new StoreError('FORBIDDEN', 'This console is set up by its host, not from the screen.');
  return services.setup;
}

export const setupHandlers: HandlerMap<Names> = {
  'setup.status': ({ services }) => setup(services).status(),
  // Who may (the first-run wizard, else an admin) is the access table's 'setup.*' rows.
  'setup.chooseDemo': ({ services }) => setup(services).chooseDemo(),
  'diagnostics.save': async ({ services }) => {
    if (!services.diagnostics) throw new StoreError('FORBIDDEN', 'This console cannot save diagnostics.');
    return services.diagnostics.save();
  },
  'setup.provision': async ({ services }, input) => setup(services).provision(input),
};

import type { HandlerMap } from '../kernel/handler-types';
import type { SetupPort } from './setup-port';

type Names = 'setup.status' | 'setup.chooseDemo' | 'setup.provision' | 'setup.joinStore';

export function setupHandlers({ setup }: { setup: SetupPort }): HandlerMap<Names> {
  return {
    'setup.status': () => setup.status(),
    // Who may (the first-run wizard, else an admin) is the access table's 'setup.*' rows.
    'setup.chooseDemo': () => setup.chooseDemo(),
    'setup.provision': (_ctx, input) => setup.provision(input),
    'setup.joinStore': (_ctx, input) => setup.joinStore(input),
  };
}

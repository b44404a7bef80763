import { StoreError } from './errors';

/**
 * The one answer of a capability this station was not set up with (no printer,
 * no device manager, no shelves, not the demo, no first-run wizard): each
 * optional room has a "not configured" port that refuses with it, so a missing
 * service reads the same whichever room it is.
 */
export function notConfigured(capability: string): never {
  throw new StoreError('NOT_CONFIGURED', `This console runs without ${capability}.`, { capability });
}

import { register } from 'node:module';

let registered = false;

/** Routes `electron` imports to electron-stand-in.ts; import the code under test dynamically after this. */
export function useElectronStandIn(): void {
  if (registered) return;
  register('./electron-stand-in-hooks.mjs', import.meta.url);
  registered = true;
}

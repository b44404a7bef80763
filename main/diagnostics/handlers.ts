import type { HandlerMap } from '../kernel/handler-types';
import type { DiagnosticsPort } from './diagnostics-port';

export function diagnosticsHandlers({ diagnostics }: { diagnostics: DiagnosticsPort }): HandlerMap<'diagnostics.save'> {
  return {
    'diagnostics.save': () => diagnostics.save(),
  };
}

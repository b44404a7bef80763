import type { z } from 'zod';
import { procedureNames, type Contract, type CoreEvent, type ProcedureName, type ProcedureOutput } from '../api/contract';
import type { StaffInfo } from '../api/types';

/** What a handler knows of the call it serves; the rooms it works on are given to its room's handler map. */
export interface HandlerContext {
  /** The signed-in staff member, or null for open calls. */
  actor: StaffInfo | null;
  /** A manager who approved this one call with their PIN. */
  approvedBy: StaffInfo | null;
  station: string;
  /** Goes out once the call's transaction has committed. */
  emit(event: CoreEvent): void;
}

export type Handler<N extends ProcedureName> = (
  ctx: HandlerContext,
  input: z.output<Contract[N]['input']>,
) => ProcedureOutput<N> | Promise<ProcedureOutput<N>>;

export type HandlerMap<K extends ProcedureName = ProcedureName> = { [N in K]: Handler<N> };

/** Merges per-domain handler maps; a name claimed twice, or by nobody, is a bug. */
export function mergeHandlers(...groups: Partial<HandlerMap>[]): HandlerMap {
  const merged: Record<string, unknown> = {};
  for (const group of groups) {
    for (const [name, handler] of Object.entries(group)) {
      if (name in merged) throw new Error(`Two handler groups define "${name}"`);
      merged[name] = handler;
    }
  }
  const missing = procedureNames.filter((name) => !(name in merged));
  if (missing.length > 0) throw new Error(`No handler for ${missing.join(', ')}`);
  return merged as HandlerMap;
}

/** The staff id recorded on a change: who is signed in at the station. */
export function actorId(ctx: HandlerContext): string {
  if (!ctx.actor) throw new Error('command ran without an actor');
  return ctx.actor.id;
}

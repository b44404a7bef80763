import type { CoreEvent } from '../api/contract';

/** Buffers events until the change they describe has committed. */
export function createEventHub() {
  const listeners = new Set<(event: CoreEvent) => void>();
  let pending: CoreEvent[] = [];
  return {
    emit(event: CoreEvent) {
      pending.push(event);
    },
    flush() {
      const out = pending;
      pending = [];
      for (const event of out) for (const listener of listeners) listener(event);
    },
    discard() {
      pending = [];
    },
    subscribe(listener: (event: CoreEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

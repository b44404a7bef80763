// What a watched shelf can tell the store. Plain data, so the HQ link can carry
// them as `shelf.alert` and the back office can turn a discrepancy into a count task.

export interface ShelfRef {
  sensorId: string;
  sku: string;
  location: string;
}

export type StockLevelState = 'ok' | 'low' | 'out';

export type ShelfEvent =
  | { type: 'count.changed'; shelf: ShelfRef; units: number; previous: number | null; grams: number; at: number }
  | { type: 'stock.low'; shelf: ShelfRef; units: number; threshold: number; at: number }
  | { type: 'stock.out'; shelf: ShelfRef; at: number }
  /** Back above the low threshold after low or out. */
  | { type: 'stock.replenished'; shelf: ShelfRef; units: number; at: number }
  /** The weight is no whole number of units: a foreign item, or a unit weight that is wrong. */
  | { type: 'weight.misplaced'; shelf: ShelfRef; grams: number; nearestUnits: number; residualGrams: number; at: number }
  | { type: 'sensor.offline'; shelf: ShelfRef; lastSeenAt: number; at: number }
  | { type: 'sensor.online'; shelf: ShelfRef; at: number }
  | { type: 'stock.discrepancy'; shelf: ShelfRef; sensorUnits: number; ledgerUnits: number; tolerance: number; at: number }
  /** A reported discrepancy is gone: the shelf and the ledger agree again. */
  | { type: 'stock.reconciled'; shelf: ShelfRef; sensorUnits: number; ledgerUnits: number; at: number };

export type ShelfEventType = ShelfEvent['type'];
export type ShelfEventOf<T extends ShelfEventType> = Extract<ShelfEvent, { type: T }>;

/** A small typed emitter; a listener that throws is logged and never stops the others. */
export function createShelfEmitter(log: (entry: Record<string, unknown>) => void = () => {}) {
  const listeners = new Set<(event: ShelfEvent) => void>();
  return {
    /** Every event. Returns the unsubscribe function. */
    onAny(listener: (event: ShelfEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Events of one type. */
    on<T extends ShelfEventType>(type: T, listener: (event: ShelfEventOf<T>) => void): () => void {
      const filtered = (event: ShelfEvent) => {
        if (event.type === type) listener(event as ShelfEventOf<T>);
      };
      listeners.add(filtered);
      return () => listeners.delete(filtered);
    },
    emit(event: ShelfEvent): void {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          log({ level: 'error', msg: 'shelf event listener threw', type: event.type, reason: String(error) });
        }
      }
    },
  };
}
export type ShelfEmitter = ReturnType<typeof createShelfEmitter>;

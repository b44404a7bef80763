// What the KPI room reads, declared here as ports: each is answered by the room that owns the data
// (orders, stock, counts, shelves, pricing), wired in compose-store.ts, so this room imports none
// of them and writes none of their tables.

export interface InstantRange {
  /** ISO instants, [from, to). */
  from: string;
  to: string;
}

export interface KpiOrderSource {
  kpiRows(range: InstantRange): {
    receivedAt: string;
    promisedAt: string | null;
    status: string;
    pickingAt: string | null;
    readyAt: string | null;
    orderedUnits: number;
    shortUnits: number;
  }[];
  returnsByReason(range: InstantRange): { reason: string; units: number; returns: number }[];
}

export interface KpiMovementSource {
  movementKpis(range: InstantRange): { unitsToCustomers: number; writtenOffByReason: { reason: string; units: number; unexplained: boolean }[]; unexplainedLoss: number };
}

export interface KpiCountSource {
  accuracy(range: InstantRange): { counted: number; withinTolerance: number };
}

export interface KpiShelfSource {
  outOfStock(range: InstantRange): { sensorId: string; sku: string; location: string; outMs: number }[];
}

/** Labels printed after their price took effect, from the pricing room's label queue. */
export interface KpiLabelSource {
  /** null: the label queue cannot say (not available yet). */
  labelsPrintedLate(range: InstantRange): { late: number; printed: number } | null;
}

/** Until the label queue answers, "labels printed late" is shown as not available. */
export const labelsNotAvailable: KpiLabelSource = { labelsPrintedLate: () => null };

export interface KpiSources {
  orders: KpiOrderSource;
  movements: KpiMovementSource;
  counts: KpiCountSource;
  shelves: KpiShelfSource;
  labels: KpiLabelSource;
}

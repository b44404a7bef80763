/**
 * The stock documents' tolerances (issue 13). These are the chain's defaults; HQ may override them
 * per store with a `tolerances` message (the counts room stores the override and answers
 * `current()`), and each document reads them when it checks, not when it is created.
 */
export interface StockTolerances {
  /** Units received above the expected quantity, as a percentage of it: 0 refuses any over-receipt. */
  overReceiptPct: number;
  /** A count line whose variance exceeds BOTH of these needs a recount by another person. */
  countVarianceUnits: number;
  countVariancePct: number;
}

export const defaultStockTolerances: StockTolerances = Object.freeze({
  overReceiptPct: 0,
  countVarianceUnits: 2,
  countVariancePct: 5,
});

/** Where documents read the tolerances in force. */
export interface StockTolerancesSource {
  current(): StockTolerances;
}

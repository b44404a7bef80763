import type { KpiReport } from '../api/types';
import type { HandlerMap } from '../kernel/handler-types';

/** The KPI page's one read: the report for a range of store days. */
export function kpiHandlers({ report }: { report: (range: { from: string; to: string }) => KpiReport }): HandlerMap<'kpis.report'> {
  return {
    'kpis.report': (_ctx, range) => report(range),
  };
}

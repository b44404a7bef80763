import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KpiRatio, KpiReport } from '../../../main/api/types';
import { useStoreQuery } from '../api/use-store-query';
import { intlLocale } from '../format/store-formats';
import { plainT } from '../i18n/plain-t';
import { ErrorPanel } from '../screens/error-panel';
import { StatePanel } from '../screens/state-panel';
import { KpiSection } from './kpi-section';
import '../styles/kpis.css';

const dayMs = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Today on this station's calendar (the store's days are the core's business; this only sets the form). */
const localToday = () => {
  const now = new Date();
  return isoDay(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
};
const daysBefore = (day: string, n: number) => isoDay(Date.parse(`${day}T00:00:00Z`) - n * dayMs);
const presets = [7, 30, 365] as const;

/** The back office's KPIs for a range of store days, each chart with its definition, its data table and its CSV. */
export function KpiScreen() {
  const { t } = useTranslation();
  const [range, setRange] = useState(() => {
    const to = localToday();
    return { from: daysBefore(to, 29), to };
  });
  const [draft, setDraft] = useState(range);
  const { view, reload } = useStoreQuery('kpis.report', range);
  const apply = () => {
    if (draft.from && draft.to && draft.from <= draft.to) setRange(draft);
  };
  return (
    <section className="screen kpis" aria-labelledby="kpis-title" data-testid="kpi-screen">
      <h1 id="kpis-title" className="screen__title">
        {t('kpis.title')}
      </h1>
      <form
        className="panel kpis__range"
        onSubmit={(e) => {
          e.preventDefault();
          apply();
        }}
      >
        <label className="field">
          <span className="field__label">{t('kpis.from')}</span>
          <input type="date" className="orders-input" data-testid="kpi-from" value={draft.from} max={draft.to} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
        </label>
        <label className="field">
          <span className="field__label">{t('kpis.to')}</span>
          <input type="date" className="orders-input" data-testid="kpi-to" value={draft.to} min={draft.from} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        </label>
        <button type="submit" className="button button--primary" data-testid="kpi-apply" disabled={!draft.from || !draft.to || draft.from > draft.to}>
          {t('kpis.show')}
        </button>
        <div className="kpis__presets" role="group" aria-label={t('kpis.presets')}>
          {presets.map((days) => (
            <button
              key={days}
              type="button"
              className="button button--quiet"
              data-testid={`kpi-last-${days}`}
              onClick={() => {
                const to = localToday();
                const next = { from: daysBefore(to, days - 1), to };
                setDraft(next);
                setRange(next);
              }}
            >
              {t('kpis.lastDays', { count: days })}
            </button>
          ))}
        </div>
      </form>
      {view.kind === 'loading' ? (
        <StatePanel tone="loading" title={t('kpis.loading')} />
      ) : view.kind === 'error' ? (
        <ErrorPanel error={view.error} onRetry={reload} />
      ) : (
        <KpiReportView report={view.value} />
      )}
    </section>
  );
}

function KpiReportView({ report }: { report: KpiReport }) {
  const { t, i18n } = useTranslation();
  const pt = plainT(t);
  const locale = intlLocale(i18n.language);
  const percent = (share: number | null) => (share === null ? t('kpis.none') : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(share));
  const ratioText = (r: KpiRatio) => `${percent(r.share)} (${r.numerator} / ${r.denominator})`;
  const minutes = (ms: number | null) => (ms === null ? null : Math.round((ms / 60_000) * 10) / 10);
  const minutesText = (ms: number | null) => (ms === null ? t('kpis.none') : t('kpis.minutes', { value: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(minutes(ms)!) }));
  const pctNumber = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
  const file = (name: string) => `kpi-${name}-${report.from}_${report.to}.csv`;
  const reason = (code: string) => pt(`kpis.reasons.${code}`, { defaultValue: code });
  const totalOrders = report.ordersPerDay.reduce((sum, d) => sum + d.orders, 0);

  return (
    <div className="kpis__grid" data-testid="kpi-report" data-from={report.from} data-to={report.to}>
      <p className="muted kpis__zone" data-testid="kpi-time-zone">
        {t('kpis.timeZone', { zone: report.timeZone })}
      </p>
      <KpiSection
        id="orders-per-day"
        title={t('kpis.ordersPerDay.title')}
        figures={[{ testId: 'kpi-orders-total', term: t('kpis.ordersPerDay.total'), figure: String(totalOrders), definition: t('kpis.ordersPerDay.definition') }]}
        rows={report.ordersPerDay}
        category="day"
        series={[{ key: 'orders', label: t('kpis.ordersPerDay.orders') }]}
        columns={[
          { key: 'day', label: t('kpis.columns.day') },
          { key: 'orders', label: t('kpis.ordersPerDay.orders') },
        ]}
        fileName={file('orders-per-day')}
      />
      <KpiSection
        id="promise"
        title={t('kpis.promise.title')}
        figures={[
          { testId: 'kpi-ready-by-promised', term: t('kpis.promise.readyByPromised'), figure: ratioText(report.readyByPromised), definition: t('kpis.promise.readyByPromisedDefinition') },
          { testId: 'kpi-short-pick', term: t('kpis.promise.shortPick'), figure: ratioText(report.shortPick), definition: t('kpis.promise.shortPickDefinition') },
          { testId: 'kpi-no-show', term: t('kpis.promise.noShow'), figure: ratioText(report.noShow), definition: t('kpis.promise.noShowDefinition') },
        ]}
        rows={
          report.readyByPromised.denominator + report.shortPick.denominator + report.noShow.denominator === 0
            ? []
            : [
                { kpi: t('kpis.promise.readyByPromised'), percent: pctNumber(report.readyByPromised.share), numerator: report.readyByPromised.numerator, denominator: report.readyByPromised.denominator },
                { kpi: t('kpis.promise.shortPick'), percent: pctNumber(report.shortPick.share), numerator: report.shortPick.numerator, denominator: report.shortPick.denominator },
                { kpi: t('kpis.promise.noShow'), percent: pctNumber(report.noShow.share), numerator: report.noShow.numerator, denominator: report.noShow.denominator },
              ]
        }
        category="kpi"
        series={[{ key: 'percent', label: t('kpis.columns.percent') }]}
        columns={[
          { key: 'kpi', label: t('kpis.columns.kpi') },
          { key: 'percent', label: t('kpis.columns.percent') },
          { key: 'numerator', label: t('kpis.columns.numerator') },
          { key: 'denominator', label: t('kpis.columns.denominator') },
        ]}
        fileName={file('pickup-promise')}
      />
      <KpiSection
        id="durations"
        title={t('kpis.durations.title')}
        figures={[
          { testId: 'kpi-time-to-ready', term: t('kpis.durations.timeToReady'), figure: t('kpis.durations.figure', { p50: minutesText(report.timeToReady.p50Ms), p90: minutesText(report.timeToReady.p90Ms) }), definition: t('kpis.durations.timeToReadyDefinition') },
          { testId: 'kpi-pick-time', term: t('kpis.durations.pickTime'), figure: t('kpis.durations.figure', { p50: minutesText(report.pickTime.p50Ms), p90: minutesText(report.pickTime.p90Ms) }), definition: t('kpis.durations.pickTimeDefinition') },
        ]}
        rows={
          report.timeToReady.orders === 0
            ? []
            : [
                { kpi: t('kpis.durations.timeToReady'), p50: minutes(report.timeToReady.p50Ms), p90: minutes(report.timeToReady.p90Ms), orders: report.timeToReady.orders },
                { kpi: t('kpis.durations.pickTime'), p50: minutes(report.pickTime.p50Ms), p90: minutes(report.pickTime.p90Ms), orders: report.pickTime.orders },
              ]
        }
        category="kpi"
        series={[
          { key: 'p50', label: t('kpis.durations.p50') },
          { key: 'p90', label: t('kpis.durations.p90') },
        ]}
        columns={[
          { key: 'kpi', label: t('kpis.columns.kpi') },
          { key: 'p50', label: t('kpis.durations.p50') },
          { key: 'p90', label: t('kpis.durations.p90') },
          { key: 'orders', label: t('kpis.columns.orders') },
        ]}
        fileName={file('durations')}
      />
      <KpiSection
        id="returns"
        title={t('kpis.returns.title')}
        figures={[{ testId: 'kpi-returns-definition', term: t('kpis.returns.byReason'), figure: String(report.returnsByReason.reduce((s, r) => s + r.units, 0)), definition: t('kpis.returns.definition') }]}
        rows={report.returnsByReason.map((r) => ({ reason: reason(r.reason), code: r.reason, units: r.units, returns: r.returns }))}
        category="reason"
        series={[{ key: 'units', label: t('kpis.columns.units') }]}
        columns={[
          { key: 'reason', label: t('kpis.columns.reason') },
          { key: 'code', label: t('kpis.columns.code') },
          { key: 'units', label: t('kpis.columns.units') },
          { key: 'returns', label: t('kpis.columns.returns') },
        ]}
        fileName={file('returns-by-reason')}
      />
      <KpiSection
        id="returns-channel"
        title={t('kpis.returns.byChannel')}
        figures={[]}
        rows={report.returnsByChannel.map((r) => ({ channel: pt(`kpis.channels.${r.channel}`, { defaultValue: r.channel }), units: r.units }))}
        category="channel"
        series={[{ key: 'units', label: t('kpis.columns.units') }]}
        columns={[
          { key: 'channel', label: t('kpis.columns.channel') },
          { key: 'units', label: t('kpis.columns.units') },
        ]}
        fileName={file('returns-by-channel')}
      />
      <KpiSection
        id="inventory"
        title={t('kpis.inventory.title')}
        figures={[
          { testId: 'kpi-accuracy', term: t('kpis.inventory.accuracy'), figure: ratioText(report.inventoryAccuracy), definition: t('kpis.inventory.accuracyDefinition') },
          { testId: 'kpi-shrink', term: t('kpis.inventory.shrink'), figure: ratioText(report.shrink), definition: t('kpis.inventory.shrinkDefinition') },
        ]}
        rows={report.writtenOffByReason.map((r) => ({ reason: reason(r.reason), code: r.reason, units: r.units, unexplained: r.unexplained ? t('kpis.yes') : t('kpis.no') }))}
        category="reason"
        series={[{ key: 'units', label: t('kpis.inventory.writtenOff') }]}
        columns={[
          { key: 'reason', label: t('kpis.columns.reason') },
          { key: 'code', label: t('kpis.columns.code') },
          { key: 'units', label: t('kpis.inventory.writtenOff') },
          { key: 'unexplained', label: t('kpis.inventory.unexplained') },
        ]}
        fileName={file('written-off')}
      />
      <KpiSection
        id="out-of-stock"
        title={t('kpis.outOfStock.title')}
        figures={[{ testId: 'kpi-out-of-stock-definition', term: t('kpis.outOfStock.term'), figure: t('kpis.outOfStock.shelves', { count: report.outOfStockHours.length }), definition: t('kpis.outOfStock.definition') }]}
        rows={report.outOfStockHours.map((s) => ({ shelf: s.sensorId, sku: s.sku, location: pt(`stock.locations.${s.location}`, { defaultValue: s.location }), hours: s.hours }))}
        category="shelf"
        series={[{ key: 'hours', label: t('kpis.outOfStock.hours') }]}
        columns={[
          { key: 'shelf', label: t('kpis.outOfStock.shelf') },
          { key: 'sku', label: t('kpis.columns.sku') },
          { key: 'location', label: t('kpis.columns.location') },
          { key: 'hours', label: t('kpis.outOfStock.hours') },
        ]}
        fileName={file('out-of-stock-hours')}
      />
      <KpiSection
        id="labels-late"
        title={t('kpis.labels.title')}
        figures={[
          {
            testId: 'kpi-labels-late-figure',
            term: t('kpis.labels.term'),
            figure: report.labelsPrintedLate === null ? t('kpis.notAvailable') : ratioText(report.labelsPrintedLate),
            definition: t('kpis.labels.definition'),
          },
        ]}
        rows={report.labelsPrintedLate === null ? [] : [{ late: report.labelsPrintedLate.numerator, printed: report.labelsPrintedLate.denominator, kpi: t('kpis.labels.term') }]}
        category="kpi"
        series={[
          { key: 'late', label: t('kpis.labels.late') },
          { key: 'printed', label: t('kpis.labels.printed') },
        ]}
        columns={[
          { key: 'late', label: t('kpis.labels.late') },
          { key: 'printed', label: t('kpis.labels.printed') },
        ]}
        fileName={file('labels-late')}
      />
    </div>
  );
}

import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { downloadCsv } from './csv-download';
import { toCsv, type CsvCell } from './csv-export';

/** One figure of a section, with its definition beside it. */
export interface KpiFigure {
  testId: string;
  term: string;
  figure: string;
  definition: string;
}

export interface KpiColumn<Row> {
  key: keyof Row & string;
  label: string;
  /** How the data table shows it (the CSV keeps the raw value). */
  format?: (value: Row[keyof Row & string]) => string;
}

/** Colours that keep their contrast on the console's light panels (WCAG AA against white). */
const seriesColours = ['#1d4ed8', '#b45309', '#047857', '#7c3aed'];

/**
 * A KPI section: its figures, each beside its definition; a bar chart of its rows (Recharts, with
 * its keyboard accessibility layer); the same rows as a table for screen readers and anyone who
 * prefers numbers; and the rows as a CSV download.
 */
export function KpiSection<Row extends Record<string, string | number | null>>({
  id,
  title,
  figures,
  rows,
  category,
  series,
  columns,
  fileName,
  children,
}: {
  id: string;
  title: string;
  figures: KpiFigure[];
  rows: Row[];
  /** The rows' key along the horizontal axis. */
  category: keyof Row & string;
  /** The rows' keys drawn as bars. */
  series: { key: keyof Row & string; label: string }[];
  columns: KpiColumn<Row>[];
  fileName: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const exportCsv = () => downloadCsv(fileName, toCsv(columns.map((c) => c.label), rows.map((row) => columns.map((c) => row[c.key] as CsvCell))));
  return (
    <section className="panel kpi" aria-labelledby={titleId} data-testid={`kpi-${id}`}>
      <header className="kpi__header">
        <h2 id={titleId} className="kpi__title">
          {title}
        </h2>
        <button type="button" className="button" data-testid={`kpi-${id}-csv`} disabled={rows.length === 0} onClick={exportCsv}>
          {t('kpis.downloadCsv')}
        </button>
      </header>
      {figures.length > 0 ? (
        <dl className="kpi__figures">
          {figures.map((f) => (
            <div key={f.testId} className="kpi__figure" data-testid={f.testId}>
              <dt>{f.term}</dt>
              <dd className="kpi__value">{f.figure}</dd>
              <dd className="kpi__definition muted">{f.definition}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {children}
      {rows.length === 0 ? (
        <p className="muted" data-testid={`kpi-${id}-empty`}>
          {t('kpis.noData')}
        </p>
      ) : (
        <>
          <div className="kpi__chart" data-testid={`kpi-${id}-chart`}>
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={rows} accessibilityLayer title={title} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey={String(category)} tick={{ fontSize: 16 }} />
                <YAxis allowDecimals tick={{ fontSize: 16 }} />
                <Tooltip />
                {series.length > 1 ? <Legend /> : null}
                {series.map((s, i) => (
                  <Bar key={s.key} dataKey={String(s.key)} name={s.label} fill={seriesColours[i % seriesColours.length]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details className="kpi__table">
            <summary>{t('kpis.dataTable')}</summary>
            <div className="table-scroll">
              <table className="data-table" data-testid={`kpi-${id}-table`}>
                <caption className="visually-hidden">{title}</caption>
                <thead>
                  <tr>
                    {columns.map((c) => (
                      <th key={c.key} scope="col">
                        {c.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row, i) => (
                    <tr key={i}>
                      {columns.map((c) => (
                        <td key={c.key}>{c.format ? c.format(row[c.key]) : String(row[c.key] ?? '')}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { ImportReport } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { ApprovalDialog } from '../approval/approval-dialog';
import { useManagerCall } from '../approval/use-manager-call';
import { useErrorText } from '../screens/error-text';
import { lineErrorText } from './line-error-text';
import { useFieldProblems } from '../forms/use-field-problems';

/** Bytes of the file per call: base64 makes 256 KiB into 342 KiB, well below the bridge's 1 MiB frame. */
const chunkBytes = 256 * 1024;

type Step =
  | { kind: 'choose' }
  | { kind: 'uploading'; sent: number; total: number }
  | { kind: 'checking' }
  | { kind: 'report'; report: ImportReport }
  | { kind: 'committing'; report: ImportReport }
  | { kind: 'done'; report: ImportReport };

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 0x8000) text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(text);
}

/** A CSV of catalog and stock: uploaded in chunks, dry-run with its bad lines, imported with a manager's approval. */
export function ImportScreen() {
  const { t } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const manager = useManagerCall();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [error, setError] = useState<ApiError | null>(null);
  const [skipBadLines, setSkipBadLines] = useState(false);
  const fileField = useFieldProblems<'file'>('import');

  const upload = async (file: File) => {
    setError(null);
    setSkipBadLines(false);
    // An empty file is as useless as one that is not a CSV: both get the same worded problem.
    if (!fileField.check({ file: { value: file.size > 0 ? file.name : '-', format: 'csvFile' } })) return;
    const bytes = new Uint8Array(await file.arrayBuffer());
    const chunks = Math.max(1, Math.ceil(bytes.length / chunkBytes));
    setStep({ kind: 'uploading', sent: 0, total: bytes.length });
    const begun = await client.call('import.begin', { fileName: file.name, totalBytes: bytes.length, chunks });
    if (!begun.ok) return fail(begun.error);
    const { importId } = begun.value;
    for (let chunk = 0; chunk < chunks; chunk++) {
      const part = bytes.subarray(chunk * chunkBytes, (chunk + 1) * chunkBytes);
      const sent = await client.call('import.chunk', { importId, chunk, data: base64(part) });
      if (!sent.ok) return fail(sent.error);
      setStep({ kind: 'uploading', sent: Math.min(bytes.length, (chunk + 1) * chunkBytes), total: bytes.length });
    }
    setStep({ kind: 'checking' });
    const report = await client.call('import.dryRun', { importId });
    if (!report.ok) return fail(report.error);
    setStep({ kind: 'report', report: report.value });
  };

  const fail = (failure: ApiError) => {
    setError(failure);
    setStep({ kind: 'choose' });
  };

  const commit = async (report: ImportReport) => {
    setError(null);
    setStep({ kind: 'committing', report });
    const result = await manager.call('import.commit', { importId: report.importId, skipBadLines });
    if (!result) return setStep({ kind: 'report', report });
    if (!result.ok) {
      setError(result.error);
      return setStep({ kind: 'report', report });
    }
    setStep({ kind: 'done', report: result.value });
  };

  const report = step.kind === 'report' || step.kind === 'committing' ? step.report : null;
  const blocked = report !== null && report.badLineCount > 0 && !skipBadLines;
  return (
    <section className="screen" aria-labelledby="import-title" data-testid="import-screen">
      <h1 id="import-title" className="screen__title">
        {t('csvImport.title')}
      </h1>
      <p className="muted">{t('csvImport.intro')}</p>
      {step.kind === 'choose' || step.kind === 'report' || step.kind === 'done' ? (
        fileField.field(
          'file',
          step.kind === 'done' ? t('csvImport.another') : t('csvImport.file'),
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="import-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void upload(file);
            }}
          />,
        )
      ) : null}
      {step.kind === 'uploading' ? (
        <div role="status" data-testid="import-progress">
          <progress max={step.total} value={step.sent} />
          <span> {t('csvImport.uploading', { percent: Math.floor((step.sent / Math.max(1, step.total)) * 100) })}</span>
        </div>
      ) : null}
      {step.kind === 'checking' ? (
        <p role="status" data-testid="import-progress">
          {t('csvImport.checking')}
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert" data-testid="import-error" data-code={error.code}>
          {errorText(error)}
        </p>
      ) : null}
      {report ? (
        <section className="panel" aria-labelledby="import-report-title" data-testid="import-report">
          <h2 id="import-report-title" className="panel__title">
            {t('csvImport.dryRunTitle')} · {report.fileName}
          </h2>
          <ul data-testid="import-summary">
            <li>{t('csvImport.lines', { count: report.lines })}</li>
            <li>{t('csvImport.goodLines', { count: report.goodLines })}</li>
            <li data-testid="import-bad-count">{t('csvImport.badLines', { count: report.badLineCount })}</li>
            <li>{t('csvImport.productsAdded', { count: report.products.added })}</li>
            <li>{t('csvImport.productsUpdated', { count: report.products.updated })}</li>
            <li>{t('csvImport.stockLines', { count: report.stock.lines })}</li>
            <li>{t('csvImport.movements', { count: report.stock.movements, in: report.stock.unitsIn, out: report.stock.unitsOut })}</li>
          </ul>
          {report.badLines.length > 0 ? <BadLines report={report} /> : null}
          {report.badLineCount > 0 ? (
            <>
              <p className="form-error" data-testid="import-nothing">
                {t('csvImport.nothingWillImport')}
              </p>
              <label>
                <input type="checkbox" data-testid="import-skip-bad" checked={skipBadLines} onChange={(e) => setSkipBadLines(e.target.checked)} /> {t('csvImport.skipBadLines')}
              </label>
            </>
          ) : null}
          <div className="order-actions">
            <button type="button" className="button button--primary button--large" data-testid="import-commit" disabled={blocked || step.kind === 'committing'} onClick={() => void commit(report)}>
              {step.kind === 'committing' ? t('csvImport.committing') : t('csvImport.commit')}
            </button>
          </div>
        </section>
      ) : null}
      {step.kind === 'done' ? (
        <p role="status" data-testid="import-done">
          {t('csvImport.done', { products: step.report.products.added + step.report.products.updated, movements: step.report.stock.movements })}
        </p>
      ) : null}
      {manager.asking ? <ApprovalDialog request={manager.asking} /> : null}
    </section>
  );
}

function BadLines({ report }: { report: ImportReport }) {
  const { t, i18n } = useTranslation();
  const more = report.badLineCount > 0 ? Math.max(0, report.badLines.length < 500 ? 0 : report.badLineCount - report.badLines.length) : 0;
  return (
    <>
      <h3>{t('csvImport.errorsTitle')}</h3>
      <div className="table-scroll">
        <table className="data-table" data-testid="import-errors">
          <thead>
            <tr>
              <th scope="col">{t('csvImport.line')}</th>
              <th scope="col">{t('csvImport.field')}</th>
              <th scope="col">{t('csvImport.reason')}</th>
              <th scope="col">{t('csvImport.value')}</th>
            </tr>
          </thead>
          <tbody>
            {report.badLines.map((bad, index) => (
              <tr key={`${bad.line}-${bad.field}-${index}`} data-testid={`import-error-${bad.line}-${bad.field}`} data-reason={bad.reason}>
                <td className="number">{bad.line}</td>
                <td className="code">{bad.field}</td>
                <td>{lineErrorText(bad.reason, i18n.language)}</td>
                <td className="code">{bad.value ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 ? <p className="muted">{t('csvImport.moreErrors', { count: more })}</p> : null}
    </>
  );
}

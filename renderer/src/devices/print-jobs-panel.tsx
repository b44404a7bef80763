import { useState } from 'react';
import { plainT } from '../i18n/plain-t';
import { useTranslation } from 'react-i18next';
import type { PrintJobInfo } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { formatDateTime } from '../format/store-formats';
import { StatePanel } from '../screens/state-panel';
import { NoticeLine, type Notice } from './notice';
import type { usePrintJobs } from './device-queries';
import { ErrorPanel } from '../screens/error-panel';

const knownKinds = ['pickup-slip', 'handover-receipt', 'return-receipt', 'shelf-label', 'test-page'] as const;
const isKnownKind = (kind: string): kind is (typeof knownKinds)[number] => (knownKinds as readonly string[]).includes(kind);
const printerNames = ['counter', 'backoffice', 'label'] as const;
const isPrinterName = (name: string): name is (typeof printerNames)[number] => (printerNames as readonly string[]).includes(name);

/** The jobs still to print, each with what staff should do about it, and the last ones that printed. */
export function PrintJobsPanel({ jobs }: { jobs: ReturnType<typeof usePrintJobs> }) {
  const { t } = useTranslation();
  const client = useClient();
  const { view, reload } = jobs;
  const [busy, setBusy] = useState<number | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const reprint = async (jobId: number) => {
    setBusy(jobId);
    const result = await client.call('printing.reprint', { jobId });
    setBusy(null);
    setNotice(result.ok ? { tone: 'ok', say: (t) => t('devices.jobs.reprinted', { id: result.value.jobId }) } : { tone: 'bad', error: result.error });
    reload();
  };

  const dismiss = async (jobId: number) => {
    setBusy(jobId);
    const result = await client.call('printing.dismiss', { jobId });
    setBusy(null);
    if (!result.ok) setNotice({ tone: 'bad', error: result.error });
    else setNotice({ tone: 'ok', say: (t) => (result.value.dismissed ? t('devices.jobs.dismissed', { id: jobId }) : t('devices.jobs.alreadyDone', { id: jobId })) });
    reload();
  };

  return (
    <section className="panel" aria-labelledby="jobs-title">
      <h2 id="jobs-title" className="panel__title">
        {t('devices.jobs.title')}
      </h2>
      <NoticeLine notice={notice} testId="jobs-notice" />
      {view.kind === 'loading' ? (
        <StatePanel tone="loading" title={t('devices.jobs.loading')} testId="jobs-loading" />
      ) : view.kind === 'error' ? (
        <ErrorPanel testId="jobs-error" error={view.error} onRetry={reload} />
      ) : (
        <>
          <h3 className="subpanel__title">{t('devices.jobs.pendingTitle')}</h3>
          {view.value.pending.length === 0 ? (
            <p className="quiet-empty" data-testid="jobs-pending-empty">
              {t('devices.jobs.pendingEmpty')}
            </p>
          ) : (
            <ul className="job-list" data-testid="jobs-pending">
              {view.value.pending.map((job) => (
                <PendingJob key={job.id} job={job} busy={busy === job.id} onReprint={() => void reprint(job.id)} onDismiss={() => void dismiss(job.id)} />
              ))}
            </ul>
          )}
          <h3 className="subpanel__title">{t('devices.jobs.recentTitle')}</h3>
          {view.value.recent.length === 0 ? (
            <p className="quiet-empty" data-testid="jobs-recent-empty">
              {t('devices.jobs.recentEmpty')}
            </p>
          ) : (
            <RecentJobs jobs={view.value.recent} busy={busy} onReprint={(id) => void reprint(id)} />
          )}
        </>
      )}
    </section>
  );
}

function useJobWords() {
  const { t } = useTranslation();
  return {
    kind: (job: PrintJobInfo) => (isKnownKind(job.kind) ? t(`devices.jobs.kinds.${job.kind}`) : job.kind),
    printer: (job: PrintJobInfo) => (isPrinterName(job.printer) ? t(`devices.printers.names.${job.printer}`) : job.printer),
  };
}

/** A reason's words; a job its printer could not confirm is worded with the confirmation setting. */
const reasonKey = (reason: NonNullable<PrintJobInfo['waitingReason']>) =>
  reason === 'not-confirmed' ? 'printConfirmation.notConfirmed' : (`devices.jobs.reasons.${reason}` as const);

/** What a waiting job needs from staff, in words: the code alone says nothing at the counter. */
function instruction(job: PrintJobInfo, typedT: ReturnType<typeof useTranslation>['t']): string[] {
  // A union of computed keys: typed against both languages it is too deep for tsc (see plain-t.ts).
  const t = plainT(typedT);
  if (job.state === 'unconfirmed') return [job.waitingReason ? t(reasonKey(job.waitingReason)) : t('devices.jobs.unconfirmed')];
  if (job.waitingReason) {
    const reason = t(reasonKey(job.waitingReason));
    return job.state === 'sending' ? [reason, t('devices.jobs.partial')] : [reason];
  }
  return [job.state === 'sending' ? t('devices.jobs.sending') : t('devices.jobs.queued')];
}

function PendingJob({ job, busy, onReprint, onDismiss }: { job: PrintJobInfo; busy: boolean; onReprint(): void; onDismiss(): void }) {
  const { t, i18n } = useTranslation();
  const words = useJobWords();
  const tone = job.state === 'unconfirmed' ? 'bad' : job.waitingReason ? 'warning' : 'calm';
  return (
    <li className={`job job--${tone}`} data-testid={`job-${job.id}`} data-state={job.state} data-reason={job.waitingReason ?? ''}>
      <div className="job__what">
        <span className="job__kind">{words.kind(job)}</span>
        <span className="muted">
          {' '}
          · {t('devices.jobs.number', { id: job.id })} · {words.printer(job)} · <time dateTime={job.createdAt}>{formatDateTime(job.createdAt, i18n.language)}</time>
          {job.reprintOf !== null ? ` · ${t('devices.jobs.reprintOf', { id: job.reprintOf })}` : ''}
        </span>
        <span className={`job__state job__state--${tone}`}>{t(`devices.jobs.states.${job.state}`)}</span>
      </div>
      <div className="job__reason" data-testid={`job-${job.id}-reason`}>
        {instruction(job, t).map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {job.state === 'unconfirmed' ? (
        <div className="device-actions">
          <button type="button" className="button button--primary button--large" data-testid={`job-${job.id}-reprint`} disabled={busy} onClick={onReprint}>
            {t('devices.jobs.reprint')}
          </button>
          <button type="button" className="button button--large" data-testid={`job-${job.id}-dismiss`} disabled={busy} onClick={onDismiss}>
            {t('devices.jobs.cameOut')}
          </button>
        </div>
      ) : null}
    </li>
  );
}

function RecentJobs({ jobs, busy, onReprint }: { jobs: PrintJobInfo[]; busy: number | null; onReprint(id: number): void }) {
  const { t, i18n } = useTranslation();
  const words = useJobWords();
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="jobs-recent">
        <thead>
          <tr>
            <th scope="col">{t('devices.jobs.kind')}</th>
            <th scope="col">{t('devices.jobs.printer')}</th>
            <th scope="col">{t('devices.jobs.doneAt')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('devices.jobs.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} data-testid={`recent-job-${job.id}`} data-kind={job.kind}>
              <td>
                <span className="job__kind">{words.kind(job)}</span>{' '}
                <span className="muted">
                  {t('devices.jobs.number', { id: job.id })}
                  {job.reprintOf !== null ? ` · ${t('devices.jobs.reprintOf', { id: job.reprintOf })}` : ''}
                </span>
              </td>
              <td>{words.printer(job)}</td>
              <td>{job.doneAt ? <time dateTime={job.doneAt}>{formatDateTime(job.doneAt, i18n.language)}</time> : '—'}</td>
              <td className="job__row-actions">
                <button type="button" className="button" data-testid={`recent-job-${job.id}-reprint`} disabled={busy === job.id} onClick={() => onReprint(job.id)}>
                  {t('devices.jobs.reprint')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import type { DeadLetterInfo } from '../../../main/api/types';
import { formatDateTime } from '../format/store-formats';
import type { RetryState, useDeadLetters } from '../sync/use-dead-letters';
import { useErrorText } from './error-text';
import { ErrorPanel } from './error-panel';
import { StatePanel } from './state-panel';

// Enough of the payload for staff to recognise a message; the full text is in the title.
const previewChars = 80;

export function DeadLetterList({ deadLetters }: { deadLetters: ReturnType<typeof useDeadLetters> }) {
  const { t } = useTranslation();
  const { view, retries, reload, retry } = deadLetters;
  const shown = new Set(view.kind === 'ready' ? view.letters.map((l) => l.id) : []);
  // A retry that worked resolves its message, which then leaves the list: say so.
  const resolved = [...retries].filter(
    (entry): entry is [number, Extract<RetryState, { kind: 'done' }>] => entry[1].kind === 'done' && entry[1].ok && !shown.has(entry[0]),
  );

  return (
    <section className="panel" aria-labelledby="dead-letters-title" aria-busy={(view.kind === 'ready' && view.refreshing) || undefined}>
      <div className="panel__header">
        <div>
          <h2 id="dead-letters-title" className="panel__title">
            {t('sync.deadLettersTitle')}
          </h2>
          <p className="muted panel__intro">{t('sync.deadLettersIntro')}</p>
        </div>
        {view.kind === 'ready' ? (
          <button type="button" className="button" data-testid="dead-letters-refresh" onClick={reload}>
            {t('sync.refresh')}
          </button>
        ) : null}
      </div>
      {resolved.length > 0 ? (
        <ul className="notices" aria-live="polite">
          {resolved.map(([id, state]) => (
            <li key={id} className="notice notice--ok" data-testid={`dead-letter-outcome-${id}`} data-ok="true">
              {t('sync.resolved', { id, outcome: state.outcome })}
            </li>
          ))}
        </ul>
      ) : null}
      {view.kind === 'loading' ? (
        <StatePanel tone="loading" title={t('sync.deadLettersLoading')} testId="dead-letters-loading" />
      ) : view.kind === 'forbidden' ? (
        <StatePanel tone="warning" title={t('sync.forbiddenTitle')} testId="dead-letters-forbidden">
          {t('sync.forbiddenBody')}
        </StatePanel>
      ) : view.kind === 'error' ? (
        <ErrorPanel testId="dead-letters-error" error={view.error} onRetry={reload} />
      ) : view.letters.length === 0 ? (
        <StatePanel tone="empty" title={t('sync.emptyTitle')} testId="dead-letters-empty">
          {t('sync.emptyBody')}
        </StatePanel>
      ) : (
        <div className="table-scroll">
          <table className="data-table dead-letters">
            <thead>
              <tr>
                <th scope="col">{t('sync.reason')}</th>
                <th scope="col">{t('sync.topic')}</th>
                <th scope="col">{t('sync.received')}</th>
                <th scope="col" className="number">
                  {t('sync.retries')}
                </th>
                <th scope="col">{t('sync.payload')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('sync.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.letters.map((letter) => (
                <DeadLetterRow key={letter.id} letter={letter} retryState={retries.get(letter.id)} onRetry={() => void retry(letter.id)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DeadLetterRow({ letter, retryState, onRetry }: { letter: DeadLetterInfo; retryState: RetryState | undefined; onRetry(): void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const busy = retryState?.kind === 'busy';
  const preview = letter.preview.length > previewChars ? `${letter.preview.slice(0, previewChars)}…` : letter.preview;
  return (
    <tr data-testid={`dead-letter-row-${letter.id}`}>
      <td>
        <span className="dead-letters__reason" data-testid={`dead-letter-reason-${letter.id}`}>
          {letter.reason}
        </span>
      </td>
      <td className="code dead-letters__topic">{letter.topic}</td>
      <td>
        <time dateTime={letter.receivedAt}>{formatDateTime(letter.receivedAt, i18n.language)}</time>
      </td>
      <td className="number" data-testid={`dead-letter-retries-${letter.id}`} data-value={letter.retries}>
        {letter.retries}
      </td>
      <td>
        <code className="payload-preview" title={letter.preview} data-testid={`dead-letter-preview-${letter.id}`}>
          {preview}
        </code>
      </td>
      <td className="dead-letters__actions">
        <button type="button" className="button" data-testid={`dead-letter-retry-${letter.id}`} disabled={busy} onClick={onRetry}>
          {busy ? t('sync.retrying') : t('sync.retry')}
        </button>
        <RetryOutcome id={letter.id} state={retryState} errorText={errorText} />
      </td>
    </tr>
  );
}

function RetryOutcome({ id, state, errorText }: { id: number; state: RetryState | undefined; errorText: ReturnType<typeof useErrorText> }) {
  const { t } = useTranslation();
  if (!state || state.kind === 'busy') return null;
  const ok = state.kind === 'done' && state.ok;
  const text =
    state.kind === 'error'
      ? errorText(state.error)
      : state.ok
        ? t('sync.retryApplied', { outcome: state.outcome })
        : t('sync.retryFailed', { outcome: state.outcome });
  return (
    <p className={ok ? 'retry-outcome retry-outcome--ok' : 'retry-outcome retry-outcome--bad'} data-testid={`dead-letter-outcome-${id}`} data-ok={ok} role="status">
      {text}
    </p>
  );
}

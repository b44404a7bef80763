import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import { useErrorText } from './error-text';
import { StatePanel } from './state-panel';

/** A read that failed: what went wrong, in the staff's words, and a way to try again. */
export function ErrorPanel({ error, onRetry, title, testId }: { error: ApiError; onRetry(): void; title?: string; testId?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <StatePanel
      tone="error"
      title={title ?? t('errors.title')}
      {...(testId ? { testId } : {})}
      action={
        <button type="button" className="button" onClick={onRetry}>
          {t('status.retryNow')}
        </button>
      }
    >
      {errorText(error)}
    </StatePanel>
  );
}

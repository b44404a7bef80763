import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import { plainT, type PlainT } from '../i18n/plain-t';
import { useErrorText } from '../screens/error-text';

/** The outcome of the last thing done in a panel, worded when shown so it follows a change of language. */
export type Notice = { tone: 'ok' | 'bad'; say(t: PlainT): string } | { tone: 'bad'; error: ApiError } | null;

export function NoticeLine({ notice, testId }: { notice: Notice; testId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const text = notice === null ? '' : 'error' in notice ? errorText(notice.error) : notice.say(plainT(t));
  return (
    <p className={notice ? `notice notice--${notice.tone}` : 'visually-hidden'} role="status" data-testid={testId} data-tone={notice?.tone}>
      {text}
    </p>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../api/client-context';
import { useStoreQuery } from '../api/use-store-query';
import { formatDateTime } from '../format/store-formats';
import { ErrorPanel } from '../screens/error-panel';
import { StatePanel } from '../screens/state-panel';
import { NoticeLine, type Notice } from './notice';
import { useFieldProblems } from '../forms/use-field-problems';

/** Only an admin gets an answer: anyone else is refused for good, and the panel stays hidden. */
export const useTills = () => useStoreQuery('tills.list', {}, { final: (error) => error.code === 'FORBIDDEN' });

/** The tills that post their sales to this store: an admin issues each its token (shown once) and revokes it. */
export function TillsPanel({ tills }: { tills: ReturnType<typeof useTills> }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const { view, reload } = tills;
  const [till, setTill] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [issued, setIssued] = useState<{ till: string; token: string } | null>(null);
  const fields = useFieldProblems<'till'>('till-issue');

  if (view.kind === 'error' && view.error.code === 'FORBIDDEN') return null;

  const issue = async (event: FormEvent) => {
    event.preventDefault();
    const id = till.trim();
    if (!fields.check({ till: { value: id, format: 'id' } })) return;
    setBusy(true);
    const result = await client.call('tills.issueToken', { till: id });
    setBusy(false);
    if (!result.ok) {
      setNotice({ tone: 'bad', error: result.error });
      return;
    }
    setIssued(result.value);
    setTill('');
    setNotice({ tone: 'ok', say: (t) => t('tills.issued', { till: id }) });
    reload();
  };

  const revoke = async (id: string) => {
    setBusy(true);
    const result = await client.call('tills.revokeToken', { till: id });
    setBusy(false);
    if (!result.ok) {
      setNotice({ tone: 'bad', error: result.error });
      return;
    }
    if (issued?.till === id) setIssued(null);
    setNotice({ tone: 'ok', say: (t) => t('tills.revoked', { till: id }) });
    reload();
  };

  const when = (at: string | null) => (at ? <time dateTime={at}>{formatDateTime(at, i18n.language)}</time> : t('devices.never'));

  return (
    <section className="panel" aria-labelledby="tills-title" data-testid="tills-panel">
      <div>
        <h2 id="tills-title" className="panel__title">
          {t('tills.title')}
        </h2>
        <p className="muted panel__intro">
          {view.kind === 'ready' && view.value.endpoint ? t('tills.intro', { endpoint: view.value.endpoint }) : t('tills.noEndpoint')}
        </p>
      </div>
      <NoticeLine notice={notice} testId="tills-notice" />
      {issued ? (
        <div className="notice notice--ok" data-testid="till-issued">
          <p>{t('tills.tokenOnce', { till: issued.till })}</p>
          <code className="code" data-testid="till-token">
            {issued.token}
          </code>
        </div>
      ) : null}
      <form className="device-form" aria-label={t('tills.issueTitle')} noValidate onSubmit={(e) => void issue(e)}>
        <div className="device-form__fields">
          {fields.field('till', t('tills.tillId'), <input className="device-input code" data-testid="till-id" value={till} spellCheck={false} onChange={(e) => setTill(e.target.value)} />)}
        </div>
        <button type="submit" className="button" data-testid="till-issue" disabled={busy}>
          {t('tills.issue')}
        </button>
      </form>
      {view.kind === 'loading' ? (
        <StatePanel tone="loading" title={t('tills.loading')} testId="tills-loading" />
      ) : view.kind === 'error' ? (
        <ErrorPanel testId="tills-error" error={view.error} onRetry={reload} />
      ) : view.value.tills.length === 0 ? (
        <StatePanel tone="empty" title={t('tills.emptyTitle')} testId="tills-empty">
          {t('tills.emptyBody')}
        </StatePanel>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="tills-table">
            <thead>
              <tr>
                <th scope="col">{t('tills.tillId')}</th>
                <th scope="col">{t('tills.issuedAt')}</th>
                <th scope="col">{t('tills.lastReceipt')}</th>
                <th scope="col">{t('tills.state')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('tills.revoke')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.value.tills.map((row) => (
                <tr key={row.till} data-testid={`till-row-${row.till}`} data-state={row.revokedAt ? 'revoked' : 'active'}>
                  <td className="code">{row.till}</td>
                  <td>
                    {when(row.issuedAt)} · {row.issuedBy}
                  </td>
                  <td>{when(row.lastReceiptAt)}</td>
                  <td>{row.revokedAt ? t('tills.stateRevoked') : t('tills.stateActive')}</td>
                  <td>
                    {row.revokedAt ? null : (
                      <button type="button" className="button button--danger" data-testid={`till-revoke-${row.till}`} disabled={busy} onClick={() => void revoke(row.till)}>
                        {t('tills.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { useConnection } from '../api/client-context';
import { formatCount } from '../format/store-formats';
import { useHqLink } from '../sync/use-hq-link';
import { useSecondsUntil } from '../time/use-seconds-until';

/**
 * The HQ link at a glance: its state, how long until the next try, and what still has to go up.
 * `notSetUp`: the first-run wizard is open, nothing chosen yet; the embedded demo's link is not the store's.
 */
export function HqLinkIndicator({ notSetUp = false }: { notSetUp?: boolean }) {
  const { t, i18n } = useTranslation();
  const { view } = useHqLink();
  const connection = useConnection();
  const retryAt = view.kind === 'linked' && view.status.state === 'offline' ? view.retryAt : null;
  const seconds = useSecondsUntil(retryAt);
  if (notSetUp) return <NeutralHqState state="not-configured" text={t('hq.states.not-configured')} />;
  // The last status heard says nothing once the console is unreachable: not green, not red, unknown.
  if (connection.status !== 'connected' && view.kind !== 'loading') return <NeutralHqState state="no-console" text={t('status.unknownLink')} />;
  if (view.kind !== 'linked' && view.kind !== 'not-configured') return null;
  // Connected but HQ's messages do not apply: an error, not "online".
  const stuck = view.kind === 'linked' && view.status.state === 'online' && view.status.downlinkStuck;
  const linkState = view.kind === 'linked' ? view.status.state : 'not-configured';
  const state = stuck ? 'stuck' : linkState;
  const backlog = view.kind === 'linked' ? view.status.backlog : 0;
  return (
    <div className="connection hq-link" data-testid="status-hq" data-state={state} role="status">
      <span className="connection__dot" aria-hidden="true" />
      <span>
        <span className="hq-link__label">{t('hq.label')}:</span> {stuck ? t('hqDownlink.stuckState') : t(`hq.states.${linkState}`)}
      </span>
      {retryAt !== null ? <span className="muted">· {t('hq.retryIn', { seconds })}</span> : null}
      {backlog > 0 ? (
        <span className="hq-link__backlog" data-testid="status-hq-backlog" data-value={backlog}>
          {t('hq.pending', { count: backlog, formatted: formatCount(backlog, i18n.language) })}
        </span>
      ) : null}
    </div>
  );
}

function NeutralHqState({ state, text }: { state: 'not-configured' | 'no-console'; text: string }) {
  const { t } = useTranslation();
  return (
    <div className="connection hq-link" data-testid="status-hq" data-state={state} role="status">
      <span className="connection__dot" aria-hidden="true" />
      <span>
        <span className="hq-link__label">{t('hq.label')}:</span> {text}
      </span>
    </div>
  );
}

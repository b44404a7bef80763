import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../main/api/types';
import { useClient, useConnection } from '../api/client-context';
import { languages, type Language } from '../i18n/languages';
import { switchLanguage } from '../i18n/setup-i18n';
import { useSecondsUntil } from '../time/use-seconds-until';
import { PrinterIndicator } from '../devices/printer-indicator';
import { HqLinkIndicator } from './hq-link-indicator';

/**
 * The console's frame. `notSetUp`: the first-run wizard is open and nothing is chosen yet; the
 * demo store running behind it is not this store, so its name and HQ link are not shown.
 */
export function StatusBar({
  session,
  policyLocale,
  notSetUp,
  onSignOut,
}: {
  session: SessionInfo | null;
  policyLocale: Language | null;
  notSetUp: boolean;
  onSignOut(): void;
}) {
  const { t } = useTranslation();
  const staff = session?.staff ?? null;
  return (
    <header className="status-bar">
      <div className="status-bar__brand">{t('app.name')}</div>
      <dl className="status-bar__place">
        <div>
          <dt>{t('status.store')}</dt>
          <dd data-testid="status-store" data-not-set-up={notSetUp || undefined}>
            {notSetUp ? t('status.notSetUp') : (session?.store ?? '—')}
          </dd>
        </div>
        <div>
          <dt>{t('status.station')}</dt>
          <dd data-testid="status-station">{notSetUp ? '—' : (session?.station ?? '—')}</dd>
        </div>
      </dl>
      <div className="status-bar__staff" data-testid="status-staff">
        {staff ? (
          <>
            <span className="status-bar__staff-name">{staff.name}</span>
            <span className="role-badge">{t(`roles.${staff.role}`)}</span>
          </>
        ) : (
          <span className="muted">{t('status.nobody')}</span>
        )}
      </div>
      <ConnectionIndicator />
      {/* The links the store depends on, one above the other so the bar stays one row. */}
      <div className="status-bar__links">
        <HqLinkIndicator notSetUp={notSetUp} />
        {notSetUp ? null : <PrinterIndicator staffId={staff?.id ?? null} />}
      </div>
      <LanguageSwitch policyLocale={policyLocale} />
      {staff ? (
        <button type="button" className="button button--quiet" data-testid="signout" onClick={onSignOut}>
          {t('status.signOut')}
        </button>
      ) : null}
    </header>
  );
}

/** IT's policy may fix the console's language (`policyLocale`): then the switch shows it, locked. */
function LanguageSwitch({ policyLocale }: { policyLocale: Language | null }) {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    if (policyLocale && i18n.resolvedLanguage !== policyLocale) void switchLanguage(policyLocale);
  }, [policyLocale, i18n.resolvedLanguage]);
  return (
    <div className="segmented" role="group" aria-label={t('status.language')}>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="segmented__option"
          data-testid={`lang-${language}`}
          aria-pressed={i18n.resolvedLanguage === language}
          disabled={policyLocale !== null && policyLocale !== language}
          title={policyLocale ? t('setup.locked') : undefined}
          onClick={() => void switchLanguage(language)}
        >
          {language.toUpperCase()}
        </button>
      ))}
    </div>
  );
}

function ConnectionIndicator() {
  const { t } = useTranslation();
  const client = useClient();
  const connection = useConnection();
  const seconds = useSecondsUntil(connection.status === 'disconnected' ? connection.retryAt : null);
  return (
    <div className="connection" data-testid="status-connection" data-state={connection.status} role="status">
      <span className="connection__dot" aria-hidden="true" />
      <span>{connection.status === 'disconnected' && connection.refused ? t('status.refused') : t(`status.${connection.status}`)}</span>
      {connection.status === 'disconnected' ? (
        <>
          <span className="muted">· {t('status.retryIn', { seconds })}</span>
          <button
            type="button"
            className="button button--quiet button--icon"
            aria-label={t('status.retryNow')}
            title={t('status.retryNow')}
            onClick={() => client.retryNow()}
          >
            ↻
          </button>
        </>
      ) : null}
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { useConnection } from '../api/client-context';

/**
 * The console answers but turns this tab away: it restarted with another token (a data
 * folder without its bridge-token file). Waiting will not help; the banner says exactly
 * what will, above every screen.
 */
export function ConsoleRefusedBanner() {
  const { t } = useTranslation();
  const connection = useConnection();
  if (connection.status !== 'disconnected' || !connection.refused) return null;
  return (
    <div className="notice notice--bad host-link-banner" role="alert" data-testid="console-refused">
      {t('status.refusedHelp')}
    </div>
  );
}

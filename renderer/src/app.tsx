import { useTranslation } from 'react-i18next';
import { useClient } from './api/client-context';
import type { ClientChoice } from './api/choose-client';
import { ClientProvider } from './api/client-context';
import { useStationSession } from './session/use-station-session';
import { ProductLookupScreen } from './screens/product-lookup-screen';
import { SignInScreen } from './screens/sign-in-screen';
import { StatePanel } from './screens/state-panel';
import { StatusBar } from './screens/status-bar';
import { useErrorText } from './screens/error-text';

export function App({ choice }: { choice: ClientChoice }) {
  if (!choice.ok) return <MissingToken />;
  return (
    <ClientProvider client={choice.client}>
      <Console />
    </ClientProvider>
  );
}

function Console() {
  const { t } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const session = useStationSession();
  const { state } = session;
  const current = state.status === 'ready' ? state.session : null;

  const signOut = async () => {
    const result = await client.call('session.signOut', {});
    if (result.ok) session.set(result.value);
  };

  return (
    <div className="console">
      <StatusBar session={current} onSignOut={() => void signOut()} />
      <main className="console__main">
        {state.status === 'loading' ? (
          <StatePanel tone="loading" title={t('app.starting')} />
        ) : state.status === 'error' ? (
          <StatePanel
            tone="error"
            title={t('errors.title')}
            action={
              <button type="button" className="button" onClick={session.reload}>
                {t('status.retryNow')}
              </button>
            }
          >
            {errorText(state.error)}
          </StatePanel>
        ) : state.session.staff === null ? (
          <SignInScreen onSignedIn={session.set} />
        ) : (
          <ProductLookupScreen key={state.session.staff.id} />
        )}
      </main>
    </div>
  );
}

function MissingToken() {
  const { t } = useTranslation();
  return (
    <main className="console__main">
      <StatePanel tone="error" title={t('app.missingToken.title')}>
        {t('app.missingToken.body')} <code className="code">?token=…</code>
      </StatePanel>
    </main>
  );
}

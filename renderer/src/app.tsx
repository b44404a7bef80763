import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from './api/client-context';
import type { ClientChoice } from './api/choose-client';
import { ClientProvider } from './api/client-context';
import { QueryCacheProvider } from './api/use-store-query';
import { useStationSession } from './session/use-station-session';
import { ProductLookupScreen } from './screens/product-lookup-screen';
import { SignInScreen } from './screens/sign-in-screen';
import { StatePanel } from './screens/state-panel';
import { StatusBar } from './screens/status-bar';
import { ConsoleNav, type ConsolePage } from './screens/console-nav';
import { SyncScreen } from './screens/sync-screen';
import { OrdersScreen } from './orders/orders-screen';
import { DevicesScreen } from './devices/devices-screen';
import { HqLinkProvider } from './sync/hq-link-context';
import { SetupWizard } from './setup/setup-wizard';
import { useRestartReload, useSetupStatus } from './setup/use-setup-status';
import { ErrorPanel } from './screens/error-panel';
import { HostLinkBanner } from './stations/host-link-banner';

export function App({ choice }: { choice: ClientChoice }) {
  if (!choice.ok) return <MissingToken />;
  return (
    <ClientProvider client={choice.client}>
      <QueryCacheProvider>
        <Console />
      </QueryCacheProvider>
    </ClientProvider>
  );
}

function Console() {
  const { t } = useTranslation();
  const client = useClient();
  const session = useStationSession();
  const { state } = session;
  const current = state.status === 'ready' ? state.session : null;
  const setup = useSetupStatus();
  const policyLocale = setup.view.kind === 'ready' && setup.view.status.locked.includes('locale') ? (setup.view.status.preset.locale ?? null) : null;
  const [restarting, setRestarting] = useState(false);
  useRestartReload(useCallback(() => setRestarting(true), []));

  const signOut = async () => {
    const result = await client.call('session.signOut', {});
    if (result.ok) session.set(result.value);
  };

  return (
    <HqLinkProvider staffId={current?.staff?.id ?? null}>
      <div className="console">
        <StatusBar session={current} policyLocale={policyLocale} onSignOut={() => void signOut()} />
        <HostLinkBanner />
        {restarting ? (
          <main className="console__main">
            <StatePanel tone="loading" title={t('setup.restartingTitle')} testId="setup-restarting">
              {t('setup.restartingBody')}
            </StatePanel>
          </main>
        ) : setup.view.kind === 'ready' && setup.view.status.needsSetup && !current?.staff ? (
          <main className="console__main">
            <SetupWizard status={setup.view.status} onDemo={setup.set} />
          </main>
        ) : current?.staff ? (
          <SignedIn key={current.staff.id} store={current.store} />
        ) : (
          <main className="console__main">
            {state.status === 'loading' || setup.view.kind === 'loading' ? (
              <StatePanel tone="loading" title={t('app.starting')} />
            ) : state.status === 'error' ? (
              <ErrorPanel error={state.error} onRetry={session.reload} />
            ) : (
              <SignInScreen onSignedIn={session.set} />
            )}
          </main>
        )}
      </div>
    </HqLinkProvider>
  );
}

/** The console's pages for one signed-in member; a new member starts afresh on product lookup. */
function SignedIn({ store }: { store: string }) {
  const [page, setPage] = useState<ConsolePage>('lookup');
  return (
    <>
      <ConsoleNav page={page} onChange={setPage} />
      <main className="console__main">
        <div role="tabpanel" id="page-lookup" aria-labelledby="nav-tab-lookup" hidden={page !== 'lookup'}>
          {/* A scan opens the lookup, except where the page itself listens to scans: picking, and the Devices page that shows what scanners send. */}
          <ProductLookupScreen store={store} active={page === 'lookup'} onScan={() => setPage((p) => (p === 'orders' || p === 'devices' ? p : 'lookup'))} />
        </div>
        {/* Stays mounted: the queue hears new orders (and sounds) from any page; the counter's own scans stay on it. */}
        <div role="tabpanel" id="page-orders" aria-labelledby="nav-tab-orders" hidden={page !== 'orders'}>
          <OrdersScreen active={page === 'orders'} />
        </div>
        {page === 'sync' ? (
          <div role="tabpanel" id="page-sync" aria-labelledby="nav-tab-sync">
            <SyncScreen />
          </div>
        ) : null}
        {page === 'devices' ? (
          <div role="tabpanel" id="page-devices" aria-labelledby="nav-tab-devices">
            <DevicesScreen />
          </div>
        ) : null}
      </main>
    </>
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

import { lazy, Suspense, useCallback, useState, type ReactNode } from 'react';
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
import { ConsoleNav } from './screens/console-nav';
import { landingPage, pagesFor, type ConsolePage } from './screens/role-pages';
import type { Role } from '../../main/api/types';
import { useRestartReload, useSetupStatus } from './setup/use-setup-status';
import { ErrorPanel } from './screens/error-panel';
import { ProvisioningBanner } from './sync/store-provisioning';
import { HostLinkBanner } from './stations/host-link-banner';

// Each page but the first is its own chunk, fetched when it is first shown: the console starts
// on product lookup, and a station that never opens Devices never parses it.
const OrdersScreen = lazy(() => import('./orders/orders-screen').then((m) => ({ default: m.OrdersScreen })));
const SyncScreen = lazy(() => import('./screens/sync-screen').then((m) => ({ default: m.SyncScreen })));
const DevicesScreen = lazy(() => import('./devices/devices-screen').then((m) => ({ default: m.DevicesScreen })));
const StaffScreen = lazy(() => import('./staff/staff-screen').then((m) => ({ default: m.StaffScreen })));
const LabelQueueScreen = lazy(() => import('./labels/label-queue-screen').then((m) => ({ default: m.LabelQueueScreen })));
const ReceivingScreen = lazy(() => import('./receiving/receiving-screen').then((m) => ({ default: m.ReceivingScreen })));
const CountsScreen = lazy(() => import('./counts/counts-screen').then((m) => ({ default: m.CountsScreen })));
const ImportScreen = lazy(() => import('./catalog-import/import-screen').then((m) => ({ default: m.ImportScreen })));
const DemoScanDock = lazy(() => import('./devices/demo-scan-dock').then((m) => ({ default: m.DemoScanDock })));
const TransfersScreen = lazy(() => import('./transfers/transfers-screen').then((m) => ({ default: m.TransfersScreen })));
const SetupWizard = lazy(() => import('./setup/setup-wizard').then((m) => ({ default: m.SetupWizard })));

function Page({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return <Suspense fallback={<StatePanel tone="loading" title={t('app.openingPage')} />}>{children}</Suspense>;
}

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
    <div className="console">
      <StatusBar session={current} policyLocale={policyLocale} onSignOut={() => void signOut()} />
      <ProvisioningBanner />
      <HostLinkBanner />
      {restarting ? (
        <main className="console__main">
          <StatePanel tone="loading" title={t('setup.restartingTitle')} testId="setup-restarting">
            {t('setup.restartingBody')}
          </StatePanel>
        </main>
      ) : setup.view.kind === 'ready' && setup.view.status.needsSetup && !current?.staff ? (
        <main className="console__main">
          <Page>
            <SetupWizard status={setup.view.status} onDemo={setup.set} />
          </Page>
        </main>
      ) : current?.staff ? (
        <SignedIn key={current.staff.id} store={current.store} role={current.staff.role} demo={setup.view.kind === 'ready' && setup.view.status.demo} />
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
  );
}

/** The console's pages for one signed-in member's role; a new member starts afresh on their role's own page. */
function SignedIn({ store, role, demo }: { store: string; role: Role; demo: boolean }) {
  const [page, setPage] = useState<ConsolePage>(landingPage[role]);
  const pages = pagesFor(role);
  const sees = (name: ConsolePage) => pages.includes(name);
  return (
    <>
      <ConsoleNav page={page} pages={pages} onChange={setPage} />
      <main className="console__main">
        <div role="tabpanel" id="page-lookup" aria-labelledby="nav-tab-lookup" hidden={page !== 'lookup'}>
          {/* A scan opens the lookup, except where the page itself listens to scans: picking, receiving, counting, and the Devices page that shows what scanners send. */}
          <ProductLookupScreen store={store} active={page === 'lookup'} onScan={() => setPage((p) => (p === 'orders' || p === 'devices' || p === 'receiving' || p === 'counts' ? p : 'lookup'))} />
        </div>
        {/* Stays mounted: the queue hears new orders (and sounds) from any page; the counter's own scans stay on it. */}
        {sees('orders') ? (
          <div role="tabpanel" id="page-orders" aria-labelledby="nav-tab-orders" hidden={page !== 'orders'}>
            <Page>
              <OrdersScreen active={page === 'orders'} />
            </Page>
          </div>
        ) : null}
        {page === 'counts' && sees('counts') ? (
          <div role="tabpanel" id="page-counts" aria-labelledby="nav-tab-counts">
            <Page>
              <CountsScreen active={page === 'counts'} />
            </Page>
          </div>
        ) : null}
        {page === 'sync' && sees('sync') ? (
          <div role="tabpanel" id="page-sync" aria-labelledby="nav-tab-sync">
            <Page>
              <SyncScreen />
            </Page>
          </div>
        ) : null}
        {page === 'transfers' && sees('transfers') ? (
          <div role="tabpanel" id="page-transfers" aria-labelledby="nav-tab-transfers">
            <Page>
              <TransfersScreen />
            </Page>
          </div>
        ) : null}
        {page === 'receiving' && sees('receiving') ? (
          <div role="tabpanel" id="page-receiving" aria-labelledby="nav-tab-receiving">
            <Page>
              <ReceivingScreen active={page === 'receiving'} />
            </Page>
          </div>
        ) : null}
        {page === 'labels' && sees('labels') ? (
          <div role="tabpanel" id="page-labels" aria-labelledby="nav-tab-labels">
            <Page>
              <LabelQueueScreen />
            </Page>
          </div>
        ) : null}
        {page === 'devices' && sees('devices') ? (
          <div role="tabpanel" id="page-devices" aria-labelledby="nav-tab-devices">
            <Page>
              <DevicesScreen />
            </Page>
          </div>
        ) : null}
        {page === 'staff' && sees('staff') ? (
          <div role="tabpanel" id="page-staff" aria-labelledby="nav-tab-staff">
            <Page>
              <StaffScreen isAdmin={role === 'admin'} />
            </Page>
          </div>
        ) : null}
        {page === 'import' && sees('import') ? (
          <div role="tabpanel" id="page-import" aria-labelledby="nav-tab-import">
            <Page>
              <ImportScreen />
            </Page>
          </div>
        ) : null}
      </main>
      {demo && page !== 'devices' ? (
        <Suspense fallback={null}>
          <DemoScanDock />
        </Suspense>
      ) : null}
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

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
import { ConsoleRefusedBanner } from './screens/console-refused-banner';
import { useAlertCenter } from './alerts/use-alert-center';
import { AlertToasts } from './alerts/alert-toasts';

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
const ChannelReturnsScreen = lazy(() => import('./returns/channel-returns-screen').then((m) => ({ default: m.ChannelReturnsScreen })));
const TransfersScreen = lazy(() => import('./transfers/transfers-screen').then((m) => ({ default: m.TransfersScreen })));
const EndOfDayScreen = lazy(() => import('./cash/end-of-day-screen').then((m) => ({ default: m.EndOfDayScreen })));
// The KPI page and its chart library load only when a manager opens it.
const KpiScreen = lazy(() => import('./kpis/kpi-screen').then((m) => ({ default: m.KpiScreen })));
const CustomersScreen = lazy(() => import('./customers/customers-screen').then((m) => ({ default: m.CustomersScreen })));
const ShelfBoardScreen = lazy(() => import('./shelves/shelf-board-screen').then((m) => ({ default: m.ShelfBoardScreen })));
const AuditScreen = lazy(() => import('./audit/audit-screen').then((m) => ({ default: m.AuditScreen })));
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
  const wizardOpen = setup.view.kind === 'ready' && setup.view.status.needsSetup && !current?.staff;
  useRestartReload(useCallback(() => setRestarting(true), []));

  const signOut = async () => {
    const result = await client.call('session.signOut', {});
    if (result.ok) session.set(result.value);
  };

  return (
    <div className="console">
      <StatusBar session={current} policyLocale={policyLocale} notSetUp={wizardOpen} onSignOut={() => void signOut()} />
      <ProvisioningBanner />
      <HostLinkBanner />
      <ConsoleRefusedBanner />
      {restarting ? (
        <main className="console__main">
          <StatePanel tone="loading" title={t('setup.restartingTitle')} testId="setup-restarting">
            {t('setup.restartingBody')}
          </StatePanel>
        </main>
      ) : wizardOpen && setup.view.kind === 'ready' ? (
        <main className="console__main">
          <Page>
            <SetupWizard status={setup.view.status} onDemo={setup.set} />
          </Page>
        </main>
      ) : current?.staff ? (
        <SignedIn
          key={current.staff.id}
          store={current.store}
          role={current.staff.role}
          demo={setup.view.kind === 'ready' && setup.view.status.demo}
          orderCueMuted={setup.view.kind === 'ready' && setup.view.status.preset.orderAlertSound === false}
        />
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
function SignedIn({ store, role, demo, orderCueMuted }: { store: string; role: Role; demo: boolean; orderCueMuted: boolean }) {
  const [page, setPage] = useState<ConsolePage>(landingPage[role]);
  const pages = pagesFor(role);
  const sees = (name: ConsolePage) => pages.includes(name);
  const [orderRequest, setOrderRequest] = useState<{ orderId: string; n: number } | null>(null);
  const openOrder = useCallback((orderId: string) => {
    setPage('orders');
    setOrderRequest((last) => ({ orderId, n: (last?.n ?? 0) + 1 }));
  }, []);
  // Saving the sale from the product view opens the customer's card on the Customers page.
  const [customerRequest, setCustomerRequest] = useState<{ customerId: string; via: 'scan' | 'search'; n: number } | null>(null);
  const openCustomer = useCallback((customerId: string, via: 'scan' | 'search') => {
    setPage('customers');
    setCustomerRequest((last) => ({ customerId, via, n: (last?.n ?? 0) + 1 }));
  }, []);
  // Ordering for a customer is the access table's `selling` row: associates and managers.
  const ordersForCustomers = sees('customers') && (role === 'associate' || role === 'manager');
  const alerts = useAlertCenter({ pages, page, orderCueMuted, openOrder });
  return (
    <>
      <ConsoleNav page={page} pages={pages} onChange={setPage} badges={alerts.badges} />
      {/* Under the tabs, in the page's flow: an alert pushes the page down, never covers its buttons. */}
      <AlertToasts center={alerts} onShowShelves={() => setPage('shelves')} onShowOrders={() => setPage('orders')} />
      <main className="console__main">
        <div role="tabpanel" id="page-lookup" aria-labelledby="nav-tab-lookup" hidden={page !== 'lookup'}>
          {/* A scan opens the lookup, except where the page itself listens to scans: picking, receiving, counting, customers (a loyalty card or app QR), and the Devices page that shows what scanners send. */}
          <ProductLookupScreen store={store} active={page === 'lookup'} onOpenCustomer={ordersForCustomers ? openCustomer : undefined} onScan={() => setPage((p) => (p === 'orders' || p === 'devices' || p === 'receiving' || p === 'counts' || p === 'customers' ? p : 'lookup'))} />
        </div>
        {/* Stays mounted: the queue hears new orders (and sounds) from any page; the counter's own scans stay on it. */}
        {sees('orders') ? (
          <div role="tabpanel" id="page-orders" aria-labelledby="nav-tab-orders" hidden={page !== 'orders'}>
            <Page>
              <OrdersScreen active={page === 'orders'} openRequest={orderRequest} />
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
        {page === 'returns' && sees('returns') ? (
          <div role="tabpanel" id="page-returns" aria-labelledby="nav-tab-returns">
            <Page>
              <ChannelReturnsScreen />
            </Page>
          </div>
        ) : null}
        {page === 'customers' && sees('customers') ? (
          <div role="tabpanel" id="page-customers" aria-labelledby="nav-tab-customers">
            <Page>
              <CustomersScreen role={role} openRequest={customerRequest} />
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
        {page === 'cash' && sees('cash') ? (
          <div role="tabpanel" id="page-cash" aria-labelledby="nav-tab-cash">
            <Page>
              <EndOfDayScreen />
            </Page>
          </div>
        ) : null}
        {page === 'kpis' && sees('kpis') ? (
          <div role="tabpanel" id="page-kpis" aria-labelledby="nav-tab-kpis">
            <Page>
              <KpiScreen />
            </Page>
          </div>
        ) : null}
        {page === 'shelves' && sees('shelves') ? (
          <div role="tabpanel" id="page-shelves" aria-labelledby="nav-tab-shelves">
            <Page>
              <ShelfBoardScreen alerts={alerts} />
            </Page>
          </div>
        ) : null}
        {page === 'audit' && sees('audit') ? (
          <div role="tabpanel" id="page-audit" aria-labelledby="nav-tab-audit">
            <Page>
              <AuditScreen />
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

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureInput } from '../../../main/api/contract';
import type { PrinterInfo } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { StatePanel } from '../screens/state-panel';
import { NoticeLine, type Notice } from './notice';
import { PrinterForm, printerProfileIds } from './printer-form';
import type { useManagerCall } from '../approval/use-manager-call';
import type { usePrinters } from './device-queries';
import { ErrorPanel } from '../screens/error-panel';

type ManagerCall = ReturnType<typeof useManagerCall>['call'];

/** The station's printers: how each one is, what to do about it, and its settings. */
export function PrintersPanel({ printers, managerCall }: { printers: ReturnType<typeof usePrinters>; managerCall: ManagerCall }) {
  const { t } = useTranslation();
  const { view, reload } = printers;
  const configured = view.kind === 'ready' ? view.value.filter((p) => p.configured) : [];

  return (
    <section className="panel" aria-labelledby="printers-title">
      <div className="panel__header">
        <div>
          <h2 id="printers-title" className="panel__title">
            {t('devices.printers.title')}
          </h2>
          <p className="muted panel__intro">{t('devices.printers.intro')}</p>
        </div>
      </div>
      {view.kind === 'loading' ? (
        <StatePanel tone="loading" title={t('devices.printers.loading')} testId="printers-loading" />
      ) : view.kind === 'error' ? (
        <ErrorPanel testId="printers-error" error={view.error} onRetry={reload} />
      ) : (
        <>
          {configured.length === 0 ? (
            <StatePanel tone="empty" title={t('devices.printers.noneTitle')} testId="printers-none">
              {t('devices.printers.noneBody')}
            </StatePanel>
          ) : null}
          <div className="printer-cards">
            {view.value.map((printer) => (
              <PrinterCard key={printer.name} printer={printer} managerCall={managerCall} onChanged={reload} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

function PrinterCard({ printer, managerCall, onChanged }: { printer: PrinterInfo; managerCall: ManagerCall; onChanged(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<'test' | 'drawer' | 'save' | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const testId = (part: string) => `printer-${printer.name}-${part}`;

  const testPage = async () => {
    setBusy('test');
    const result = await client.call('printing.testPage', { printer: printer.name });
    setBusy(null);
    setNotice(result.ok ? { tone: 'ok', say: (t) => t('devices.printers.testQueued', { id: result.value.jobId }) } : { tone: 'bad', error: result.error });
  };

  const openDrawer = async () => {
    setBusy('drawer');
    const result = await managerCall('printing.openDrawer', { printer: printer.name });
    setBusy(null);
    if (!result) return;
    if (!result.ok) setNotice({ tone: 'bad', error: result.error });
    else if (result.value.ok) setNotice({ tone: 'ok', say: (t) => t('devices.printers.drawerOpened') });
    else setNotice({ tone: 'bad', say: (t) => t('devices.printers.drawerFailed', { message: result.value.message ?? '' }) });
  };

  const configure = async (settings: ProcedureInput<'printing.configure'>['settings']) => {
    setBusy('save');
    const result = await managerCall('printing.configure', { printer: printer.name, settings });
    setBusy(null);
    if (!result) return;
    if (!result.ok) {
      setNotice({ tone: 'bad', error: result.error });
      return;
    }
    setEditing(false);
    setNotice({ tone: 'ok', say: (t) => (settings === null ? t('devices.printers.removed') : t('devices.printers.saved')) });
    onChanged();
  };

  const state = printer.configured ? printer.status : 'not-configured';
  return (
    <article className="printer-card" data-testid={testId('card')} data-status={state} data-simulated={printer.simulated} aria-labelledby={testId('title')}>
      <header className="printer-card__header">
        <h3 id={testId('title')} className="printer-card__name">
          {t(`devices.printers.names.${printer.name}`)}
        </h3>
        {printer.configured ? (
          <span className="device-state" data-state={printer.status} data-testid={testId('status')} data-value={printer.status}>
            <span className="device-state__dot" aria-hidden="true" />
            {t(`devices.printers.status.${printer.status}`)}
          </span>
        ) : null}
        {printer.simulated ? (
          <span className="badge badge--typed" data-testid={testId('simulated')}>
            {t('devices.printers.simulated')}
          </span>
        ) : null}
      </header>
      {printer.configured ? (
        <>
          <p className="printer-card__help">{t(`devices.printers.statusHelp.${printer.status}`)}</p>
          <dl className="facts">
            <div className="facts__item">
              <dt>{t('devices.printers.connection')}</dt>
              <dd className="code" data-testid={testId('connection')}>
                {printer.connection}
              </dd>
            </div>
            <div className="facts__item">
              <dt>{t('devices.printers.profile')}</dt>
              <dd>{printer.profile && isKnownProfile(printer.profile) ? t(`devices.printerForm.profiles.${printer.profile}`) : printer.profile}</dd>
            </div>
          </dl>
          {printer.paperNearEnd || printer.drawerOpen || printer.lastError ? (
            <ul className="notices">
              {printer.paperNearEnd ? <li className="notice notice--warning">{t('devices.printers.paperNearEnd')}</li> : null}
              {printer.drawerOpen ? <li className="notice notice--warning">{t('devices.printers.drawerOpen')}</li> : null}
              {printer.lastError ? (
                <li className="notice notice--bad">
                  {t('devices.printers.lastError')}: <span className="code">{printer.lastError}</span>
                </li>
              ) : null}
            </ul>
          ) : null}
        </>
      ) : (
        <p className="muted" data-testid={testId('not-configured')}>
          {t('devices.printers.notConfigured')}
        </p>
      )}
      <div className="device-actions">
        {printer.configured ? (
          <>
            <button type="button" className="button" data-testid={testId('test-page')} disabled={busy !== null} onClick={() => void testPage()}>
              {t('devices.printers.testPage')}
            </button>
            <button type="button" className="button" data-testid={testId('open-drawer')} disabled={busy !== null} onClick={() => void openDrawer()}>
              {t('devices.printers.openDrawer')}
            </button>
          </>
        ) : null}
        <button
          type="button"
          className="button button--quiet"
          data-testid={testId('configure')}
          aria-expanded={editing}
          disabled={busy !== null && busy !== 'save'}
          onClick={() => setEditing((open) => !open)}
        >
          {t('devices.printers.configure')}
        </button>
      </div>
      <NoticeLine notice={notice} testId={testId('notice')} />
      {editing ? (
        <PrinterForm
          printer={printer}
          busy={busy === 'save'}
          onSave={(settings) => void configure(settings)}
          onRemove={() => void configure(null)}
          onCancel={() => setEditing(false)}
        />
      ) : null}
    </article>
  );
}

const isKnownProfile = (profile: string): profile is (typeof printerProfileIds)[number] => (printerProfileIds as readonly string[]).includes(profile);

import { useTranslation } from 'react-i18next';
import { useConnection } from '../api/client-context';
import '../styles/devices.css';
import { usePrinters, usePrintJobs } from './device-queries';

/** The station's printers at a glance, for the status bar: shown only when one is set up. */
export function PrinterIndicator({ staffId }: { staffId: string | null }) {
  const { t } = useTranslation();
  const signedIn = staffId !== null;
  // Shares the Devices page's reads: both follow 'printing.changed' through the cache.
  const printers = usePrinters(signedIn);
  const jobs = usePrintJobs(signedIn);
  // With the console unreachable, the last status heard may be long gone: shown as unknown, not as it was.
  const reachable = useConnection().status === 'connected';
  if (!signedIn || printers.view.kind !== 'ready') return null;
  const configured = printers.view.value.filter((p) => p.configured);
  if (configured.length === 0) return null;
  const pending = jobs.view.kind === 'ready' ? jobs.view.value.pending : [];
  return (
    <>
      {configured.map((printer) => {
        const own = pending.filter((job) => job.printer === printer.name);
        const unconfirmed = own.filter((job) => job.state === 'unconfirmed').length;
        const waiting = own.length - unconfirmed;
        const label = configured.length === 1 ? t('devices.indicator.label') : t(`devices.printers.names.${printer.name}`);
        const state = reachable ? t(`devices.printers.status.${printer.status}`).toLowerCase() : t('status.unknownLink');
        return (
          <div
            key={printer.name}
            className="printer-indicator"
            data-testid={`status-printer-${printer.name}`}
            data-state={reachable ? printer.status : 'no-console'}
            role="status"
          >
            <div className="connection" title={`${label}: ${state}`}>
              <span className="connection__dot" aria-hidden="true" />
              <span>
                <span className="printer-indicator__label">{label}:</span>{' '}
                {/* On a narrow bar the state goes to the tooltip and screen readers; the dot's colour stays. */}
                <span className="printer-indicator__state">{state}</span>
              </span>
            </div>
            {/* Counts go on a line of their own: the bar stays one row when a printer needs attention. */}
            {waiting > 0 || unconfirmed > 0 ? (
              <div className="printer-indicator__counts">
                {waiting > 0 ? (
                  <span className="printer-indicator__count" data-testid={`status-printer-${printer.name}-waiting`} data-value={waiting}>
                    {t('devices.indicator.waiting', { count: waiting })}
                  </span>
                ) : null}
                {unconfirmed > 0 ? (
                  <span className="printer-indicator__count printer-indicator__count--bad" data-testid={`status-printer-${printer.name}-unconfirmed`} data-value={unconfirmed}>
                    {t('devices.indicator.unconfirmed', { count: unconfirmed })}
                  </span>
                ) : null}
              </div>
            ) : null}
          </div>
        );
      })}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import '../styles/devices.css';
import { ApprovalDialog } from '../approval/approval-dialog';
import { DeveloperPanel } from './developer-panel';
import { DeviceListPanel } from './device-list-panel';
import { PrintJobsPanel } from './print-jobs-panel';
import { PrintersPanel } from './printers-panel';
import { ShelvesPanel } from './shelves-panel';
import { TillsPanel, useTills } from './tills-panel';
import { StationsPanel } from '../stations/stations-panel';
import { useManagerCall } from '../approval/use-manager-call';
import { useDevices, usePrinterPreview, usePrinters, usePrintJobs, useShelves } from './device-queries';

/** The station's hardware: printers and their jobs, weighed shelves, and what is plugged in; in the demo store, a bench to drive it all. */
export function DevicesScreen() {
  const { t } = useTranslation();
  const printers = usePrinters();
  const jobs = usePrintJobs();
  const shelves = useShelves();
  const devices = useDevices();
  const preview = usePrinterPreview();
  const tills = useTills();
  const manager = useManagerCall();

  // The developer calls answer only in the demo store, whose printer is the simulated one.
  const previewRefused = preview.view.kind === 'error' && (preview.view.error.code === 'FORBIDDEN' || preview.view.error.code === 'NOT_CONFIGURED');
  const simulated = printers.view.kind === 'ready' && printers.view.value.some((p) => p.simulated);
  const demo = preview.view.kind === 'ready' || (simulated && !previewRefused);

  return (
    <section className="screen devices" aria-labelledby="devices-title">
      <h1 id="devices-title" className="screen__title">
        {t('devices.title')}
      </h1>
      <div className={demo ? 'devices__layout devices__layout--demo' : 'devices__layout'}>
        <div className="devices__main">
          <PrintersPanel printers={printers} managerCall={manager.call} />
          <PrintJobsPanel jobs={jobs} />
          <ShelvesPanel shelves={shelves} managerCall={manager.call} />
          <DeviceListPanel devices={devices} managerCall={manager.call} />
          <TillsPanel tills={tills} />
          <StationsPanel />
        </div>
        {demo ? (
          <DeveloperPanel preview={preview} shelves={shelves.view.kind === 'ready' ? shelves.view.value : []} onShelvesChanged={shelves.reload} />
        ) : null}
      </div>
      {manager.asking ? <ApprovalDialog request={manager.asking} /> : null}
    </section>
  );
}

import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureInput } from '../../../main/api/contract';
import type { DeviceInfo } from '../../../main/api/types';
import { StatePanel } from '../screens/state-panel';
import { NoticeLine, type Notice } from './notice';
import type { useManagerCall } from '../approval/use-manager-call';
import type { useDevices } from './device-queries';
import { ErrorPanel } from '../screens/error-panel';
import { SerialByPathForm } from './serial-by-path-form';
import { SerialFramingFields, type SerialFraming } from './serial-framing-fields';

type Configure = ProcedureInput<'devices.configure'>;
type DeviceRole = Configure['role'];

const deviceRoles = ['counter-scanner', 'backoffice-scanner', 'receipt-printer', 'shelf-sensor', 'ignored'] as const satisfies readonly DeviceRole[];
const isDeviceRole = (role: string | null): role is DeviceRole => (deviceRoles as readonly (string | null)[]).includes(role);

/** What is plugged in, as the device manager found it, with the role each has here. */
export function DeviceListPanel({ devices, managerCall }: { devices: ReturnType<typeof useDevices>; managerCall: ReturnType<typeof useManagerCall>['call'] }) {
  const { t } = useTranslation();
  const { view, reload } = devices;
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  const save = async (device: DeviceInfo, settings: Omit<Configure, 'identity'>) => {
    setBusy(true);
    const result = await managerCall('devices.configure', { identity: device.identity, ...settings });
    setBusy(false);
    if (!result) return;
    if (!result.ok) {
      setNotice({ tone: 'bad', error: result.error });
      return;
    }
    setEditing(null);
    setNotice({ tone: 'ok', say: (t) => t('devices.list.saved', { device: deviceName(device) }) });
    reload();
  };

  return (
    <section className="panel" aria-labelledby="device-list-title">
      <div>
        <h2 id="device-list-title" className="panel__title">
          {t('devices.list.title')}
        </h2>
        <p className="muted panel__intro">{t('devices.list.intro')}</p>
      </div>
      <NoticeLine notice={notice} testId="devices-notice" />
      <SerialByPathForm
        managerCall={managerCall}
        onDone={(done) => {
          setNotice(done);
          if (done?.tone === 'ok') reload();
        }}
      />
      {view.kind === 'loading' ? (
        <StatePanel tone="loading" title={t('devices.list.loading')} testId="devices-loading" />
      ) : view.kind === 'error' ? (
        <ErrorPanel testId="devices-error" error={view.error} onRetry={reload} />
      ) : view.value.length === 0 ? (
        <StatePanel tone="empty" title={t('devices.list.emptyTitle')} testId="devices-empty">
          {t('devices.list.emptyBody')}
        </StatePanel>
      ) : (
        <div className="table-scroll">
          <table className="data-table device-table">
            <thead>
              <tr>
                <th scope="col">{t('devices.list.device')}</th>
                <th scope="col">{t('devices.list.ids')}</th>
                <th scope="col">{t('devices.list.role')}</th>
                <th scope="col">{t('devices.list.status')}</th>
                <th scope="col">{t('devices.list.lastError')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('devices.list.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.value.map((device) => (
                <Fragment key={device.identity}>
                  <DeviceRow device={device} editing={editing === device.identity} onEdit={() => setEditing((open) => (open === device.identity ? null : device.identity))} />
                  {editing === device.identity ? (
                    <tr className="device-table__form-row">
                      <td colSpan={6}>
                        <DeviceForm device={device} busy={busy} onSave={(settings) => void save(device, settings)} onCancel={() => setEditing(null)} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function deviceName(device: DeviceInfo): string {
  return [device.manufacturer, device.product].filter(Boolean).join(' ') || device.path;
}

function DeviceRow({ device, editing, onEdit }: { device: DeviceInfo; editing: boolean; onEdit(): void }) {
  const { t } = useTranslation();
  const ids = device.vendorId || device.productId ? `${device.vendorId ?? '????'}:${device.productId ?? '????'}` : null;
  return (
    <tr data-testid={`device-${device.identity}`} data-status={device.status} data-role={device.role ?? ''}>
      <th scope="row">
        <span className="device-table__name">{deviceName(device)}</span>
        <span className="muted device-table__path">
          {t(`devices.list.kinds.${device.kind}`)} · <span className="code">{device.path}</span>
        </span>
      </th>
      <td className="code">
        {ids ?? <span className="muted">—</span>}
        {device.serialNumber ? <span className="device-table__serial">{device.serialNumber}</span> : null}
      </td>
      <td>
        {device.role === null ? (
          <span className="badge badge--warning" data-testid="device-role-unknown">
            {t('devices.list.notConfigured')}
          </span>
        ) : isDeviceRole(device.role) ? (
          t(`devices.list.roles.${device.role}`)
        ) : (
          device.role
        )}
      </td>
      <td>
        <span className="device-state" data-state={device.status}>
          <span className="device-state__dot" aria-hidden="true" />
          {t(`devices.list.statuses.${device.status}`)}
        </span>
      </td>
      <td>{device.lastError ? <span className="code device-table__error">{device.lastError}</span> : <span className="muted">—</span>}</td>
      <td>
        <button type="button" className="button" aria-expanded={editing} data-testid={`device-configure-${device.identity}`} onClick={onEdit}>
          {t('devices.list.configure')}
        </button>
      </td>
    </tr>
  );
}

function DeviceForm({ device, busy, onSave, onCancel }: { device: DeviceInfo; busy: boolean; onSave(settings: Omit<Configure, 'identity'>): void; onCancel(): void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<DeviceRole>(isDeviceRole(device.role) ? device.role : 'counter-scanner');
  const [framing, setFraming] = useState<SerialFraming>({ baudRate: device.framing?.baudRate ?? 9600, parity: device.framing?.parity ?? 'none', suffix: device.framing?.suffix ?? 'CR' });
  const serial = device.kind === 'serial';
  const name = `device-form-${device.identity}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(serial && role !== 'ignored' ? { role, ...framing } : { role });
  };
  return (
    <form className="device-form" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onCancel()} aria-label={t('devices.list.formTitle', { device: deviceName(device) })}>
      <fieldset className="device-form__choices">
        <legend className="field__label">{t('devices.list.role')}</legend>
        {deviceRoles.map((option, i) => (
          <label key={option} className="device-choice">
            <input type="radio" name={`${name}-role`} value={option} checked={role === option} autoFocus={i === 0} onChange={() => setRole(option)} />
            {t(`devices.list.roles.${option}`)}
          </label>
        ))}
      </fieldset>
      {serial && role !== 'ignored' ? (
        <SerialFramingFields framing={framing} onChange={setFraming} />
      ) : null}
      <p className="muted device-form__note">{t('devices.printerForm.managerNote')}</p>
      <div className="device-actions">
        <button type="submit" className="button button--primary" data-testid={`${name}-save`} disabled={busy}>
          {t('devices.list.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('devices.cancel')}
        </button>
      </div>
    </form>
  );
}

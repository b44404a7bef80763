import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureInput } from '../../../main/api/contract';
import type { PrinterInfo } from '../../../main/api/types';

type Settings = NonNullable<ProcedureInput<'printing.configure'>['settings']>;
type ConnectionType = Settings['connection']['type'];
type Profile = Settings['profile'];
type Confirmation = NonNullable<Settings['confirmBy']>;

export const printerProfileIds = ['epson-tm-t88vi', 'epson-tm-t20iii', 'pos-5890', 'zpl-203dpi'] as const satisfies readonly Profile[];
const connectionTypes = ['tcp', 'serial', 'device-file'] as const satisfies readonly ConnectionType[];
const baudRates = [9600, 19200, 38400, 57600, 115200] as const;
const confirmations = ['job-reply', 'status-clean', 'bytes-written'] as const satisfies readonly Confirmation[];
const isConfirmation = (value: string): value is Confirmation => (confirmations as readonly string[]).includes(value);

interface Draft {
  type: ConnectionType;
  host: string;
  port: string;
  serialPath: string;
  baudRate: number;
  devicePath: string;
  profile: Profile;
  /** '' leaves it to the model's profile. */
  confirmBy: Confirmation | '';
}

const isProfile = (value: string | null): value is Profile => (printerProfileIds as readonly (string | null)[]).includes(value);

/** The form starts from the printer's stored settings. */
function draftFrom(printer: PrinterInfo): Draft {
  const draft: Draft = { type: 'tcp', host: '', port: '9100', serialPath: '', baudRate: 9600, devicePath: '/dev/usb/lp0', profile: isProfile(printer.profile) ? printer.profile : 'epson-tm-t88vi', confirmBy: printer.settings?.confirmBy ?? '' };
  const connection = printer.settings?.connection;
  if (!connection) return draft;
  if (connection.type === 'tcp') return { ...draft, type: 'tcp', host: connection.host, port: String(connection.port) };
  if (connection.type === 'serial') return { ...draft, type: 'serial', serialPath: connection.path, baudRate: connection.baudRate };
  return { ...draft, type: 'device-file', devicePath: connection.path };
}

function settingsFrom(draft: Draft): Settings {
  const connection: Settings['connection'] =
    draft.type === 'tcp'
      ? { type: 'tcp', host: draft.host.trim(), port: Number(draft.port) }
      : draft.type === 'serial'
        ? { type: 'serial', path: draft.serialPath.trim(), baudRate: draft.baudRate }
        : { type: 'device-file', path: draft.devicePath.trim() };
  return { connection, profile: draft.profile, ...(draft.confirmBy ? { confirmBy: draft.confirmBy } : {}) };
}

/** How one printer is reached and which model it is; the core checks every field again. */
export function PrinterForm({
  printer,
  busy,
  onSave,
  onRemove,
  onCancel,
}: {
  printer: PrinterInfo;
  busy: boolean;
  onSave(settings: Settings): void;
  onRemove(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(printer));
  const change = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const id = (field: string) => `printer-${printer.name}-${field}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(settingsFrom(draft));
  };
  const ready =
    draft.type === 'tcp' ? draft.host.trim() !== '' && /^\d{1,5}$/.test(draft.port) : draft.type === 'serial' ? draft.serialPath.trim() !== '' : draft.devicePath.trim() !== '';

  return (
    <form className="device-form" data-testid={`printer-form-${printer.name}`} onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <h3 className="device-form__title">{t('devices.printerForm.title', { name: t(`devices.printers.names.${printer.name}`) })}</h3>
      <fieldset className="device-form__choices">
        <legend className="field__label">{t('devices.printerForm.connection')}</legend>
        {connectionTypes.map((type) => (
          <label key={type} className="device-choice">
            <input type="radio" name={id('type')} value={type} checked={draft.type === type} onChange={() => change({ type })} />
            {t(`devices.printerForm.types.${type}`)}
          </label>
        ))}
      </fieldset>
      <div className="device-form__fields">
        {draft.type === 'tcp' ? (
          <>
            <label className="field">
              <span className="field__label">{t('devices.printerForm.host')}</span>
              <input className="device-input" data-testid={id('host')} value={draft.host} autoComplete="off" spellCheck={false} onChange={(e) => change({ host: e.target.value })} />
            </label>
            <label className="field">
              <span className="field__label">{t('devices.printerForm.port')}</span>
              <input className="device-input device-input--short" inputMode="numeric" value={draft.port} onChange={(e) => change({ port: e.target.value.replace(/\D/g, '').slice(0, 5) })} />
            </label>
          </>
        ) : draft.type === 'serial' ? (
          <>
            <label className="field">
              <span className="field__label">{t('devices.printerForm.serialPath')}</span>
              <input className="device-input" value={draft.serialPath} placeholder="/dev/ttyUSB0" spellCheck={false} onChange={(e) => change({ serialPath: e.target.value })} />
            </label>
            <label className="field">
              <span className="field__label">{t('devices.printerForm.baudRate')}</span>
              <select className="device-input" value={draft.baudRate} onChange={(e) => change({ baudRate: Number(e.target.value) })}>
                {baudRates.map((rate) => (
                  <option key={rate} value={rate}>
                    {rate}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : (
          <label className="field">
            <span className="field__label">{t('devices.printerForm.devicePath')}</span>
            <input className="device-input" value={draft.devicePath} placeholder="/dev/usb/lp0" spellCheck={false} onChange={(e) => change({ devicePath: e.target.value })} />
          </label>
        )}
        <label className="field">
          <span className="field__label">{t('devices.printerForm.profile')}</span>
          <select className="device-input" value={draft.profile} onChange={(e) => isProfile(e.target.value) && change({ profile: e.target.value })}>
            {printerProfileIds.map((profile) => (
              <option key={profile} value={profile}>
                {t(`devices.printerForm.profiles.${profile}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('printConfirmation.label')}</span>
          <select
            className="device-input"
            data-testid={id('confirm-by')}
            value={draft.confirmBy}
            onChange={(e) => change({ confirmBy: isConfirmation(e.target.value) ? e.target.value : '' })}
          >
            <option value="">{t('printConfirmation.profileDefault')}</option>
            {confirmations.map((mode) => (
              <option key={mode} value={mode}>
                {t(`printConfirmation.modes.${mode}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {draft.confirmBy === 'bytes-written' ? <p className="muted device-form__note">{t('printConfirmation.note')}</p> : null}
      <p className="muted device-form__note">{t('devices.printerForm.managerNote')}</p>
      <div className="device-actions">
        <button type="submit" className="button button--primary" data-testid={id('save')} disabled={busy || !ready}>
          {busy ? t('devices.printerForm.saving') : t('devices.printerForm.save')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('devices.cancel')}
        </button>
        {printer.configured && !printer.simulated ? (
          <button type="button" className="button button--danger" data-testid={id('remove')} disabled={busy} onClick={onRemove}>
            {t('devices.printerForm.remove')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureInput } from '../../../main/api/contract';
import type { useManagerCall } from '../approval/use-manager-call';
import type { Notice } from './notice';

type AddSerial = ProcedureInput<'devices.addSerial'>;
type ScannerRole = NonNullable<AddSerial['role']>;
type Parity = NonNullable<AddSerial['parity']>;
type Suffix = NonNullable<AddSerial['suffix']>;

const scannerRoles = ['counter-scanner', 'backoffice-scanner'] as const satisfies readonly ScannerRole[];
const parities = ['none', 'even', 'odd'] as const satisfies readonly Parity[];
const suffixes = ['CR', 'LF', 'CRLF', 'none'] as const satisfies readonly Suffix[];
const baudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

/** A serial scanner on a port discovery cannot list, added by its path and framing (a manager approves). */
export function SerialByPathForm({ managerCall, onDone }: { managerCall: ReturnType<typeof useManagerCall>['call']; onDone(notice: Notice): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [path, setPath] = useState('');
  const [role, setRole] = useState<ScannerRole>('counter-scanner');
  const [baudRate, setBaudRate] = useState(9600);
  const [parity, setParity] = useState<Parity>('none');
  const [suffix, setSuffix] = useState<Suffix>('CR');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const port = path.trim();
    if (!port) return;
    setBusy(true);
    const result = await managerCall('devices.addSerial', { path: port, role, baudRate, parity, suffix });
    setBusy(false);
    if (!result) return;
    if (!result.ok) {
      onDone({ tone: 'bad', error: result.error });
      return;
    }
    setOpen(false);
    setPath('');
    onDone({ tone: 'ok', say: (t) => t('scanner.added', { path: port }) });
  };

  if (!open) {
    return (
      <button type="button" className="button" data-testid="device-add-serial" onClick={() => setOpen(true)}>
        {t('scanner.addOpen')}
      </button>
    );
  }
  return (
    <form className="device-form" data-testid="device-add-serial-form" aria-label={t('scanner.addTitle')} onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <p className="muted">{t('scanner.addIntro')}</p>
      <div className="device-form__fields">
        <label className="field">
          <span className="field__label">{t('scanner.path')}</span>
          <input className="device-input code" data-testid="device-add-serial-path" value={path} placeholder={t('scanner.pathHint')} autoFocus required spellCheck={false} onChange={(e) => setPath(e.target.value)} />
        </label>
      </div>
      <fieldset className="device-form__choices">
        <legend className="field__label">{t('devices.list.role')}</legend>
        {scannerRoles.map((option) => (
          <label key={option} className="device-choice">
            <input type="radio" name="device-add-serial-role" value={option} checked={role === option} onChange={() => setRole(option)} />
            {t(`devices.list.roles.${option}`)}
          </label>
        ))}
      </fieldset>
      <div className="device-form__fields">
        <label className="field">
          <span className="field__label">{t('devices.list.baudRate')}</span>
          <select className="device-input" data-testid="device-add-serial-baud" value={baudRate} onChange={(e) => setBaudRate(Number(e.target.value))}>
            {baudRates.map((rate) => (
              <option key={rate} value={rate}>
                {rate}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('devices.list.parity')}</span>
          <select className="device-input" value={parity} onChange={(e) => setParity(parities.find((p) => p === e.target.value) ?? 'none')}>
            {parities.map((option) => (
              <option key={option} value={option}>
                {t(`devices.list.parities.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('devices.list.suffix')}</span>
          <select className="device-input" data-testid="device-add-serial-suffix" value={suffix} onChange={(e) => setSuffix(suffixes.find((s) => s === e.target.value) ?? 'CR')}>
            {suffixes.map((option) => (
              <option key={option} value={option}>
                {t(`devices.list.suffixes.${option}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted device-form__note">{t('devices.printerForm.managerNote')}</p>
      <div className="device-actions">
        <button type="submit" className="button button--primary" data-testid="device-add-serial-save" disabled={busy}>
          {t('scanner.add')}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t('devices.cancel')}
        </button>
      </div>
    </form>
  );
}

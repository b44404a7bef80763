import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureInput } from '../../../main/api/contract';
import type { useManagerCall } from '../approval/use-manager-call';
import type { Notice } from './notice';
import { SerialFramingFields, type SerialFraming } from './serial-framing-fields';
import { useFieldProblems } from '../forms/use-field-problems';

type AddSerial = ProcedureInput<'devices.addSerial'>;
type ScannerRole = NonNullable<AddSerial['role']>;

const scannerRoles = ['counter-scanner', 'backoffice-scanner'] as const satisfies readonly ScannerRole[];

/** A serial scanner on a port discovery cannot list, added by its path and framing (a manager approves). */
export function SerialByPathForm({ managerCall, onDone }: { managerCall: ReturnType<typeof useManagerCall>['call']; onDone(notice: Notice): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [path, setPath] = useState('');
  const [role, setRole] = useState<ScannerRole>('counter-scanner');
  const fields = useFieldProblems<'path'>('device-add-serial');
  const [framing, setFraming] = useState<SerialFraming>({ baudRate: 9600, parity: 'none', suffix: 'CR' });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const port = path.trim();
    if (!fields.check({ path: { value: port, format: 'devicePath' } })) return;
    setBusy(true);
    const result = await managerCall('devices.addSerial', { path: port, role, ...framing });
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
    <form className="device-form" data-testid="device-add-serial-form" aria-label={t('scanner.addTitle')} noValidate onSubmit={(e) => void submit(e)} onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}>
      <p className="muted">{t('scanner.addIntro')}</p>
      <div className="device-form__fields">
        {fields.field('path', t('scanner.path'), <input className="device-input code" data-testid="device-add-serial-path" value={path} placeholder={t('scanner.pathHint')} autoFocus spellCheck={false} onChange={(e) => setPath(e.target.value)} />)}
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
      <SerialFramingFields framing={framing} onChange={setFraming} testId="device-add-serial" />
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

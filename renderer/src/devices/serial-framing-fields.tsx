import { useTranslation } from 'react-i18next';
import type { ProcedureInput } from '../../../main/api/contract';

type Configure = ProcedureInput<'devices.configure'>;
export type Parity = NonNullable<Configure['parity']>;
export type Suffix = NonNullable<Configure['suffix']>;
export interface SerialFraming {
  baudRate: number;
  parity: Parity;
  suffix: Suffix;
}

const parities = ['none', 'even', 'odd'] as const satisfies readonly Parity[];
const suffixes = ['CR', 'LF', 'CRLF', 'none'] as const satisfies readonly Suffix[];
const baudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

/** A serial scanner's framing (baud rate, parity, the suffix that ends a scan): one form for a discovered port and one named by path. */
export function SerialFramingFields({ framing, onChange, testId }: { framing: SerialFraming; onChange(framing: SerialFraming): void; testId?: string }) {
  const { t } = useTranslation();
  const id = (field: string) => (testId ? `${testId}-${field}` : undefined);
  return (
    <div className="device-form__fields">
      <label className="field">
        <span className="field__label">{t('devices.list.baudRate')}</span>
        <select className="device-input" data-testid={id('baud')} value={framing.baudRate} onChange={(e) => onChange({ ...framing, baudRate: Number(e.target.value) })}>
          {baudRates.map((rate) => (
            <option key={rate} value={rate}>
              {rate}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('devices.list.parity')}</span>
        <select className="device-input" data-testid={id('parity')} value={framing.parity} onChange={(e) => onChange({ ...framing, parity: parities.find((p) => p === e.target.value) ?? 'none' })}>
          {parities.map((option) => (
            <option key={option} value={option}>
              {t(`devices.list.parities.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field__label">{t('devices.list.suffix')}</span>
        <select className="device-input" data-testid={id('suffix')} value={framing.suffix} onChange={(e) => onChange({ ...framing, suffix: suffixes.find((s) => s === e.target.value) ?? 'CR' })}>
          {suffixes.map((option) => (
            <option key={option} value={option}>
              {t(`devices.list.suffixes.${option}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

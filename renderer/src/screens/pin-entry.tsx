import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { SessionInfo, StaffInfo } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { formatTime } from '../format/store-formats';
import { useErrorText } from './error-text';

const maxPinLength = 8;
const minPinLength = 4;
const keypad = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

export function PinEntry({ staff, onBack, onSignedIn }: { staff: StaffInfo; onBack(): void; onSignedIn(session: SessionInfo): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | 'too-short' | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  const change = (next: string) => {
    setPin(next.replace(/\D/g, '').slice(0, maxPinLength));
    setError(null);
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (pin.length < minPinLength) {
      setError('too-short');
      input.current?.focus();
      return;
    }
    setBusy(true);
    const result = await client.call('session.signIn', { staffId: staff.id, pin });
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    setError(result.error);
    setPin('');
    input.current?.focus();
  };

  return (
    <section className="screen pin-entry" aria-labelledby="pin-title">
      <form className="pin-card" onSubmit={(event) => void submit(event)}>
        <h1 id="pin-title" className="screen__title">
          {t('signIn.pinFor', { name: staff.name })}
        </h1>
        <label className="field">
          <span className="field__label">
            {t('signIn.pinLabel')} <span className="muted">({t('signIn.pinHint')})</span>
          </span>
          <input
            ref={input}
            className="pin-input"
            data-testid="pin-input"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            pattern="[0-9]*"
            maxLength={maxPinLength}
            value={pin}
            aria-invalid={error !== null}
            aria-describedby={error ? 'signin-error' : undefined}
            onChange={(event) => change(event.target.value)}
          />
        </label>
        <PinError error={error} />
        <div className="keypad" role="group" aria-label={t('signIn.pinLabel')}>
          {keypad.map((digit) => (
            <button key={digit} type="button" className="keypad__key" onClick={() => change(pin + digit)}>
              {digit}
            </button>
          ))}
          <button type="button" className="keypad__key keypad__key--aux" onClick={() => change('')}>
            {t('signIn.clear')}
          </button>
          <button type="button" className="keypad__key" onClick={() => change(pin + '0')}>
            0
          </button>
          <button
            type="button"
            className="keypad__key keypad__key--aux"
            aria-label={t('signIn.backspace')}
            onClick={() => change(pin.slice(0, -1))}
          >
            ⌫
          </button>
        </div>
        <div className="pin-card__actions">
          <button type="button" className="button button--quiet button--large" onClick={onBack}>
            {t('signIn.changeStaff')}
          </button>
          <button
            type="submit"
            className="button button--primary button--large"
            data-testid="signin-submit"
            disabled={busy || pin.length === 0}
          >
            {busy ? t('signIn.signingIn') : t('signIn.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function PinError({ error }: { error: ApiError | 'too-short' | null }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  if (!error) return null;
  if (error === 'too-short') {
    return (
      <p id="signin-error" className="form-error" data-testid="signin-error" data-code="TOO_SHORT" role="alert">
        {t('signIn.pinHint')}
      </p>
    );
  }
  const { attemptsLeft, lockedUntil } = error.details ?? {};
  let extra = '';
  if (error.code === 'PIN_INVALID' && typeof attemptsLeft === 'number') extra = t('signIn.attemptsLeft', { left: attemptsLeft });
  if (error.code === 'PIN_LOCKED' && typeof lockedUntil === 'string' && !Number.isNaN(Date.parse(lockedUntil))) {
    const time = formatTime(lockedUntil, i18n.language);
    extra = t('signIn.lockedUntil', { time });
  }
  return (
    <p id="signin-error" className="form-error" data-testid="signin-error" data-code={error.code} role="alert">
      {errorText(error)} {extra}
    </p>
  );
}

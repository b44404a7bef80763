import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { SetupStatus } from '../../../main/api/types';
import { defaultStoreTimeZone, isIanaTimeZone } from '../../../main/api/input-schemas';
import { useClient } from '../api/client-context';
import { useErrorText } from '../screens/error-text';
import { StatePanel } from '../screens/state-panel';
import '../styles/setup.css';

const deviceRoles = ['counter-scanner', 'backoffice-scanner', 'receipt-printer', 'shelf-sensor', 'ignored'] as const;
type DeviceRole = (typeof deviceRoles)[number];
/** The zones this browser's Intl knows, offered as suggestions (any IANA zone Intl accepts is valid). */
const timeZoneChoices: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [defaultStoreTimeZone];

/**
 * First run: try the demo store, or give this station its store, HQ broker,
 * first admin and device roles. Fields IT's policy file sets are shown locked.
 */
export function SetupWizard({ status, onDemo }: { status: SetupStatus; onDemo(status: SetupStatus): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const [step, setStep] = useState<'welcome' | 'form' | 'join' | 'restarting'>('welcome');
  const [error, setError] = useState<ApiError | null>(null);

  const chooseDemo = async () => {
    const result = await client.call('setup.chooseDemo', {});
    if (result.ok) onDemo(result.value);
    else setError(result.error);
  };

  if (step === 'restarting') {
    return <StatePanel tone="loading" title={t('setup.restartingTitle')} testId="setup-restarting">{t('setup.restartingBody')}</StatePanel>;
  }
  if (step === 'form') return <SetupForm status={status} onBack={() => setStep('welcome')} onProvisioned={() => setStep('restarting')} />;
  if (step === 'join') return <JoinStoreForm status={status} onBack={() => setStep('welcome')} />;
  return (
    <section className="screen setup" aria-labelledby="setup-title" data-testid="setup-wizard">
      <h1 id="setup-title" className="screen__title">
        {t('setup.welcomeTitle')}
      </h1>
      <p className="setup__intro">{t('setup.welcomeBody')}</p>
      <div className="setup__choices">
        <button type="button" className="setup__choice button button--large" data-testid="setup-demo" onClick={() => void chooseDemo()}>
          <strong>{t('setup.demoTitle')}</strong>
          <span>{t('setup.demoBody')}</span>
        </button>
        <button type="button" className="setup__choice button button--primary button--large" data-testid="setup-store" onClick={() => setStep('form')}>
          <strong>{t('setup.storeTitle')}</strong>
          <span>{t('setup.storeBody')}</span>
        </button>
        <button type="button" className="setup__choice button button--large" data-testid="setup-join" onClick={() => setStep('join')}>
          <strong>{t('setup.joinTitle')}</strong>
          <span>{t('setup.joinBody')}</span>
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {errorText(error)}
        </p>
      ) : null}
    </section>
  );
}

function Field({ label, locked, children }: { label: string; locked: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span className="field__label">
        {label} {locked ? <span className="setup__locked">{t('setup.locked')}</span> : null}
      </span>
      {children}
    </label>
  );
}

function SetupForm({ status, onBack, onProvisioned }: { status: SetupStatus; onBack(): void; onProvisioned(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const isLocked = (field: string) => status.locked.includes(field);
  const [store, setStore] = useState(status.preset.store ?? '');
  const [station, setStation] = useState(status.preset.station ?? status.station);
  const [chain, setChain] = useState(status.preset.chain ?? '');
  const [timeZone, setTimeZone] = useState(status.preset.timeZone ?? defaultStoreTimeZone);
  const [withHq, setWithHq] = useState(true);
  const [hqUrl, setHqUrl] = useState(status.preset.hqUrl ?? '');
  const [hqUser, setHqUser] = useState(status.preset.hqUsername ?? '');
  const [hqPassword, setHqPassword] = useState('');
  const [adminId, setAdminId] = useState('');
  const [adminName, setAdminName] = useState('');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [roles, setRoles] = useState<Record<string, DeviceRole | ''>>({});
  const [error, setError] = useState<ApiError | { local: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pin !== pinAgain) return setError({ local: t('setup.pinMismatch') });
    if (!isIanaTimeZone(timeZone.trim())) return setError({ local: t('setup.badTimeZone', { zone: timeZone.trim() }) });
    setBusy(true);
    setError(null);
    const result = await client.call('setup.provision', {
      store: store.trim(),
      station: station.trim(),
      chain: chain.trim(),
      ...(isLocked('timeZone') ? {} : { timeZone: timeZone.trim() }),
      hq: withHq ? { url: hqUrl.trim(), ...(hqUser.trim() ? { username: hqUser.trim() } : {}), ...(hqPassword ? { password: hqPassword } : {}) } : null,
      admin: { id: adminId.trim(), name: adminName.trim(), pin },
      devices: Object.entries(roles).flatMap(([identity, role]) => (role ? [{ identity, role }] : [])),
    });
    setBusy(false);
    if (result.ok) onProvisioned();
    else setError(result.error);
  };

  return (
    <form className="screen setup setup-form" aria-labelledby="setup-form-title" data-testid="setup-form" onSubmit={(e) => void submit(e)}>
      <h1 id="setup-form-title" className="screen__title">
        {t('setup.formTitle')}
      </h1>
      <fieldset className="panel setup__section">
        <legend className="panel__title">{t('setup.storeSection')}</legend>
        <p className="muted">{t('setup.idHint')}</p>
        <Field label={t('setup.chain')} locked={isLocked('chain')}>
          <input className="orders-input" data-testid="setup-chain" required pattern="[A-Za-z0-9_\-]{1,64}" disabled={isLocked('chain')} value={chain} onChange={(e) => setChain(e.target.value)} />
        </Field>
        <Field label={t('setup.store')} locked={isLocked('store')}>
          <input className="orders-input" data-testid="setup-store-id" required pattern="[A-Za-z0-9_\-]{1,64}" disabled={isLocked('store')} value={store} onChange={(e) => setStore(e.target.value)} />
        </Field>
        <Field label={t('setup.station')} locked={isLocked('station')}>
          <input className="orders-input" data-testid="setup-station" required pattern="[A-Za-z0-9_\-]{1,64}" disabled={isLocked('station')} value={station} onChange={(e) => setStation(e.target.value)} />
        </Field>
        <Field label={t('setup.timeZone')} locked={isLocked('timeZone')}>
          <input className="orders-input" data-testid="setup-time-zone" required list="setup-time-zones" disabled={isLocked('timeZone')} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />
        </Field>
        <datalist id="setup-time-zones">
          {timeZoneChoices.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <p className="muted">{t('setup.timeZoneHint')}</p>
      </fieldset>
      <fieldset className="panel setup__section">
        <legend className="panel__title">{t('setup.hqSection')}</legend>
        <label className="setup__toggle">
          <input type="checkbox" data-testid="setup-offline" checked={!withHq} disabled={isLocked('hq.url')} onChange={(e) => setWithHq(!e.target.checked)} /> {t('setup.offline')}
        </label>
        {withHq ? (
          <>
            <Field label={t('setup.hqUrl')} locked={isLocked('hq.url')}>
              <input className="orders-input" data-testid="setup-hq-url" required placeholder="mqtts://hq.example.com:8883" disabled={isLocked('hq.url')} value={hqUrl} onChange={(e) => setHqUrl(e.target.value)} />
            </Field>
            <Field label={t('setup.hqUser')} locked={isLocked('hq.username')}>
              <input className="orders-input" data-testid="setup-hq-user" autoComplete="off" disabled={isLocked('hq.username')} value={hqUser} onChange={(e) => setHqUser(e.target.value)} />
            </Field>
            <Field label={t('setup.hqPassword')} locked={false}>
              <input className="orders-input" data-testid="setup-hq-password" type="password" autoComplete="new-password" value={hqPassword} onChange={(e) => setHqPassword(e.target.value)} />
            </Field>
            <p className="muted">{t(status.secretStorage === 'os-keychain' ? 'setup.secretKeychain' : 'setup.secretFile')}</p>
          </>
        ) : null}
      </fieldset>
      <fieldset className="panel setup__section">
        <legend className="panel__title">{t('setup.adminSection')}</legend>
        <Field label={t('setup.adminId')} locked={false}>
          <input className="orders-input" data-testid="setup-admin-id" required pattern="[A-Za-z0-9_\-]{1,64}" value={adminId} onChange={(e) => setAdminId(e.target.value)} />
        </Field>
        <Field label={t('setup.adminName')} locked={false}>
          <input className="orders-input" data-testid="setup-admin-name" required value={adminName} onChange={(e) => setAdminName(e.target.value)} />
        </Field>
        <Field label={t('setup.pin')} locked={false}>
          <input className="orders-input" data-testid="setup-pin" type="password" inputMode="numeric" required pattern="\d{4,8}" value={pin} onChange={(e) => setPin(e.target.value)} />
        </Field>
        <Field label={t('setup.pinAgain')} locked={false}>
          <input className="orders-input" data-testid="setup-pin-again" type="password" inputMode="numeric" required pattern="\d{4,8}" value={pinAgain} onChange={(e) => setPinAgain(e.target.value)} />
        </Field>
      </fieldset>
      <fieldset className="panel setup__section">
        <legend className="panel__title">{t('setup.devicesSection')}</legend>
        {status.devices.length === 0 ? (
          <p className="muted" data-testid="setup-no-devices">
            {t('setup.noDevices')}
          </p>
        ) : (
          <ul className="setup__devices">
            {status.devices.map((d) => (
              <li key={d.identity}>
                <span>
                  {d.product ?? d.path} <span className="muted code">{d.path}</span>
                </span>
                <select className="orders-input" aria-label={t('setup.roleFor', { device: d.product ?? d.path })} value={roles[d.identity] ?? ''} onChange={(e) => setRoles((r) => ({ ...r, [d.identity]: e.target.value as DeviceRole | '' }))}>
                  <option value="">{t('setup.noRole')}</option>
                  {deviceRoles.map((role) => (
                    <option key={role} value={role}>
                      {t(`setup.roles.${role}`)}
                    </option>
                  ))}
                </select>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      {error ? (
        <p className="form-error" role="alert" data-testid="setup-error">
          {'local' in error ? error.local : errorText(error)} {'local' in error ? null : <span className="muted">{error.message}</span>}
        </p>
      ) : null}
      <div className="order-actions">
        <button type="submit" className="button button--primary button--large" data-testid="setup-submit" disabled={busy}>
          {t('setup.submit')}
        </button>
        <button type="button" className="button button--large" onClick={onBack}>
          {t('setup.back')}
        </button>
      </div>
    </form>
  );
}

/**
 * "Join a store": this station pairs with the store's host. The code shows here
 * until a manager approves it on the host; the console then restarts as a
 * station of that store (setup.restarting), or hears why not (setup.pairing).
 */
function JoinStoreForm({ status, onBack }: { status: SetupStatus; onBack(): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const errorText = useErrorText();
  const [host, setHost] = useState(status.preset.stationHost ?? '');
  const [station, setStation] = useState(status.preset.station ?? status.station);
  const [pairing, setPairing] = useState<{ code: string; fingerprint256: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.event !== 'setup.pairing') return;
        setPairing(null);
        setError({ code: event.payload.code as ApiError['code'], message: event.payload.message });
      }),
    [client],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await client.call('setup.joinStore', { host: host.trim(), station: station.trim() });
    setBusy(false);
    if (result.ok) setPairing(result.value);
    else setError(result.error);
  };

  if (pairing) {
    return (
      <section className="screen setup" aria-labelledby="setup-pairing-title" data-testid="setup-pairing">
        <h1 id="setup-pairing-title" className="screen__title">
          {t('setup.pairingTitle')}
        </h1>
        <p className="setup__pairing-code" data-testid="setup-pairing-code" aria-live="polite">
          {pairing.code}
        </p>
        <p>{t('setup.pairingBody')}</p>
        <p className="muted">{t('setup.pairingExpires', { time: new Date(pairing.expiresAt).toLocaleTimeString() })}</p>
        <p className="muted code">{t('setup.pairingFingerprint', { fingerprint: pairing.fingerprint256 })}</p>
        <StatePanel tone="loading" title={t('setup.pairingWaiting')} testId="setup-pairing-waiting" />
      </section>
    );
  }
  return (
    <form className="screen setup setup-form" aria-labelledby="setup-join-title" data-testid="setup-join-form" onSubmit={(e) => void submit(e)}>
      <h1 id="setup-join-title" className="screen__title">
        {t('setup.joinFormTitle')}
      </h1>
      <fieldset className="panel setup__section">
        <Field label={t('setup.hostAddress')} locked={isLockedHost(status)}>
          <input className="orders-input" data-testid="setup-join-host" required placeholder="wss://192.168.1.10:4790" disabled={isLockedHost(status)} value={host} onChange={(e) => setHost(e.target.value)} />
        </Field>
        <p className="muted">{t('setup.hostHint')}</p>
        <Field label={t('setup.station')} locked={status.locked.includes('station')}>
          <input className="orders-input" data-testid="setup-join-station" required pattern="[A-Za-z0-9_\-]{1,64}" disabled={status.locked.includes('station')} value={station} onChange={(e) => setStation(e.target.value)} />
        </Field>
      </fieldset>
      {error ? (
        <p className="form-error" role="alert" data-testid="setup-join-error" data-code={error.code}>
          {t('setup.pairingRefused', { reason: errorText(error) })} <span className="muted">{error.message}</span>
        </p>
      ) : null}
      <div className="order-actions">
        <button type="submit" className="button button--primary button--large" data-testid="setup-join-submit" disabled={busy}>
          {t('setup.joinSubmit')}
        </button>
        <button type="button" className="button button--large" onClick={onBack}>
          {t('setup.back')}
        </button>
      </div>
    </form>
  );
}

/** IT's policy file names the host (stationLink.host): the wizard shows it, locked. */
const isLockedHost = (status: SetupStatus) => status.preset.stationHost !== undefined;

import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import type { SessionInfo, StaffInfo } from '../../../main/api/types';
import { useClient, useConnection } from '../api/client-context';
import { PinEntry } from './pin-entry';
import { StatePanel } from './state-panel';
import { ErrorPanel } from './error-panel';
import { FirstAdminForm, SetupCodeForm } from '../staff/first-sign-in-forms';

type StaffState = { status: 'loading' } | { status: 'ready'; staff: StaffInfo[] } | { status: 'error'; error: ApiError };

export function SignInScreen({ onSignedIn }: { onSignedIn(session: SessionInfo): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const connected = useConnection().status === 'connected';
  const [staffState, setStaffState] = useState<StaffState>({ status: 'loading' });
  const [chosen, setChosen] = useState<StaffInfo | null>(null);
  const [generation, setGeneration] = useState(0);
  const [firstAdmin, setFirstAdmin] = useState<'hidden' | 'offered' | 'open'>('hidden');
  const noStaff = staffState.status === 'ready' && staffState.staff.length === 0;

  // A store configured by environment or policy starts with no staff: its admin code makes the first admin.
  useEffect(() => {
    if (!connected || !noStaff) return;
    let current = true;
    void client.call('staff.firstAdminOffered', {}).then((result) => {
      if (current && result.ok && result.value.offered) setFirstAdmin((shown) => (shown === 'hidden' ? 'offered' : shown));
    });
    return () => {
      current = false;
    };
  }, [client, connected, noStaff]);

  useEffect(() => {
    if (!connected) return;
    let current = true;
    void client.call('staff.list', {}).then((result) => {
      if (current) setStaffState(result.ok ? { status: 'ready', staff: result.value } : { status: 'error', error: result.error });
    });
    return () => {
      current = false;
    };
  }, [client, connected, generation]);

  if (firstAdmin === 'open') return <FirstAdminForm onBack={() => setFirstAdmin('offered')} onSignedIn={onSignedIn} />;
  if (chosen?.awaitingCode) return <SetupCodeForm staff={chosen} onBack={() => setChosen(null)} onSignedIn={onSignedIn} />;
  if (chosen) return <PinEntry staff={chosen} onBack={() => setChosen(null)} onSignedIn={onSignedIn} />;

  return (
    <section className="screen sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title" className="screen__title">
        {t('signIn.chooseStaff')}
      </h1>
      {staffState.status === 'loading' ? (
        <StatePanel tone="loading" title={t('signIn.loadingStaff')} />
      ) : staffState.status === 'error' ? (
        <ErrorPanel error={staffState.error} onRetry={() => setGeneration((g) => g + 1)} />
      ) : staffState.staff.length === 0 ? (
        <StatePanel tone="empty" title={t('signIn.noStaff')}>
          {firstAdmin === 'offered' ? (
            <>
              <p>{t('signIn.firstAdminOffer')}</p>
              <button type="button" className="button button--primary button--large" data-testid="signin-first-admin" onClick={() => setFirstAdmin('open')}>
                {t('signIn.firstAdminStart')}
              </button>
            </>
          ) : null}
        </StatePanel>
      ) : (
        <ul className="staff-grid">
          {staffState.staff.map((member) => (
            <li key={member.id}>
              <button
                type="button"
                className="staff-tile"
                data-testid={`signin-staff-${member.id}`}
                onClick={() => setChosen(member)}
              >
                <span className="staff-tile__initials" aria-hidden="true">
                  {initials(member.name)}
                </span>
                <span className="staff-tile__name">{member.name}</span>
                <span className="role-badge">{t(`roles.${member.role}`)}</span>
                {member.awaitingCode ? <span className="muted">{t('signIn.needsCode')}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

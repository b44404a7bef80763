import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PairedStationInfo } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { useErrorText } from '../screens/error-text';
import { useFieldProblems } from '../forms/use-field-problems';

/** On the store's host: a manager pairs a new station by the code it shows, and revokes stations. */
export function StationsPanel() {
  const { t } = useTranslation();
  const client = useClient();
  const [stations, setStations] = useState<PairedStationInfo[] | null>(null);
  const [code, setCode] = useState('');
  const [notice, setNotice] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [hosting, setHosting] = useState(false);
  const fields = useFieldProblems<'code'>('pairing');
  const errorText = useErrorText();
  useEffect(() => {
    void client.call('stations.linkStatus', {}).then((result) => setHosting(result.ok && result.value.role === 'host'));
  }, [client]);
  useEffect(() => {
    let stale = false;
    const read = async () => {
      const result = await client.call('stations.list', {});
      if (!stale && result.ok) setStations(result.value);
    };
    void read();
    const unsubscribe = client.subscribe((event) => {
      if (event.event === 'stations.changed') void read();
    });
    return () => {
      stale = true;
      unsubscribe();
    };
  }, [client]);

  const approve = async (event: FormEvent) => {
    event.preventDefault();
    if (!fields.check({ code: { value: code, format: 'pairingCode' } })) return;
    const result = await client.call('stations.approvePairing', { code: code.trim() });
    if (result.ok) {
      setCode('');
      setNotice({ tone: 'ok', text: t('stations.approved', { station: result.value.station }) });
    } else setNotice({ tone: 'bad', text: errorText(result.error) });
  };
  const revoke = async (station: string) => {
    const result = await client.call('stations.revoke', { station });
    if (result.ok) setStations(result.value);
    else setNotice({ tone: 'bad', text: errorText(result.error) });
  };

  if (!hosting) return null;
  return (
    <section className="panel" data-testid="stations-panel">
      <h2 className="panel__title">{t('stations.title')}</h2>
      <p className="muted">{t('stations.intro')}</p>
      <form noValidate onSubmit={(event) => void approve(event)}>
        {fields.field('code', t('stations.code'), <input className="orders-input" inputMode="numeric" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} data-testid="pairing-code" />)}
        <button type="submit" className="button" data-testid="pairing-approve">
          {t('stations.approve')}
        </button>
      </form>
      {notice ? (
        <p className={`notice notice--${notice.tone}`} role="status" data-testid="stations-notice">
          {notice.text}
        </p>
      ) : null}
      {stations && stations.length === 0 ? <p className="muted">{t('stations.none')}</p> : null}
      <ul className="notices">
        {(stations ?? []).map((station) => (
          <li key={station.id} data-testid={`paired-station-${station.id}`}>
            <strong>{station.id}</strong> ·{' '}
            {station.revokedAt ? t('stations.revoked') : station.connected ? t('stations.connected') : t('stations.disconnected')}
            {station.revokedAt ? null : (
              <button type="button" className="button button--quiet" onClick={() => void revoke(station.id)}>
                {t('stations.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

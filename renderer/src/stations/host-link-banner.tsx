import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationLinkStatus } from '../../../main/api/types';
import { useClient } from '../api/client-context';

/** A paired station that lost its host says so, above every screen, until the link is back. */
export function HostLinkBanner() {
  const { t } = useTranslation();
  const client = useClient();
  const [status, setStatus] = useState<StationLinkStatus | null>(null);
  useEffect(() => {
    let stale = false;
    void client.call('stations.linkStatus', {}).then((result) => {
      if (!stale && result.ok) setStatus(result.value);
    });
    const unsubscribe = client.subscribe((event) => {
      if (event.event === 'stations.link') setStatus(event.payload);
    });
    return () => {
      stale = true;
      unsubscribe();
    };
  }, [client]);
  if (status?.role !== 'paired' || status.state === 'online') return null;
  return (
    <div className="notice notice--bad host-link-banner" role="alert" data-testid="host-lost">
      {t('stations.hostLost', { host: status.host ?? '' })}
    </div>
  );
}

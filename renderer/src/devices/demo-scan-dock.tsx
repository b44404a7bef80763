import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../api/client-context';
import { NoticeLine, type Notice } from './notice';

/**
 * The demo store's virtual scanner, reachable from every page: a scan fired here
 * goes through the simulated scanner's driver, so the page that is open (the pick
 * screen above all) hears it exactly as it hears a real scanner. On the Devices
 * page the full bench does the same.
 */
export function DemoScanDock() {
  const { t } = useTranslation();
  const client = useClient();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const code = text.trim();
    if (!code || busy) return;
    setBusy(true);
    const result = await client.call('dev.fireScan', { text: code });
    setBusy(false);
    if (!result.ok) return setNotice({ tone: 'bad', error: result.error });
    const scan = result.value;
    setText('');
    setNotice({ tone: 'ok', say: (tr) => tr('devices.dev.scanned', { device: scan.device, text: scan.text }) });
  };

  return (
    <aside className="scan-dock" aria-label={t('devices.dev.dockTitle')} data-testid="demo-scan-dock" data-open={open}>
      <button type="button" className="button scan-dock__toggle" aria-expanded={open} data-testid="demo-scan-dock-toggle" onClick={() => setOpen((o) => !o)}>
        {t('devices.dev.dockTitle')}
      </button>
      {open ? (
        <form className="scan-dock__form" onSubmit={(event) => void submit(event)}>
          <label className="field">
            <span className="field__label">{t('devices.dev.scanLabel')}</span>
            <input
              className="device-input"
              data-testid="demo-scan-dock-text"
              value={text}
              autoComplete="off"
              spellCheck={false}
              maxLength={256}
              onChange={(event) => setText(event.target.value)}
            />
          </label>
          <button type="submit" className="button button--primary" data-testid="demo-scan-dock-fire" disabled={busy || text.trim() === ''}>
            {t('devices.dev.scan')}
          </button>
          <NoticeLine notice={notice} testId="demo-scan-dock-notice" />
        </form>
      ) : null}
    </aside>
  );
}

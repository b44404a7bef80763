import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProcedureInput } from '../../../main/api/contract';
import type { DeviceScan, ShelfInfo } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import { formatWeight } from '../format/store-formats';
import { NoticeLine, type Notice } from './notice';
import { CustomerPhoneBench } from './customer-phone-bench';
import type { usePrinterPreview } from './device-queries';

type PrinterSwitches = { paperOut: boolean; coverOpen: boolean; offline: boolean };
const switchNames = ['paperOut', 'coverOpen', 'offline'] as const;
const heardKept = 5;

/**
 * The demo store's bench: fire a scan through the virtual scanner, break and
 * mend the virtual printer, read what it printed, put weight on the virtual shelves.
 */
export function DeveloperPanel({ preview, shelves, onShelvesChanged }: { preview: ReturnType<typeof usePrinterPreview>; shelves: ShelfInfo[]; onShelvesChanged(): void }) {
  const { t } = useTranslation();
  return (
    <section className="panel dev-panel" aria-labelledby="dev-title" data-testid="dev-panel">
      <div>
        <h2 id="dev-title" className="panel__title">
          {t('devices.dev.title')}
        </h2>
        <p className="muted panel__intro">{t('devices.dev.intro')}</p>
      </div>
      <div className="dev-panel__grid">
        <div className="dev-panel__column">
          <ScanBench />
          <PrinterBench />
          <ShelfBench shelves={shelves} onChanged={onShelvesChanged} />
          <CustomerPhoneBench />
        </div>
        <PrinterPreview preview={preview} />
      </div>
    </section>
  );
}

function ScanBench() {
  const { t } = useTranslation();
  const client = useClient();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [heard, setHeard] = useState<DeviceScan[]>([]);

  useEffect(
    () =>
      client.subscribe((event) => {
        if (event.event === 'device.scan') setHeard((current) => [event.payload, ...current].slice(0, heardKept));
      }),
    [client],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const code = text.trim();
    if (!code || busy) return;
    setBusy(true);
    const result = await client.call('dev.fireScan', { text: code });
    setBusy(false);
    if (!result.ok) return setNotice({ tone: 'bad', error: result.error });
    const scan = result.value;
    setNotice({ tone: 'ok', say: (t) => t('devices.dev.scanned', { device: scan.device, text: scan.text }) });
  };

  return (
    <form className="dev-bench" onSubmit={(event) => void submit(event)}>
      <h3 className="subpanel__title">{t('devices.dev.scanTitle')}</h3>
      <div className="dev-bench__row">
        <label className="visually-hidden" htmlFor="dev-scan-text">
          {t('devices.dev.scanLabel')}
        </label>
        <input
          id="dev-scan-text"
          className="device-input dev-bench__grow"
          data-testid="dev-scan-text"
          value={text}
          placeholder={t('devices.dev.scanLabel')}
          autoComplete="off"
          spellCheck={false}
          maxLength={256}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="button button--primary" data-testid="dev-scan-fire" disabled={busy || text.trim() === ''}>
          {t('devices.dev.scan')}
        </button>
      </div>
      <NoticeLine notice={notice} testId="dev-scan-notice" />
      {heard.length > 0 ? (
        <div>
          <p className="field__label">{t('devices.dev.heard')}</p>
          <ul className="dev-bench__heard" data-testid="dev-scans-heard">
            {heard.map((scan, i) => (
              <li key={`${i}-${scan.text}`} className="code">
                {scan.text} <span className="muted">· {scan.symbology ?? '—'} · {scan.device}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}

function PrinterBench() {
  const { t } = useTranslation();
  const client = useClient();
  const [switches, setSwitches] = useState<PrinterSwitches | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  // The switches as they stand, read once; each change answers with the new state.
  useEffect(() => {
    let current = true;
    void client.call('dev.printerState', {}).then((result) => {
      if (current && result.ok) setSwitches(result.value);
    });
    return () => {
      current = false;
    };
  }, [client]);

  const flip = async (name: (typeof switchNames)[number]) => {
    const change: ProcedureInput<'dev.setPrinter'> = {};
    change[name] = !switches?.[name];
    setBusy(true);
    const result = await client.call('dev.setPrinter', change);
    setBusy(false);
    if (result.ok) {
      setSwitches(result.value);
      setNotice(null);
    } else {
      setNotice({ tone: 'bad', error: result.error });
    }
  };

  return (
    <div className="dev-bench">
      <h3 className="subpanel__title">{t('devices.dev.printerTitle')}</h3>
      <div className="dev-bench__switches">
        {switchNames.map((name) => (
          <button
            key={name}
            type="button"
            role="switch"
            className="switch"
            aria-checked={switches?.[name] ?? false}
            data-testid={`dev-printer-${name}`}
            disabled={busy || switches === null}
            onClick={() => void flip(name)}
          >
            <span className="switch__track" aria-hidden="true">
              <span className="switch__thumb" />
            </span>
            {t(`devices.dev.${name}`)}
          </button>
        ))}
      </div>
      <NoticeLine notice={notice} testId="dev-printer-notice" />
    </div>
  );
}

function ShelfBench({ shelves, onChanged }: { shelves: ShelfInfo[]; onChanged(): void }) {
  const { t } = useTranslation();
  if (shelves.length === 0) return null;
  return (
    <div className="dev-bench">
      <h3 className="subpanel__title">{t('devices.dev.shelvesTitle')}</h3>
      <ul className="dev-bench__shelves">
        {shelves.map((shelf) => (
          <ShelfWeight key={shelf.sensorId} shelf={shelf} onChanged={onChanged} />
        ))}
      </ul>
    </div>
  );
}

function ShelfWeight({ shelf, onChanged }: { shelf: ShelfInfo; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [grams, setGrams] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const id = `dev-shelf-${shelf.sensorId}`;

  const send = async (value: number) => {
    setBusy(true);
    const result = await client.call('dev.setShelfWeight', { sensorId: shelf.sensorId, grams: value });
    setBusy(false);
    setNotice(result.ok ? { tone: 'ok', say: (t) => t('devices.dev.weightSent', { sensor: shelf.sensorId, grams: formatWeight(value, i18n.language) }) } : { tone: 'bad', error: result.error });
    onChanged();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = Number(grams.replace(',', '.'));
    if (grams.trim() !== '' && Number.isFinite(value)) void send(value);
  };

  return (
    <li>
      <form className="dev-bench__row" onSubmit={submit} data-testid={id}>
        <label className="field dev-bench__grow">
          <span className="field__label">
            {t('devices.dev.grams', { sensor: shelf.sensorId })} <span className="muted">· {shelf.name ?? shelf.sku}</span>
          </span>
          <input className="device-input" data-testid={`${id}-grams`} inputMode="decimal" value={grams} onChange={(event) => setGrams(event.target.value)} />
        </label>
        <button type="submit" className="button" data-testid={`${id}-set`} disabled={busy || grams.trim() === ''}>
          {t('devices.dev.setWeight')}
        </button>
        <button type="button" className="button" data-testid={`${id}-empty`} disabled={busy} onClick={() => void send(0)}>
          {t('devices.dev.empty')}
        </button>
      </form>
      <NoticeLine notice={notice} testId={`${id}-notice`} />
    </li>
  );
}

function PrinterPreview({ preview }: { preview: ReturnType<typeof usePrinterPreview> }) {
  const { t } = useTranslation();
  const receipts = preview.view.kind === 'ready' ? preview.view.value.receipts : [];
  const inProgress = preview.view.kind === 'ready' ? preview.view.value.inProgress : '';
  const labels = preview.view.kind === 'ready' ? (preview.view.value.labels ?? []) : [];
  const roll = useRef<HTMLDivElement>(null);
  const newest = receipts.at(-1) ?? '';
  // Newest last, as paper comes out of a printer: keep the end of the roll in view.
  useEffect(() => {
    roll.current?.scrollTo({ top: roll.current.scrollHeight });
  }, [newest, inProgress]);
  return (
    <div className="dev-bench">
      <h3 className="subpanel__title">{t('devices.dev.previewTitle')}</h3>
      <div ref={roll} className="receipt-roll" data-testid="dev-printer-preview" tabIndex={0} aria-label={t('devices.dev.previewTitle')}>
        {receipts.length === 0 && !inProgress.trim() ? <p className="muted">{t('devices.dev.previewEmpty')}</p> : null}
        {receipts.map((receipt, i) => (
          <pre key={i} className="receipt" data-testid="dev-receipt">
            {receipt}
          </pre>
        ))}
        {inProgress.trim() ? (
          <div>
            <p className="field__label">{t('devices.dev.inProgress')}</p>
            <pre className="receipt receipt--partial" data-testid="dev-receipt-in-progress">
              {inProgress}
            </pre>
          </div>
        ) : null}
      </div>
      {labels.length > 0 ? (
        <>
          <h3 className="subpanel__title">{t('devices.dev.labelsTitle')}</h3>
          <div className="receipt-roll" data-testid="dev-label-preview" tabIndex={0} aria-label={t('devices.dev.labelsTitle')}>
            {labels.map((label, i) => (
              <pre key={i} className="receipt" data-testid="dev-label">
                {label}
              </pre>
            ))}
          </div>
        </>
      ) : null}
    </div>
  );
}

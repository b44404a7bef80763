import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../main/api/types';
import { formatCount } from '../format/store-formats';
import { useHqLink } from '../sync/use-hq-link';
import { useDeadLetters } from '../sync/use-dead-letters';
import { useSecondsUntil } from '../time/use-seconds-until';
import { DeadLetterList } from './dead-letter-list';
import { DiagnosticsPanel } from './diagnostics-panel';
import { StatePanel } from './state-panel';
import { ErrorPanel } from './error-panel';
import { ProvisioningPanel } from '../sync/store-provisioning';

/** The HQ link in detail, and the messages from HQ that had to be set aside. */
export function SyncScreen() {
  const { t } = useTranslation();
  const link = useHqLink();
  const { view } = link;
  const deadLetters = useDeadLetters();

  return (
    <section className="screen sync" aria-labelledby="sync-title">
      <h1 id="sync-title" className="screen__title">
        {t('sync.title')}
      </h1>
      <section className="panel" aria-labelledby="sync-link-title">
        <h2 id="sync-link-title" className="panel__title">
          {t('sync.linkTitle')}
        </h2>
        {view.kind === 'linked' ? (
          <LinkFacts status={view.status} retryAt={view.retryAt} />
        ) : view.kind === 'not-configured' ? (
          <StatePanel tone="empty" title={t('sync.notConfiguredTitle')} testId="sync-not-configured">
            {t('sync.notConfiguredBody')}
          </StatePanel>
        ) : view.kind === 'error' ? (
          <ErrorPanel testId="sync-error" error={view.error} onRetry={link.reload} />
        ) : view.kind === 'unknown' ? (
          <StatePanel tone="empty" title={t('sync.unknownTitle')} />
        ) : (
          <StatePanel tone="loading" title={t('sync.loading')} testId="sync-loading" />
        )}
      </section>
      <ProvisioningPanel />
      <DeadLetterList deadLetters={deadLetters} />
      <DiagnosticsPanel />
    </section>
  );
}

function LinkFacts({ status, retryAt }: { status: SyncStatus; retryAt: number | null }) {
  const { t, i18n } = useTranslation();
  const seconds = useSecondsUntil(retryAt);
  const count = (value: number) => formatCount(value, i18n.language);
  return (
    <dl className="facts link-facts">
      <Fact label={t('sync.state')} testId="sync-state" value={status.state}>
        <span className="hq-state" data-state={status.state}>
          <span className="connection__dot" aria-hidden="true" />
          {t(`hq.states.${status.state}`)}
        </span>
      </Fact>
      <Fact label={t('hqDownlink.label')} testId="sync-downlink" value={status.downlinkStuck ? 'stuck' : 'flowing'} highlight={status.downlinkStuck}>
        <span className="hq-state" data-state={status.downlinkStuck ? 'stuck' : 'online'}>
          <span className="connection__dot" aria-hidden="true" />
          {status.downlinkStuck ? t('hqDownlink.stuck') : t('hqDownlink.flowing')}
        </span>
      </Fact>
      <Fact
        label={t('hqDownlink.deadLettersDropped')}
        testId="sync-dead-letters-dropped"
        value={status.deadLettersDropped}
        highlight={status.deadLettersDropped > 0}
      >
        {status.deadLettersDropped === 0
          ? t('hqDownlink.noneDropped')
          : t('hqDownlink.dropped', { count: status.deadLettersDropped, formatted: count(status.deadLettersDropped) })}
      </Fact>
      <Fact label={t('sync.backlog')} testId="sync-backlog" value={status.backlog} highlight={status.backlog > 0}>
        {count(status.backlog)}
      </Fact>
      <Fact label={t('sync.nextRetry')} testId="sync-next-retry" value={retryAt === null ? '' : seconds}>
        {retryAt === null ? t('sync.noRetry') : t('sync.inSeconds', { seconds })}
      </Fact>
      <Fact label={t('sync.lastAcked')} testId="sync-last-acked" value={status.lastAckedSeq}>
        {t('sync.seqNumber', { value: count(status.lastAckedSeq) })}
      </Fact>
      <Fact label={t('sync.lastSeq')} testId="sync-last-seq" value={status.lastSeq}>
        {t('sync.seqNumber', { value: count(status.lastSeq) })}
      </Fact>
      <Fact label={t('sync.applied')} testId="sync-applied" value={status.appliedDseq}>
        {t('sync.seqNumber', { value: count(status.appliedDseq) })}
      </Fact>
      <Fact label={t('sync.broker')} testId="sync-broker" value={status.broker} wide>
        <span className="code">{status.broker}</span>
      </Fact>
      <Fact label={t('sync.lastError')} testId="sync-last-error" value={status.lastError ?? ''} wide>
        {status.lastError === null ? <span className="muted">{t('sync.noError')}</span> : <span className="code">{status.lastError}</span>}
      </Fact>
    </dl>
  );
}

function Fact({
  label,
  testId,
  value,
  highlight = false,
  wide = false,
  children,
}: {
  label: string;
  testId: string;
  /** The raw value, for tests and tools: the text is formatted for the operator. */
  value: string | number;
  highlight?: boolean;
  wide?: boolean;
  children: ReactNode;
}) {
  const classes = ['facts__item', highlight ? 'facts__item--highlight' : '', wide ? 'facts__item--wide' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <dt>{label}</dt>
      <dd data-testid={testId} data-value={value}>
        {children}
      </dd>
    </div>
  );
}

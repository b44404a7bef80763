import { useTranslation } from 'react-i18next';
import type { ProvisioningStatus, SnapshotProgress } from '../../../main/api/types';
import { formatCount } from '../format/store-formats';
import { useHqLink } from './use-hq-link';

/** The store's loading from HQ, when its link tracks it (a store with an HQ link). */
export function useProvisioning(): ProvisioningStatus | null {
  const { view } = useHqLink();
  return view.kind === 'linked' ? view.status.provisioning : null;
}

/** How much of one snapshot is in, 0–1: by items when HQ said how many, else by chunks. */
function fraction(p: SnapshotProgress): number {
  if (p.done) return 1;
  if (p.items !== null && p.items > 0) return Math.min(1, p.itemsReceived / p.items);
  return p.chunks > 0 ? p.chunksReceived / p.chunks : 0;
}

function SnapshotRow({ kind, progress }: { kind: 'catalog' | 'stock'; progress: SnapshotProgress }) {
  const { t, i18n } = useTranslation();
  const count = (n: number) => formatCount(n, i18n.language);
  const state = progress.done ? 'done' : progress.chunksReceived > 0 ? 'loading' : 'waiting';
  const detail =
    state === 'done'
      ? t('provisioning.done', { version: progress.version ?? 0 })
      : state === 'waiting'
        ? t('provisioning.waiting')
        : [
            t('provisioning.chunks', { received: count(progress.chunksReceived), chunks: count(progress.chunks) }),
            progress.items === null
              ? t('provisioning.itemsNoTotal', { received: count(progress.itemsReceived) })
              : t('provisioning.items', { received: count(progress.itemsReceived), total: count(progress.items) }),
          ].join(' · ');
  return (
    <div className="provisioning__row" data-testid={`provisioning-${kind}`} data-state={state} data-chunks={`${progress.chunksReceived}/${progress.chunks}`}>
      <span className="provisioning__label">{t(`provisioning.${kind}`)}</span>
      <progress className="provisioning__bar" max={1} value={fraction(progress)} aria-label={t(`provisioning.${kind}`)} />
      <span className="provisioning__detail">{detail}</span>
    </div>
  );
}

/** Under the status bar while a store from zero loads its catalog and stock: every screen shows it. */
export function ProvisioningBanner() {
  const { t } = useTranslation();
  const provisioning = useProvisioning();
  if (!provisioning || provisioning.ready) return null;
  return (
    <div className="provisioning provisioning--banner" data-testid="provisioning-banner" role="status">
      <strong className="provisioning__title">{t('provisioning.bannerTitle')}</strong>
      <SnapshotRow kind="catalog" progress={provisioning.catalog} />
      <SnapshotRow kind="stock" progress={provisioning.stock} />
    </div>
  );
}

/** The Sync page's account of the store's loading from HQ, and whether HQ may route orders to it. */
export function ProvisioningPanel() {
  const { t } = useTranslation();
  const provisioning = useProvisioning();
  if (!provisioning) return null;
  return (
    <section className="panel" aria-labelledby="provisioning-title" data-testid="provisioning-panel" data-ready={provisioning.ready}>
      <h2 id="provisioning-title" className="panel__title">
        {t('provisioning.panelTitle')}
      </h2>
      <p className="muted">{t('provisioning.panelIntro')}</p>
      <p className="provisioning__readiness" data-testid="provisioning-ready" data-value={provisioning.ready}>
        {provisioning.ready ? t('provisioning.readyTitle') : t('provisioning.notReadyTitle')}
      </p>
      <div className="provisioning">
        <SnapshotRow kind="catalog" progress={provisioning.catalog} />
        <SnapshotRow kind="stock" progress={provisioning.stock} />
      </div>
    </section>
  );
}

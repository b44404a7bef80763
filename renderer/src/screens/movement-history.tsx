import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocationInfo, MovementInfo } from '../../../main/api/types';
import { useClient } from '../api/client-context';
import type { StoreQueryKey } from '../api/query-cache';
import { formatDateTime, formatQuantity } from '../format/store-formats';
import { plainT } from '../i18n/plain-t';
import { PagedVirtualList, usePagedQuery } from '../lists/paged-virtual-list';
import { movementActorText, movementReasonText, movementRefText } from '../lookup/movement-text';

const pageSize = 50;

/** A product's movements, newest first: read a page at a time by seq, drawn virtualised. */
export function MovementHistory({ sku, unit, locations }: { sku: string; unit: 'each' | 'g'; locations: ReadonlyMap<string, LocationInfo> }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const fetchPage = useCallback(
    async (beforeSeq: number | undefined) => {
      const result = await client.call('stock.history', { sku, limit: pageSize, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
      if (!result.ok) throw result.error;
      return result.value;
    },
    [client, sku],
  );
  // Keyed like a plain stock.history read (procedure, then an input naming the SKU), so stock.changed re-reads it.
  const queryKey: StoreQueryKey = ['stock.history', { sku, limit: pageSize, paged: true }];
  const list = usePagedQuery<MovementInfo>({ queryKey, pageSize, fetchPage, cursorOf: (m) => m.seq });
  const where = (code: string) => plainT(t)(`stock.locations.${code}`, { defaultValue: locations.get(code)?.name ?? code });
  return (
    <section className="history" aria-labelledby="history-title">
      <h3 id="history-title" className="stock__title">
        {t('history.title')}
      </h3>
      <PagedVirtualList
        list={list}
        testId="movement-list"
        label={t('history.listLabel')}
        rowHeight={52}
        height={320}
        itemKey={(m) => m.id}
        empty={<p className="muted" data-testid="movement-list-empty">{t('history.empty')}</p>}
        renderRow={(m) => (
          <div className="movement-row" data-testid="movement-row" data-seq={m.seq}>
            <span>{formatDateTime(m.at, i18n.language)}</span>
            <span>{t('history.fromTo', { from: where(m.from), to: where(m.to) })}</span>
            <span className="movement-row__qty" data-testid="movement-qty">{formatQuantity(m.qty, unit, i18n.language)}</span>
            <span className="movement-row__meta" data-testid="movement-reason" data-reason={m.reason}>
              {movementReasonText(t, m.reason)} · {movementActorText(t, m.staff)}
              {m.ref ? ` · ${movementRefText(t, m.ref)}` : ''}
              {m.batch ? ` · ${m.batch}` : ''}
            </span>
          </div>
        )}
      />
    </section>
  );
}

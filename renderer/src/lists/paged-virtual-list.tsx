import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../main/api/result';
import { useConnection } from '../api/client-context';
import type { StoreQueryKey } from '../api/query-cache';
import { ErrorPanel } from '../screens/error-panel';

/**
 * A long list read in pages by key (keyset: each page starts after the last item's cursor, so a
 * deep page costs what the first does) and drawn virtualised (only the rows in view are in the
 * DOM). Movements and the audit log page by a growing id; the document lists (receipts, counts,
 * transfers, returns) by a (date, id) cursor: `C` is whatever the procedure's `before` takes.
 *
 * `queryKey` is the cache key; its procedure name and input are what the core's change events
 * match (query-cache.ts), so an event naming the list's ids re-reads its pages.
 */
export interface PagedQuery<T, C = number> {
  queryKey: StoreQueryKey;
  pageSize: number;
  /** One page: the first when `after` is undefined; resolves to the items or throws the ApiError. */
  fetchPage(after: C | undefined): Promise<T[]>;
  /** The key the next page starts after (e.g. a movement's seq, or a document's date and id). */
  cursorOf(item: T): C;
  enabled?: boolean;
}

export function usePagedQuery<T, C = number>({ queryKey, pageSize, fetchPage, cursorOf, enabled = true }: PagedQuery<T, C>) {
  const connected = useConnection().status === 'connected';
  const query = useInfiniteQuery<T[], ApiError, { pages: T[][] }, StoreQueryKey, C | undefined>({
    queryKey,
    // TanStack cannot narrow a generic page param; it is only ever undefined or what cursorOf gave.
    queryFn: ({ pageParam }) => fetchPage(pageParam as C | undefined),
    initialPageParam: undefined,
    getNextPageParam: (last) => (last.length < pageSize ? undefined : cursorOf(last[last.length - 1]!)),
    enabled: connected && enabled,
  });
  const items = query.data?.pages.flat() ?? [];
  return { ...query, items };
}

export function PagedVirtualList<T, C = number>({
  list,
  itemKey,
  renderRow,
  rowHeight,
  height,
  label,
  empty,
  testId,
}: {
  list: ReturnType<typeof usePagedQuery<T, C>>;
  itemKey(item: T): string;
  renderRow(item: T, index: number): ReactNode;
  /** Estimated row height in px; rows are measured once drawn. */
  rowHeight: number;
  /** The scrolling area's height in px. */
  height: number;
  label: string;
  empty: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const { items, hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read fresh each render on purpose; nothing here is memoised
  const virtualizer = useVirtualizer({
    count: items.length + (hasNextPage ? 1 : 0),
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    getItemKey: (index) => (index < items.length ? itemKey(items[index]!) : '__more'),
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.length > 0 ? rows[rows.length - 1]!.index : -1;
  // The next page is asked for when its placeholder row scrolls into view (or near it).
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastShown >= items.length - 1) void fetchNextPage();
  }, [fetchNextPage, hasNextPage, isFetchingNextPage, items.length, lastShown]);

  if (list.status === 'pending') return <p className="muted paged-list__note">{t('lists.loading')}</p>;
  if (list.status === 'error') return <ErrorPanel testId={`${testId}-error`} error={list.error} onRetry={() => void list.refetch()} />;
  if (items.length === 0) return <>{empty}</>;
  return (
    <div ref={scroller} className="paged-list" style={{ height }} role="list" aria-label={label} data-testid={testId} data-loaded={items.length} tabIndex={0}>
      <div className="paged-list__space" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => (
          <div
            key={row.key}
            role="listitem"
            className="paged-list__row"
            data-index={row.index}
            ref={virtualizer.measureElement}
            style={{ transform: `translateY(${row.start}px)` }}
          >
            {row.index < items.length ? renderRow(items[row.index]!, row.index) : <span className="muted">{t('lists.loadingMore')}</span>}
          </div>
        ))}
      </div>
    </div>
  );
}

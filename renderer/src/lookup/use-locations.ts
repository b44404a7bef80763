import { useMemo } from 'react';
import type { LocationInfo } from '../../../main/api/types';
import { useStoreQuery } from '../api/use-store-query';

/** The store's locations by code, through the cache; empty until loaded (rows then show the bare code). */
export function useLocations(): ReadonlyMap<string, LocationInfo> {
  const { view } = useStoreQuery('locations.list', {});
  const list = view.kind === 'ready' ? view.value : null;
  return useMemo(() => new Map((list ?? []).map((location) => [location.code, location])), [list]);
}

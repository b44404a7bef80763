import { useEffect, useState } from 'react';
import type { LocationInfo } from '../../../main/api/types';
import { useClient } from '../api/client-context';

/** The store's locations by code; empty until loaded (rows then show the bare code). */
export function useLocations(): ReadonlyMap<string, LocationInfo> {
  const client = useClient();
  const [locations, setLocations] = useState<ReadonlyMap<string, LocationInfo>>(new Map());
  useEffect(() => {
    let current = true;
    void client.call('locations.list', {}).then((result) => {
      if (current && result.ok) setLocations(new Map(result.value.map((l) => [l.code, l])));
    });
    return () => {
      current = false;
    };
  }, [client]);
  return locations;
}

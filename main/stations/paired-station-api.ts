import type { CallRequest, CoreEvent, CoreEvents } from '../api/contract';
import type { SessionInfo, StaffInfo } from '../api/types';
import type { CoreApi } from '../compose-store';
import type { HostLink } from './host-link-client';
import { isPairedStationLocalEvent, runsOnPairedStation } from './station-events';

/** The local seat a paired station's own device calls are checked against: a mirror of its seat on the host. */
export interface MirroredSeat {
  signIn(member: StaffInfo): void;
  signOut(): void;
}

/**
 * A paired station's API as its screens see it. Its own scanners and printers
 * answer here (devices.*, printing.*: the station's local store, which holds
 * no stock); everything else is the host's, over the station link. Events:
 * the host's shared truth, plus this station's own device events.
 *
 * Who is signed in is the host's to say: the local seat copies the host's
 * answer for this station, so the access table is applied to device calls
 * with the same member as on the host.
 */
export function pairedStationApi({
  link,
  local,
  seat,
  printDocument,
}: {
  link: HostLink;
  local: CoreApi;
  seat: MirroredSeat;
  /** A document a command of this station printed on the host's side: it goes to this station's own printer. */
  printDocument(job: CoreEvents['printing.forStation']): void;
}): CoreApi {
  const mirror = (info: SessionInfo) => (info.staff ? seat.signIn(info.staff) : seat.signOut());
  // Lives as long as the link: a sign-in or sign-out at this station, or an idle sign-out on the host.
  link.api.subscribe((event) => {
    if (event.event === 'session.changed') mirror(event.payload);
    if (event.event === 'printing.forStation') printDocument(event.payload);
  });
  return {
    async call(request: CallRequest) {
      if (runsOnPairedStation(request.name)) return local.call(request);
      const result = await link.api.call(request);
      if (result.ok && (request.name === 'session.current' || request.name === 'session.signIn' || request.name === 'session.signOut')) mirror(result.value as SessionInfo);
      return result;
    },
    subscribe(listener: (event: CoreEvent) => void) {
      // The document itself is for the printer; the screens hear of it as this station's printing.changed.
      const fromHost = link.api.subscribe((event) => event.event !== 'printing.forStation' && listener(event));
      const fromHere = local.subscribe((event) => {
        if (isPairedStationLocalEvent(event)) listener(event);
      });
      return () => {
        fromHost();
        fromHere();
      };
    },
  };
}

// The store's calendar: which store day an instant falls on, and when a store day begins, in the
// store's own IANA time zone (set at provisioning). "Per day" means the store's day, not UTC's:
// an order at 23:30 in Madrid belongs to that evening, not to the next UTC date.

export interface StoreDays {
  /** The store's IANA time zone, e.g. Europe/Madrid. */
  readonly timeZone: string;
  /** The store day (YYYY-MM-DD) an instant falls on. */
  dayOf(instant: Date | string | number): string;
  /** The instant a store day (YYYY-MM-DD) begins. */
  startOf(day: string): Date;
  /** The store day after this one. */
  nextDay(day: string): string;
}

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function createStoreDays(timeZone: string): StoreDays {
  // Throws a RangeError for a zone Intl does not know: the caller validated it (timeZoneSchema).
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const fields = (ms: number) => {
    const out: Record<string, number> = {};
    for (const p of parts.formatToParts(ms)) if (p.type !== 'literal') out[p.type] = Number(p.value);
    return out as { year: number; month: number; day: number; hour: number; minute: number; second: number };
  };
  /** Local wall-clock time minus UTC, at this instant. */
  const offsetAt = (ms: number) => {
    const f = fields(ms);
    return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - (ms - (((ms % 1000) + 1000) % 1000));
  };
  const parseDay = (day: string) => {
    const m = dayPattern.exec(day);
    if (!m) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
    return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  };
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    timeZone,
    dayOf(instant) {
      const f = fields(new Date(instant).getTime());
      return `${f.year}-${pad(f.month)}-${pad(f.day)}`;
    },
    startOf(day) {
      const wall = parseDay(day);
      // Two passes: the offset at the first guess may be the other side of a DST change.
      let at = wall - offsetAt(wall);
      at = wall - offsetAt(at);
      return new Date(at);
    },
    nextDay(day) {
      const next = new Date(parseDay(day) + 86_400_000);
      return `${next.getUTCFullYear()}-${pad(next.getUTCMonth() + 1)}-${pad(next.getUTCDate())}`;
    },
  };
}

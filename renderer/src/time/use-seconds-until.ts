import { useEffect, useState } from 'react';

/** Whole seconds left until `at` (a Date.now() time), ticking while there is one; 0 without. */
export function useSecondsUntil(at: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const tick = () => setNow(Date.now());
    // `now` is from the last tick, which may be long ago when `at` keeps changing
    // (a link retrying every few hundred ms): refresh it at once, then tick.
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, 500);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [at]);
  return at === null ? 0 : Math.max(0, Math.ceil((at - now) / 1000));
}

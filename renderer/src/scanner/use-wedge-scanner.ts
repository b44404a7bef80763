import { useEffect, useRef } from 'react';
import { createWedgeDetector } from './wedge-detector';
import { groupSeparator, wedgeKey } from './wedge-keys';

// A wedge types faster than any person: keys averaging under 30 ms apart; a
// longer pause ends the burst. Shortest product code we read is EAN-8.
export const wedgeTiming = { maxAvgIntervalMs: 30, minLength: 6, endGapMs: 60 } as const;

export interface WedgeHandlers {
  /** A burst may be starting: remember what the focused field held before it. */
  onBurstStart(): void;
  onScan(text: string): void;
}

/**
 * Listens to every keystroke on the page, focused field or not, and reports a
 * fast burst ending in Enter as a scan. Runs in the capture phase so the scan's
 * Enter never reaches the field (it would submit the burst as typed text).
 */
export function useWedgeScanner(enabled: boolean, handlers: WedgeHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    if (!enabled) return;
    const detector = createWedgeDetector(wedgeTiming);
    let lastKeyAt = Number.NEGATIVE_INFINITY;
    const onKeyDown = (event: KeyboardEvent) => {
      const key = wedgeKey(event);
      if (key === null) return;
      const at = event.timeStamp;
      const startsBurst = key !== 'Enter' && at - lastKeyAt > wedgeTiming.endGapMs;
      lastKeyAt = at;
      if (key === groupSeparator) event.preventDefault(); // Ctrl+] is data here, not a browser shortcut
      const verdict = detector.push({ key, at });
      if (verdict.type === 'scan') {
        if (key === 'Enter') {
          event.preventDefault();
          event.stopPropagation();
        }
        // The field goes back to its value from before the burst, which is also
        // the right starting point should this key begin a new one.
        latest.current.onScan(verdict.text);
      } else if (startsBurst) {
        latest.current.onBurstStart();
      }
    };
    // Keys typed elsewhere while the window was in the background are no part of a burst here.
    const forget = () => detector.reset();
    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('blur', forget);
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('blur', forget);
    };
  }, [enabled]);
}

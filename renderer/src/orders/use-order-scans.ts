import { useEffect, useRef } from 'react';
import { useClient } from '../api/client-context';
import { useWedgeScanner } from '../scanner/use-wedge-scanner';

/**
 * Scans for the active orders screen: bursts from a keyboard wedge and
 * 'device.scan' events from serial/HID scanners, both handed to `onScan` with
 * the symbology the scanner named (a wedge's AIM identifier stays in its text).
 * A wedge burst that landed in a focused field is taken back out of it.
 */
export function useOrderScans(enabled: boolean, onScan: (code: string, symbology: string | null) => void): void {
  const client = useClient();
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  });
  const before = useRef<{ field: HTMLInputElement; value: string } | null>(null);

  useWedgeScanner(enabled, {
    onBurstStart: () => {
      const field = document.activeElement;
      before.current = field instanceof HTMLInputElement ? { field, value: field.value } : null;
    },
    onScan: (code) => {
      if (before.current) restoreField(before.current.field, before.current.value);
      before.current = null;
      latest.current(code, null);
    },
  });

  useEffect(() => {
    if (!enabled) return;
    return client.subscribe((event) => {
      if (event.event === 'device.scan') latest.current(event.payload.text, event.payload.symbology);
    });
  }, [client, enabled]);
}

/** Sets a React-controlled input's value the way typing would, so its state follows. */
function restoreField(field: HTMLInputElement, value: string): void {
  if (field.value === value || field.type === 'checkbox') return;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

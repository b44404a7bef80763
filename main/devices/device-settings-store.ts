import type { Db } from '../kernel/db/open-ledger';
import { deviceSettingsSchema, type DeviceSettings } from './device-identity';

const prefix = 'device:';

/** Device settings live in the ledger's settings table, keyed by device identity. */
export function createDeviceSettingsStore(db: Db, log: (e: Record<string, unknown>) => void = () => {}) {
  const get = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const all = db.prepare("SELECT key, value FROM settings WHERE key LIKE 'device:%'");
  const parse = (identity: string, json: string): DeviceSettings | null => {
    const parsed = deviceSettingsSchema.safeParse(JSON.parse(json));
    if (!parsed.success) log({ level: 'warn', msg: 'ignoring invalid device settings', identity });
    return parsed.success ? parsed.data : null;
  };
  return {
    get(identity: string): DeviceSettings | null {
      const json = get.get(prefix + identity) as string | undefined;
      return json === undefined ? null : parse(identity, json);
    },
    set(identity: string, settings: DeviceSettings): void {
      set.run(prefix + identity, JSON.stringify(deviceSettingsSchema.parse(settings)));
    },
    /** Identities with settings, for devices discovery cannot list (a pty, a fixed /dev path). */
    configured(): { identity: string; settings: DeviceSettings }[] {
      return (all.all() as { key: string; value: string }[]).flatMap(({ key, value }) => {
        const settings = parse(key.slice(prefix.length), value);
        return settings ? [{ identity: key.slice(prefix.length), settings }] : [];
      });
    },
  };
}
export type DeviceSettingsStore = ReturnType<typeof createDeviceSettingsStore>;

import { readdirSync, readFileSync } from 'node:fs';
import { startMosquitto } from '../../helpers/mosquitto';

/**
 * What a chain's Mosquitto needs beyond the test defaults (later lines override earlier ones).
 * Each store station holds one connection, so one file descriptor: the broker's `ulimit -n`
 * (systemd: LimitNOFILE) must exceed the stations plus HQ's consumers.
 */
export const chainBrokerConfig = [
  'max_connections -1',
  // Per client, messages in flight to it. The default (20) caps a shared-subscription consumer at
  // 20 messages per round trip: at 1,000 stores that is HQ's ceiling the moment its loop stalls.
  'max_inflight_messages 1000',
  // Per client, messages queued behind those. A consumer that falls behind must not drop a chain's events.
  'max_queued_messages 100000',
  // Persistence rewrites every session: once a second for 1,000 stores is work for nothing.
  'autosave_interval 30',
];

export async function startChainBroker() {
  const broker = await startMosquitto({ extraConfig: chainBrokerConfig });
  const pid = findPid(`${broker.dir}/mosquitto.conf`);
  return { ...broker, pid };
}

/** The broker helper does not expose its pid; its config path is unique to it. */
function findPid(confPath: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(confPath)) return Number(entry);
    } catch {
      // gone, or not ours to read
    }
  }
  return null;
}

/** Resident memory of a process, in bytes (0 if it is gone). */
export function rssOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return line ? Number(line[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of /proc/PID/stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The soft limit on open files for this process (the broker it spawns inherits it). */
export function openFileLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8').match(/^Max open files\s+(\S+)/m);
  return !line || line[1] === 'unlimited' ? Infinity : Number(line[1]);
}

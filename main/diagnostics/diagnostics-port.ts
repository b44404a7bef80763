import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from '../kernel/db/open-ledger';
import { notConfigured } from '../kernel/not-configured';
import { writeDiagnostics } from './write-diagnostics';

/** The diagnostics zip for IT. */
export interface DiagnosticsPort {
  /** Writes the zip to `outFile`, or to the data folder's diagnostics/ with a dated name. */
  save(outFile?: string): Promise<{ file: string; bytes: number }>;
}

/** Without a data folder and logs to collect there is nothing to zip. */
export const diagnosticsNotConfigured: DiagnosticsPort = {
  save: async () => notConfigured('a data folder to collect diagnostics from'),
};

export interface DiagnosticsOptions {
  /** The data folder: logs/ is collected from it, and diagnostics/ is written into it. */
  userDataDir: string;
  env: NodeJS.ProcessEnv;
  /** The configuration as this process resolved it; writeDiagnostics removes the secrets. */
  resolvedConfig: { store: string; station: string };
}

export function createDiagnostics(db: Db, { userDataDir, env, resolvedConfig }: DiagnosticsOptions): DiagnosticsPort {
  return {
    save(outFile) {
      const at = new Date();
      const file = outFile ?? join(userDataDir, 'diagnostics', `mostrador-${resolvedConfig.store}-${resolvedConfig.station}-${at.toISOString().replace(/[:.]/g, '-')}.zip`);
      mkdirSync(dirname(file), { recursive: true });
      const environment = Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith('MOSTRADOR_')));
      return writeDiagnostics({ db, config: { store: resolvedConfig, environment }, logDir: join(userDataDir, 'logs'), outFile: file, now: at });
    },
  };
}

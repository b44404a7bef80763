import type { ErrorCode } from '../api/result';

/** A refusal the core explains to the operator; anything else thrown is a bug (INTERNAL). */
export class StoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/**
 * A refusal whose own record must stand: what the command wrote before refusing
 * (a wrong handover code counted against its order) commits, though the command
 * did not happen. Thrown before the command changes anything else.
 */
export class CommittedRefusal extends StoreError {}

/** The ledger file was written by a newer build; opening it could damage it. */
export class LedgerTooNewError extends Error {
  constructor(
    readonly file: string,
    readonly found: number[],
    readonly known: number,
  ) {
    super(
      `The ledger ${file} was written by a newer version of Mostrador (schema ${Math.max(...found)}; ` +
        `this build knows up to ${known}). It was not opened, so nothing in it was changed. ` +
        `Update Mostrador on this station, or restore a backup made by this version.`,
    );
    this.name = 'LedgerTooNewError';
  }
}

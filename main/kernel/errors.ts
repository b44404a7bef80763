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

/** Where staff and IT find what to do with a ledger that cannot be trusted. */
export const restoreSteps = 'docs/deploy.md, "Restoring a damaged or lost ledger"';

/** The ledger failed SQLite's integrity check (or is not a SQLite file at all); writing to it could lose more. */
export class LedgerDamagedError extends Error {
  constructor(
    readonly file: string,
    /** What SQLite found, as it said it. */
    readonly finding: string,
  ) {
    super(
      `The ledger ${file} is damaged (${finding}). It was not opened, so nothing more was written to it. ` +
        `Restore the last good backup: see ${restoreSteps}.`,
    );
    this.name = 'LedgerDamagedError';
  }
}

/**
 * The ledger file is another ledger than the one config.json names (another store's, or another
 * station's restored by mistake): opening it would report its movements to HQ as this store's.
 */
export class LedgerMismatchError extends Error {
  constructor(
    readonly file: string,
    /** The id config.json recorded for this store's ledger. */
    readonly ledgerId: string,
    /** The id the file carries. */
    readonly foundId: string,
  ) {
    super(
      `The ledger ${file} is not this store's: it carries the id ${foundId}, and this store's ledger ` +
        `(recorded in config.json) is ${ledgerId}. It was not opened, so nothing was written to it. ` +
        `Put this store's ledger back, or restore its last good backup: see ${restoreSteps}.`,
    );
    this.name = 'LedgerMismatchError';
  }
}

/** config.json says this store's ledger was created, but the file is gone or empty: a new one would hide the loss. */
export class LedgerLostError extends Error {
  constructor(
    readonly file: string,
    readonly ledgerId: string,
    readonly state: 'missing' | 'empty',
  ) {
    super(
      `The ledger ${file} is ${state === 'missing' ? 'missing' : 'empty (0 bytes)'}, but this store's ledger ` +
        `(id ${ledgerId}, recorded in config.json) was created before. A new, empty ledger was not started in its ` +
        `place. Restore the last good backup: see ${restoreSteps}.`,
    );
    this.name = 'LedgerLostError';
  }
}

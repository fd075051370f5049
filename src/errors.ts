// Errors with a stable `code` (the contract's error records carry it) and a message that shows what was found.

/** The command line was wrong: exit 2, nothing analysed. */
export class UsageError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One input could not be analysed: it becomes an error record, and the batch goes on. */
export class InputError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'InputError';
  }
}

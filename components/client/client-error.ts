import type { ErrorCode } from '../../protocol/errors.js';

/** A command the relay refused, or one that could not be delivered. */
export class ClientError extends Error {
  constructor(
    readonly code: ErrorCode | 'connection-closed',
    message: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

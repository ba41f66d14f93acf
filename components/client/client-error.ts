import type { ErrorCode } from '../../protocol/errors.js';

/** Refusals of the relay's HTTP file routes, and uploads that did not finish (C7). */
export type UploadErrorCode = 'upload-failed' | 'upload-aborted' | 'file-too-large' | 'file-type-refused' | 'quota-exceeded' | 'too-many-files';

/** A command the relay refused, or one that could not be delivered. */
export class ClientError extends Error {
  constructor(
    readonly code: ErrorCode | UploadErrorCode | 'connection-closed',
    message: string,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

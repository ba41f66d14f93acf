/**
 * Stable error codes carried by `error` events. Clients may switch on them;
 * the human-readable message beside them may change.
 */
export const errorCodes = [
  'bad-json',
  'invalid-message',
  'version-mismatch',
  'hello-required',
  'already-connected',
  'token-invalid',
  'token-expired',
  'forbidden',
  'queue-unknown',
  'queue-closed',
  'duplicate-id',
  'queue-not-allowed',
  'already-waiting',
  'not-waiting',
  'not-signed-in',
  'offer-unknown',
  'request-unknown',
  'request-pending',
  'no-agent-available',
  'reason-unknown',
  'agent-removed',
  'at-capacity',
  'active-conversations',
  'customer-unavailable',
  'queue-empty',
  'conversation-unknown',
  'conversation-ended',
  'not-participant',
  'frame-too-large',
  'choice-unknown',
  'choice-answered',
  'attachment-unknown',
  'attachments-off',
  'rate-limited',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** Limits shared by the relay (which enforces them) and the elements (which show them). */
export const limits = {
  /** Characters in one chat message, after trimming. */
  messageLength: 1000,
  /** Characters in a display name. */
  nameLength: 80,
  /** Bytes in one WebSocket frame from a client. */
  frameBytes: 16 * 1024,
  /** Characters in a client-made command id. */
  commandIdLength: 64,
  /** Queues one agent may serve at once. */
  queuesPerAgent: 50,
} as const;

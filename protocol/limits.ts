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
  /** Files attached to one message (C7). */
  attachmentsPerMessage: 5,
  /** Characters in a file name. */
  fileNameLength: 200,
  /** Options of a choice menu (C6). */
  choicesMin: 2,
  choicesMax: 10,
  /** Characters in one option of a choice menu. */
  choiceLength: 100,
  /** Pre-chat answers a customer may bring (C4). */
  answers: 20,
  /** Characters in a URL or a browser description a widget sends about its page. */
  pageInfoLength: 2000,
  /** Characters of one WebRTC session description (V1); fits a frame. */
  sdpLength: 12 * 1024,
  /** Canned responses per queue (C5). */
  cannedResponses: 500,
  /** Conversations one hello may name to resume from where it stopped (R2). */
  resumeStreams: 100,
  /** Questions in a queue's pre-chat survey (W1). */
  surveyFields: 10,
  /** Choices of one survey select. */
  surveyOptions: 50,
  /** Characters in one survey answer (a textarea's; shorter for other fields). */
  surveyAnswerLength: 1000,
} as const;

/** Bumped on every incompatible change of the wire contract. */
export const PROTOCOL_VERSION = 2;

/** The WebSocket endpoint on the relay. */
export const WS_PATH = '/ws';

import type { Actor } from '../domain/model.js';
import type { RateLimiter } from './rate-limit.js';

/** What uWS keeps per socket; copied out of the upgrade request synchronously. */
export interface SocketData {
  origin: string;
  /** The peer's address, as counted against `maxConnectionsPerAddress`. */
  address: string;
  actor?: Actor;
  /** When the agent's token expires (ms): the session ends then. */
  expiresAt?: number;
  limiter: RateLimiter;
  closed: boolean;
}

/** How long the client waits on the relay, in milliseconds. */
export interface WatchTimings {
  /** Silence after which the client asks the relay whether the connection still lives. */
  quietMs: number;
  /** Time the relay has to answer that question before the connection counts as dead. */
  answerMs: number;
  /** Time a new connection has to open and be welcomed. */
  handshakeMs: number;
}

export const defaultWatchTimings: WatchTimings = { quietMs: 20_000, answerMs: 10_000, handshakeMs: 15_000 };

export interface WatchedConnection {
  /** Whether the relay has welcomed this connection, so it may be asked. */
  isOpen(): boolean;
  /** Asks the relay to answer anything at all. */
  probe(): void;
  /** Gives the connection up, so a new one is made. */
  giveUp(): void;
}

/**
 * Tells a dead connection from a quiet one. A page cannot see the relay's WebSocket pings, and a
 * lost network path can leave a socket looking open for minutes: after a quiet spell the client
 * asks, and a connection that stays silent after the question, or never finishes its handshake,
 * is given up.
 */
export class ConnectionWatch {
  readonly #timings: WatchTimings;
  readonly #now: () => number;
  #connection?: WatchedConnection;
  #since = 0;
  #lastHeard = 0;
  #askedAt?: number;
  #timer?: ReturnType<typeof setInterval>;

  constructor(timings: Partial<WatchTimings> = {}, now: () => number = Date.now) {
    this.#timings = { ...defaultWatchTimings, ...timings };
    this.#now = now;
  }

  /** Watches a new connection from now on, instead of any earlier one. */
  watch(connection: WatchedConnection): void {
    this.stop();
    this.#connection = connection;
    this.#since = this.#lastHeard = this.#now();
    const { quietMs, answerMs, handshakeMs } = this.#timings;
    this.#timer = setInterval(() => this.check(), Math.max(50, Math.min(quietMs, answerMs, handshakeMs) / 4));
  }

  /** Anything arrived from the relay. */
  heard(): void {
    this.#lastHeard = this.#now();
    this.#askedAt = undefined;
  }

  /** Asks at once, as when the network just came back: a socket from before may be dead. */
  askNow(): void {
    if (!this.#connection?.isOpen() || this.#askedAt !== undefined) return;
    this.#askedAt = this.#now();
    this.#connection.probe();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#connection = undefined;
    this.#askedAt = undefined;
  }

  check(): void {
    const connection = this.#connection;
    if (!connection) return;
    const now = this.#now();
    const { quietMs, answerMs, handshakeMs } = this.#timings;
    if (!connection.isOpen()) {
      if (now - this.#since > handshakeMs) this.#giveUp(connection);
    } else if (this.#askedAt !== undefined) {
      if (now - this.#askedAt > answerMs) this.#giveUp(connection);
    } else if (now - this.#lastHeard > quietMs) {
      this.askNow();
    }
  }

  #giveUp(connection: WatchedConnection): void {
    this.stop();
    connection.giveUp();
  }
}

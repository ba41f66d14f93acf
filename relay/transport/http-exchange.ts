import { STATUS_CODES } from 'node:http';
import type { HttpResponse } from './native-uws.js';

export type Headers = ReadonlyArray<readonly [string, string]>;

/** `201 Created`: the status line uWS writes, with Node's standard reason phrases. */
export const statusLine = (status: number): string => `${status} ${STATUS_CODES[status] ?? ''}`.trim();

/**
 * One HTTP request answered later than its handler returns: knows whether the client is still
 * there, corks every write, and adds the headers all its answers share (CORS).
 */
export class HttpExchange {
  #aborted = false;
  #answered = false;
  readonly #abortHooks: Array<() => void> = [];

  constructor(
    readonly res: HttpResponse,
    readonly headers: Headers = [],
  ) {
    res.onAborted(() => {
      this.#aborted = true;
      for (const hook of this.#abortHooks) hook();
    });
  }

  /** Neither answered nor abandoned by the client. */
  get open(): boolean {
    return !this.#aborted && !this.#answered;
  }

  onAbort(hook: () => void): void {
    this.#abortHooks.push(hook);
  }

  /** For answers written elsewhere (streamed bodies) once they are complete. */
  markAnswered(): void {
    this.#answered = true;
  }

  /**
   * Answers with a JSON body. `close` ends the connection afterwards: for refusals made before
   * the request body was read, so a client still sending is not left streaming into nothing.
   */
  json(status: number, body: unknown, options: { close?: boolean; headers?: Headers } = {}): void {
    if (!this.open) return;
    this.#answered = true;
    this.res.cork(() => {
      this.writeHead(status, [['content-type', 'application/json'], ['cache-control', 'no-store'], ...(options.headers ?? [])]);
      this.res.end(JSON.stringify(body), options.close ?? false);
    });
  }

  /** Status line and headers; the caller writes the body in the same cork. */
  writeHead(status: number, headers: Headers): void {
    this.res.writeStatus(statusLine(status));
    for (const [key, value] of [...this.headers, ...headers]) this.res.writeHeader(key, value);
  }
}

import type { HttpResponse } from './native-uws.js';

/**
 * Reads a request body up to `limit` bytes, copying each chunk as uWS hands it over (its buffers
 * are only valid during the callback). Resolves undefined when the client went away or sent too much.
 */
export function readBody(res: HttpResponse, limit: number): Promise<Buffer | 'too-large' | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    res.onAborted(() => {
      done = true;
      resolve(undefined);
    });
    res.onData((chunk, isLast) => {
      if (done) return;
      size += chunk.byteLength;
      if (size > limit) {
        done = true;
        resolve('too-large');
        return;
      }
      chunks.push(Buffer.from(chunk.slice(0)));
      if (isLast) {
        done = true;
        resolve(Buffer.concat(chunks));
      }
    });
  });
}

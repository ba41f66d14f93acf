import type { Readable } from 'node:stream';
import type { Headers, HttpExchange } from './http-exchange.js';

/**
 * Sends `size` bytes from `stream` as the answer, holding the stream while the client's socket is
 * full (uWS's tryEnd/onWritable): a large file never sits in memory whole. uWS writes the
 * Content-Length itself from `size`.
 */
export function streamAnswer(exchange: HttpExchange, status: number, headers: Headers, stream: Readable, size: number): void {
  const { res } = exchange;
  if (size === 0) {
    stream.destroy();
    res.cork(() => {
      exchange.writeHead(status, headers);
      res.end();
    });
    return exchange.markAnswered();
  }
  let headWritten = false;
  /** The chunk the socket did not take all of, and the write offset where it began. */
  let held: { chunk: Buffer; offset: number } | undefined;

  const finish = () => {
    exchange.markAnswered();
    stream.destroy();
  };
  exchange.onAbort(() => stream.destroy());

  stream.on('data', (chunk: Buffer) => {
    if (!exchange.open) return void stream.destroy();
    res.cork(() => {
      if (!headWritten) exchange.writeHead(status, headers);
      headWritten = true;
      const offset = res.getWriteOffset();
      const [ok, done] = res.tryEnd(chunk, size);
      if (done) return finish();
      if (!ok) {
        held = { chunk, offset };
        stream.pause();
      }
    });
  });

  res.onWritable((offset) => {
    if (!held) return true;
    const [ok, done] = res.tryEnd(held.chunk.subarray(offset - held.offset), size);
    if (done) finish();
    else if (ok) {
      held = undefined;
      stream.resume();
    }
    return ok;
  });

  // The file ended early or could not be read: the client must not wait for bytes that never come.
  const cutShort = (error?: Error) => {
    if (!exchange.open) return;
    if (error) console.error(`tiski relay: reading a stored file failed: ${error.message}`);
    exchange.markAnswered();
    res.close();
  };
  stream.on('error', cutShort);
  stream.on('end', () => cutShort());
}

import type { FileUpload } from '../files/file-store.js';
import { TypeSniffer } from '../files/sniff.js';
import type { HttpExchange } from './http-exchange.js';

export interface UploadLimits {
  /** The configured largest file. */
  maxFileBytes: number;
  /** What the request's Content-Length announced (and the store reserved). */
  declaredBytes: number;
  types: readonly string[];
}

export type Received =
  | { ok: true; type: string; size: number }
  | { ok: false; status: 400 | 413 | 415 | 500; code: string; message: string };

/**
 * Feeds the request body to `upload`, copying each chunk (uWS reuses its buffers after the
 * callback), and stops at the first byte past the limit or as soon as the content is known to be
 * of a refused type. The socket is paused while the disk is behind. Never settles when the
 * client goes away: the exchange's abort hooks clean up then.
 */
export function receiveFile(exchange: HttpExchange, upload: FileUpload, limits: UploadLimits): Promise<Received> {
  const { res } = exchange;
  return new Promise((resolve) => {
    const sniffer = new TypeSniffer();
    let size = 0;
    let settled = false;
    let diskWaits = 0;
    const settle = (received: Received) => {
      if (settled) return;
      settled = true;
      // A refusal is answered at once, and a paused socket would hold the answer back.
      if (diskWaits > 0 && exchange.open) res.resume();
      resolve(received);
    };
    const diskFailed = (error: Error) => {
      console.error(`tiski relay: writing an upload failed: ${error.message}`);
      settle({ ok: false, status: 500, code: 'upload-failed', message: 'The relay could not store the file; try again later.' });
    };

    res.onData((arrayBuffer, isLast) => {
      if (settled) return;
      size += arrayBuffer.byteLength;
      if (size > limits.maxFileBytes) return settle(tooLarge(limits.maxFileBytes));
      if (size > limits.declaredBytes) {
        return settle({ ok: false, status: 400, code: 'length-mismatch', message: 'The body is longer than its Content-Length.' });
      }
      const chunk = Buffer.from(arrayBuffer.slice(0));
      sniffer.push(chunk);
      const type = isLast ? sniffer.finish() : sniffer.known;
      if (type && !limits.types.includes(type)) return settle(refusedType(type, limits.types));
      const wait = upload.write(chunk);
      if (wait) {
        if (diskWaits++ === 0) res.pause();
        wait.then(() => {
          if (--diskWaits === 0 && exchange.open && !settled) res.resume();
        }, diskFailed);
      }
      if (isLast) settle({ ok: true, type: type!, size });
    });
  });
}

export function tooLarge(maxFileBytes: number): Received & { ok: false } {
  return { ok: false, status: 413, code: 'file-too-large', message: `The file is larger than ${describeBytes(maxFileBytes)}, the most this relay accepts.` };
}

function refusedType(type: string, allowed: readonly string[]): Received & { ok: false } {
  return {
    ok: false,
    status: 415,
    code: 'file-type-refused',
    message: `The file's content is ${type}, which this relay does not accept; it accepts ${allowed.join(', ')}.`,
  };
}

export function describeBytes(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB` : `${bytes} bytes`;
}

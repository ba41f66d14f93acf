import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import type { FileUpload } from './file-store.js';

export interface UploadHooks {
  moveIn(temp: string, conversation: string, file: string, size: number): Promise<void>;
  release(): void;
}

/** One file being written to a temporary name, until kept (moved into place) or discarded. */
export class DiskUpload implements FileUpload {
  readonly #stream: WriteStream;
  #bytes = 0;
  /** A discard while keeping does nothing: the caller removes the file once kept, or discards again if keeping failed. */
  #state: 'writing' | 'keeping' | 'kept' | 'discarded' = 'writing';

  constructor(
    private readonly temp: string,
    private readonly reserved: number,
    private readonly hooks: UploadHooks,
  ) {
    this.#stream = createWriteStream(temp, { flags: 'wx', highWaterMark: 1024 * 1024 });
    // Errors surface through write(), keep() and discard(); without a listener they would crash the process.
    this.#stream.on('error', () => {});
  }

  get bytes(): number {
    return this.#bytes;
  }

  write(chunk: Buffer): Promise<void> | undefined {
    if (this.#stream.errored) return Promise.reject(this.#stream.errored);
    this.#bytes += chunk.byteLength;
    if (this.#stream.write(chunk)) return undefined;
    return once(this.#stream, 'drain').then(() => undefined);
  }

  async keep(conversation: string, file: string): Promise<void> {
    if (this.#state !== 'writing') throw new Error(`this upload is ${this.#state} already`);
    if (this.#bytes > this.reserved) throw new Error('the upload is larger than its reservation');
    this.#state = 'keeping';
    try {
      this.#stream.end();
      await finished(this.#stream);
      await this.hooks.moveIn(this.temp, conversation, file, this.#bytes);
      this.#state = 'kept';
    } catch (error) {
      this.#state = 'writing';
      throw error;
    }
  }

  async discard(): Promise<void> {
    if (this.#state !== 'writing') return;
    this.#state = 'discarded';
    this.hooks.release();
    if (!this.#stream.closed) {
      const closed = once(this.#stream, 'close').catch(() => {});
      this.#stream.destroy();
      await closed;
    }
    await rm(this.temp, { force: true });
  }
}

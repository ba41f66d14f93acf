import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/** Conversation and file ids as path segments: nothing that could climb out of the folder. */
const safeSegment = /^[A-Za-z0-9_-]{1,64}$/;
export const isSafeId = (id: string): boolean => safeSegment.test(id);

/** `id` as a segment of a path; throws on anything else, since the domain only hands out safe ids. */
export function pathSegment(id: string): string {
  if (!isSafeId(id)) throw new Error(`not a safe file or conversation id: ${JSON.stringify(id)}`);
  return id;
}

/**
 * The bytes of uploaded files (C7); who may see them and what they are called is the domain's
 * business. Uploads reserve their declared size against the quota until kept or discarded.
 */
export interface FileStore {
  readonly usedBytes: number;
  /** Starts writing a file of at most `bytes`; undefined when the quota has no room for it. */
  startUpload(bytes: number): FileUpload | undefined;
  /** A stored file's size and bytes, or undefined when it is not there. */
  openFile(conversation: string, file: string): Promise<StoredFile | undefined>;
  removeFile(conversation: string, file: string): Promise<void>;
  /** Deletes the conversation's folder and frees its bytes. */
  removeConversation(conversation: string): Promise<void>;
}

export interface StoredFile {
  size: number;
  stream: Readable;
}

/** The file at `path` to read, or undefined when it is not there (removed meanwhile is the same as never stored). */
export async function openStoredFile(path: string): Promise<StoredFile | undefined> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const { size } = await handle.stat();
    return { size, stream: handle.createReadStream({ highWaterMark: 256 * 1024 }) };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

export interface FileUpload {
  readonly bytes: number;
  /** Writes the next bytes; a promise means wait for the disk before writing more (it rejects on a disk error). */
  write(chunk: Buffer): Promise<void> | undefined;
  /** Flushes the file and moves it into the conversation's folder; from then on it counts as stored. */
  keep(conversation: string, file: string): Promise<void>;
  /** Deletes what was written and frees the reservation; does nothing once kept. */
  discard(): Promise<void>;
}

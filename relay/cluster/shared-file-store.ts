import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { nanoid } from 'nanoid';
import { DiskUpload } from '../files/disk-upload.js';
import { openStoredFile, pathSegment, type FileStore, type FileUpload, type StoredFile } from '../files/file-store.js';

/** How often the bytes stored by every relay are counted again from the disk. */
const recountMs = 60_000;
/** Unfinished uploads older than this belong to a relay that went away mid-upload. */
const staleUploadMs = 60 * 60 * 1000;

/**
 * Attachments in the shared mode: one directory every relay mounts (`<dataDir>/files`, laid out
 * as the in-memory relay lays it out). Any relay receives an upload and any relay serves it; the
 * leader decides who may, and removes a conversation's files when it is forgotten. Nothing is
 * deleted at start: other relays are using the directory. The quota counts every relay's files,
 * as found on the disk at start and every minute, plus what this relay stored and is receiving since.
 */
export class SharedFileStore implements FileStore {
  #stored = 0;
  #reserved = 0;
  readonly #timer: NodeJS.Timeout;

  private constructor(
    private readonly root: string,
    private readonly quotaBytes: number,
  ) {
    this.#timer = setInterval(() => void this.#recount(), recountMs);
    this.#timer.unref();
  }

  static async open(dataDir: string, quotaBytes: number): Promise<SharedFileStore> {
    const root = resolve(dataDir, 'files');
    await mkdir(join(root, '.uploading'), { recursive: true });
    const store = new SharedFileStore(root, quotaBytes);
    await store.#recount();
    return store;
  }

  get usedBytes(): number {
    return this.#stored + this.#reserved;
  }

  startUpload(bytes: number): FileUpload | undefined {
    if (this.usedBytes + bytes > this.quotaBytes) return undefined;
    this.#reserved += bytes;
    return new DiskUpload(join(this.root, '.uploading', nanoid()), bytes, {
      moveIn: async (temp, conversation, file, size) => {
        const folder = this.#folder(conversation);
        await mkdir(folder, { recursive: true });
        await rename(temp, join(folder, pathSegment(file)));
        this.#reserved -= bytes;
        this.#stored += size;
      },
      release: () => {
        this.#reserved -= bytes;
      },
    });
  }

  /** Whoever stored it: the domain said who may read it. */
  async openFile(conversation: string, file: string): Promise<StoredFile | undefined> {
    return openStoredFile(join(this.#folder(conversation), pathSegment(file)));
  }

  async removeFile(conversation: string, file: string): Promise<void> {
    const path = join(this.#folder(conversation), pathSegment(file));
    const size = (await stat(path).catch(() => undefined))?.size ?? 0;
    await rm(path, { force: true });
    this.#stored -= size;
  }

  async removeConversation(conversation: string): Promise<void> {
    const folder = this.#folder(conversation);
    this.#stored -= await folderBytes(folder);
    await rm(folder, { recursive: true, force: true });
  }

  /**
   * For a relay that took over: deletes the folders of conversations the state does not know
   * (their removal was decided by a leader that died before doing it) and uploads abandoned long
   * ago. Only folders last changed before `loadedFrom` (the state it loaded was read after them),
   * and only while `leading` holds: a relay that lost the lead meanwhile knows nothing of what
   * the next leader made.
   */
  async removeStrays(known: (conversation: string) => boolean, loadedFrom: number, leading: () => boolean): Promise<void> {
    for (const entry of await readdir(this.root, { withFileTypes: true })) {
      if (entry.name === '.uploading' || !entry.isDirectory()) continue;
      const changed = (await stat(join(this.root, entry.name)).catch(() => undefined))?.mtimeMs ?? Infinity;
      if (!leading()) return;
      if (changed >= loadedFrom || known(entry.name)) continue;
      await this.removeConversation(entry.name).catch(() => {});
    }
    const now = Date.now();
    const uploading = join(this.root, '.uploading');
    for (const name of await readdir(uploading).catch(() => [])) {
      const path = join(uploading, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > staleUploadMs) await rm(path, { force: true });
    }
  }

  close(): void {
    clearInterval(this.#timer);
  }

  async #recount(): Promise<void> {
    let bytes = 0;
    for (const entry of await readdir(this.root, { withFileTypes: true }).catch(() => [])) {
      if (entry.isDirectory() && entry.name !== '.uploading') bytes += await folderBytes(join(this.root, entry.name));
    }
    this.#stored = bytes;
  }

  #folder(conversation: string): string {
    return join(this.root, pathSegment(conversation));
  }
}

async function folderBytes(folder: string): Promise<number> {
  let bytes = 0;
  for (const name of await readdir(folder).catch(() => [])) bytes += (await stat(join(folder, name)).catch(() => undefined))?.size ?? 0;
  return bytes;
}

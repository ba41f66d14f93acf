import { mkdir, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { nanoid } from 'nanoid';
import { DiskUpload } from './disk-upload.js';
import { isSafeId, openStoredFile, pathSegment, type FileStore, type FileUpload, type StoredFile } from './file-store.js';

/** Files at `<dataDir>/files/<conversation>/<file>`, uploads in progress under `<dataDir>/files/.uploading`. */
export class DiskFileStore implements FileStore {
  #used = 0;
  readonly #sizes = new Map<string, Map<string, number>>();
  /** Changes to one conversation's folder run one after another, so a removal never races a file moving in. */
  readonly #folderWork = new Map<string, Promise<void>>();

  private constructor(
    private readonly root: string,
    private readonly quotaBytes: number,
  ) {}

  /**
   * Files left from an earlier run belong to nobody, unless a planned restart brought their
   * conversations back: `keep` names those files by conversation, and they count against the
   * quota again. Everything else in `<dataDir>/files`, unfinished uploads included, is deleted.
   * Nothing else in `dataDir` is touched.
   */
  static async open(dataDir: string, quotaBytes: number, keep: ReadonlyMap<string, ReadonlySet<string>> = new Map()): Promise<DiskFileStore> {
    const root = resolve(dataDir, 'files');
    const store = new DiskFileStore(root, quotaBytes);
    await mkdir(root, { recursive: true });
    for (const entry of await readdir(root, { withFileTypes: true })) {
      const files = keep.get(entry.name);
      if (files && entry.isDirectory() && isSafeId(entry.name)) await store.#adopt(entry.name, files);
      else await rm(join(root, entry.name), { recursive: true, force: true });
    }
    await mkdir(join(root, '.uploading'), { recursive: true });
    return store;
  }

  /** Counts the conversation's files named in `files` as stored, and deletes the others. */
  async #adopt(conversation: string, files: ReadonlySet<string>): Promise<void> {
    const folder = this.#folder(conversation);
    const sizes = new Map<string, number>();
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (!entry.isFile() || !files.has(entry.name)) {
        await rm(path, { recursive: true, force: true });
        continue;
      }
      const { size } = await stat(path);
      sizes.set(entry.name, size);
      this.#used += size;
    }
    if (sizes.size) this.#sizes.set(conversation, sizes);
    else await rmdir(folder).catch(() => {});
  }

  get usedBytes(): number {
    return this.#used;
  }

  startUpload(bytes: number): FileUpload | undefined {
    if (this.#used + bytes > this.quotaBytes) return undefined;
    this.#used += bytes;
    return new DiskUpload(join(this.root, '.uploading', nanoid()), bytes, {
      moveIn: (temp, conversation, file, size) =>
        this.#inFolder(conversation, async () => {
          const folder = this.#folder(conversation);
          await mkdir(folder, { recursive: true });
          await rename(temp, join(folder, pathSegment(file)));
          let sizes = this.#sizes.get(conversation);
          if (!sizes) this.#sizes.set(conversation, (sizes = new Map()));
          sizes.set(file, size);
          this.#used += size - bytes;
        }),
      release: () => {
        this.#used -= bytes;
      },
    });
  }

  async openFile(conversation: string, file: string): Promise<StoredFile | undefined> {
    if (!this.#sizes.get(conversation)?.has(file)) return undefined;
    return openStoredFile(join(this.#folder(conversation), pathSegment(file)));
  }

  removeFile(conversation: string, file: string): Promise<void> {
    return this.#inFolder(conversation, async () => {
      const folder = this.#folder(conversation);
      await rm(join(folder, pathSegment(file)), { force: true });
      const sizes = this.#sizes.get(conversation);
      this.#used -= sizes?.get(file) ?? 0;
      sizes?.delete(file);
      if (sizes?.size) return;
      this.#sizes.delete(conversation);
      await rmdir(folder).catch(() => {});
    });
  }

  removeConversation(conversation: string): Promise<void> {
    return this.#inFolder(conversation, async () => {
      await rm(this.#folder(conversation), { recursive: true, force: true });
      for (const size of this.#sizes.get(conversation)?.values() ?? []) this.#used -= size;
      this.#sizes.delete(conversation);
    });
  }

  #folder(conversation: string): string {
    return join(this.root, pathSegment(conversation));
  }

  #inFolder(conversation: string, work: () => Promise<void>): Promise<void> {
    const next = (this.#folderWork.get(conversation) ?? Promise.resolve()).then(work);
    const settled = next.catch(() => {});
    this.#folderWork.set(conversation, settled);
    void settled.then(() => {
      if (this.#folderWork.get(conversation) === settled) this.#folderWork.delete(conversation);
    });
    return next;
  }
}

import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Where a planned restart leaves the relay's state, inside `dataDir`. */
export const snapshotName = 'relay-state.json';
const partialPrefix = `${snapshotName}.partial-`;

export const snapshotPath = (dataDir: string): string => join(resolve(dataDir), snapshotName);

/**
 * Writes the snapshot so that the file is either the whole new text or not there: into a file of
 * its own beside it, flushed to the disk, renamed over the snapshot's name, and the directory
 * flushed so the rename itself lasts. Synchronous on purpose: the relay calls it last, and nothing
 * may change the state it describes between taking it and writing it down.
 */
export function writeSnapshotFile(dataDir: string, text: string): string {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const partial = join(dir, `${partialPrefix}${process.pid}`);
  const fd = openSync(partial, 'w', 0o600);
  try {
    const bytes = Buffer.from(text, 'utf8');
    for (let written = 0; written < bytes.length; ) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const path = snapshotPath(dir);
  renameSync(partial, path);
  syncDirectorySync(dir);
  return path;
}

/**
 * Takes the snapshot out of `dataDir`: reads it and removes it before the relay serves anyone, so
 * a crash later can never bring back this state under its epoch. A snapshot `accept` refuses is
 * moved aside (its new path is returned) rather than read again at every start. Half-written
 * snapshots of an interrupted shutdown are deleted.
 */
export async function takeSnapshotFile<T>(
  dataDir: string,
  accept: (text: string) => { ok: true; value: T } | { ok: false; reason: string },
  now: number,
): Promise<{ found: false } | { found: true; ok: true; value: T } | { found: true; ok: false; reason: string; setAside: string }> {
  const dir = resolve(dataDir);
  for (const name of await readdir(dir).catch(() => [])) if (name.startsWith(partialPrefix)) await rm(join(dir, name), { force: true });
  const path = snapshotPath(dir);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return { found: false };
  const accepted = (() => {
    try {
      return accept(text);
    } catch (error) {
      return { ok: false as const, reason: (error as Error).message };
    }
  })();
  if (accepted.ok) {
    await rm(path);
    await syncDirectory(dir);
    return { found: true, ok: true, value: accepted.value };
  }
  const setAside = join(dir, `relay-state.not-restored-${new Date(now).toISOString().replace(/[:.]/g, '-')}.json`);
  await rename(path, setAside);
  await syncDirectory(dir);
  return { found: true, ok: false, reason: accepted.reason, setAside };
}

function syncDirectorySync(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

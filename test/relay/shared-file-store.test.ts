/**
 * The shared mode's file directory (R6), as a relay that just took over tidies it: folders of
 * conversations the state does not know are removed only if they were last changed before the
 * state was read, and only while the relay still leads.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SharedFileStore } from '../../relay/cluster/shared-file-store.js';

describe('the shared file directory after a takeover', () => {
  it('removes the folders of forgotten conversations older than the loaded state, and nothing once the lead is lost', async (t) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tiski-shared-files-'));
    t.after(() => rm(dataDir, { recursive: true, force: true }));
    const store = await SharedFileStore.open(dataDir, 1_000_000);
    t.after(() => store.close());
    const loadedFrom = Date.now() - 60_000;
    const folder = async (conversation: string, changed: number) => {
      const path = join(dataDir, 'files', conversation);
      await mkdir(path, { recursive: true });
      await writeFile(join(path, 'file'), 'bytes');
      await utimes(path, changed / 1000, changed / 1000);
      return path;
    };
    const forgotten = await folder('forgotten', loadedFrom - 60_000);
    const known = await folder('known', loadedFrom - 60_000);
    // Made by a newer leader while this relay was loading an older state.
    const newer = await folder('newer', Date.now());

    await store.removeStrays((id) => id === 'known', loadedFrom, () => false);
    assert.ok(existsSync(forgotten), 'a relay that no longer leads removes nothing');

    await store.removeStrays((id) => id === 'known', loadedFrom, () => true);
    assert.equal(existsSync(forgotten), false);
    assert.ok(existsSync(known));
    assert.ok(existsSync(newer));
  });
});

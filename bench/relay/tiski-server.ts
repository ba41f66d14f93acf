/**
 * Child process: the Tiski relay (relay/server.ts) on 127.0.0.1, with the configuration given
 * as a JSON argument (with `redis` and a shared `dataDir`: a relay of the shared mode). Says
 * `{ port }` (and `sharedAs`) when listening.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../relay/config.js';
import { startRelay, type RunningRelay } from '../../relay/server.js';
import { serve } from '../lib/child.js';

let relay: RunningRelay | undefined;
/** The relay's files go to a folder of the run's own, not the working directory. */
const dataDir = mkdtempSync(join(tmpdir(), 'tiski-bench-'));

serve(
  async () => {
    const options = JSON.parse(process.argv[2] ?? '{}') as { config: unknown; serveFiles?: boolean };
    relay = await startRelay({ config: parseConfig({ dataDir, maxConnectionsPerAddress: 0, ...(options.config as object) }), port: 0, host: '127.0.0.1', serveFiles: options.serveFiles ?? false });
    return { port: relay.port, ...(relay.sharedAs ? { sharedAs: relay.sharedAs } : {}) };
  },
  {
    stop: () => {
      relay?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
    sizes: () => relay?.store.sizes,
  },
);

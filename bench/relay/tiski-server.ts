/**
 * Child process: the Tiski relay (relay/server.ts) on 127.0.0.1, with the configuration given
 * as a JSON argument. Says `{ port }` when listening.
 */
import { parseConfig } from '../../relay/config.js';
import { startRelay, type RunningRelay } from '../../relay/server.js';
import { serve } from '../lib/child.js';

let relay: RunningRelay | undefined;

serve(
  async () => {
    const options = JSON.parse(process.argv[2] ?? '{}') as { config: unknown; serveFiles?: boolean };
    relay = await startRelay({ config: parseConfig(options.config), port: 0, host: '127.0.0.1', serveFiles: options.serveFiles ?? false });
    return { port: relay.port };
  },
  {
    stop: () => relay?.close(),
    sizes: () => relay?.store.sizes,
  },
);

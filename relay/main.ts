import { loadConfig } from './config.js';
import { startRelay } from './server.js';

const config = await loadConfig();
const port = Number(process.env.PORT ?? 8080);
const relay = await startRelay({ config, port });

console.log(`Tiski relay on ${relay.url}`);
console.log(`  customer site: ${relay.url}/`);
console.log(`  agent desk:    ${relay.url}/agent.html`);
console.log(
  relay.development
    ? '  development mode: demo sign-in is on (set RELAY_SECRET for production)'
    : '  production mode: agents need tokens signed with RELAY_SECRET',
);
console.log(`  epoch ${relay.epoch}${relay.restored ? ', carried on from the saved state' : ''}`);
if (relay.sharedAs) console.log(`  shared mode: relay ${relay.sharedAs}, queues and conversations shared through Redis (${redactedUrl(config.redis!.url)}), files in ${config.dataDir}`);

let stopping = false;
/**
 * A planned stop: the state is written to the data directory and the next start carries on with
 * it; in the shared mode the other relays carry on with the state in Redis.
 */
const shutdown = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  console.log(`tiski relay: ${signal}, ${relay.sharedAs ? 'handing over' : 'saving the state'} and stopping`);
  relay.shutdown().then(
    () => process.exit(0),
    (error: Error) => {
      console.error(`tiski relay: the state could not be saved: ${error.message}`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

/** The Redis URL without its password, for the log. */
function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

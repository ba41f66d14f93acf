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

const shutdown = () => {
  relay.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

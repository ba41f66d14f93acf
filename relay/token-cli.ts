import { parseArgs } from 'node:util';
import { signToken } from './auth/jwt.js';
import { loadConfig } from './config.js';

const usage = 'usage: npm run token -- --sub alice --name Alice --queues support-en[,kundtjanst|*] [--roles agent,operator] [--hours 8]';

const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    name: { type: 'string' },
    queues: { type: 'string', default: '*' },
    roles: { type: 'string', default: 'agent' },
    hours: { type: 'string', default: '8' },
  },
});

const config = await loadConfig();
const secret = config.secret;
if (!values.sub || !values.name) {
  console.error(usage);
  process.exit(2);
}
if (!secret) {
  console.error('Set RELAY_SECRET (or "secret" in the RELAY_CONFIG file) to the relay\'s secret first.');
  process.exit(2);
}
const now = Math.floor(Date.now() / 1000);
const roles = values.roles.split(',').filter((r): r is 'agent' | 'operator' => r === 'agent' || r === 'operator');
console.log(
  signToken(
    { sub: values.sub, name: values.name, roles, queues: values.queues.split(','), exp: now + Number(values.hours) * 3600 },
    secret,
    now,
  ),
);

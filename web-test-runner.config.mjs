import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signJwt, signToken } from './relay/auth/jwt.ts';
import { parseConfig } from './relay/config.ts';
import { demoConfig } from './relay/demo-config.ts';
import { startRelay } from './relay/server.ts';
import { NetProxy } from './test/relay/net-proxy.ts';

// Run through `node --import tsx` (see scripts/run-tests.mjs) so the real relay can start here.
const secret = 'component-tests-secret-0123456789abcdef';
/** The secret the host site signs customers' identities with (W6). */
const identitySecret = 'component-tests-identity-secret-fedcba9876543210';
/** Uploaded files go to a directory of this run alone, removed when the runner stops. */
const dataDir = mkdtempSync(join(tmpdir(), 'tiski-component-files-'));
const relay = await startRelay({
  config: parseConfig({
    ...demoConfig,
    queues: [
      ...demoConfig.queues,
      // Queues of the component tests alone: offers that time out fast, alerts after a second.
      { id: 'offer-test', name: 'Offer test', routing: 'offer', offerTimeoutSeconds: 5, alertAfterSeconds: 0 },
      { id: 'alert-test', name: 'Alert test', alertAfterSeconds: 1 },
      // Statistics (Q5) counted in UTC, so a day has 24 hours whatever the date.
      { id: 'stats-test', name: 'Statistics test', timeZone: 'UTC' },
      // Video calls (V1–V5): customers may start a video chat here; agents pick.
      { id: 'video-test', name: 'Video test', video: true },
      // Offline form (Q8): a queue nobody serves, a closed one with a next opening, and one for saved contacts.
      { id: 'offline-test', name: 'Offline test' },
      {
        id: 'closed-test',
        name: 'Closed test',
        open: false,
        // Open only on the weekday two days from now, 09–17 UTC: closed today, its next opening named.
        schedule: { timeZone: 'UTC', weekly: [{ days: [((new Date().getUTCDay() + 2 + 6) % 7) + 1], from: '09:00', to: '17:00' }] },
      },
      { id: 'contacts-test', name: 'Contacts test' },
      // Proactive chat (W10): the site's invitation below shows on the test page after a second.
      { id: 'proactive-test', name: 'Proactive test' },
      // Pre-chat survey (W1): one question of each type, labelled in three languages, one label hostile.
      {
        id: 'survey-test',
        name: 'Survey test',
        survey: [
          { id: 'order', type: 'text', label: { en: 'Order number', fi: 'Tilausnumero', sv: 'Ordernummer' }, required: true },
          { id: 'email', type: 'email', label: { en: 'Email', fi: 'Sähköposti', sv: 'E-post' } },
          {
            id: 'topic',
            type: 'select',
            label: { en: 'Topic', fi: 'Aihe', sv: 'Ämne' },
            required: true,
            options: [
              { value: 'billing', label: { en: 'Billing', fi: 'Laskutus', sv: 'Fakturering' } },
              { value: 'delivery', label: { en: 'Delivery', fi: 'Toimitus', sv: 'Leverans' } },
            ],
          },
          { id: 'details', type: 'textarea', label: { en: 'Details', fi: 'Lisätiedot', sv: 'Detaljer' } },
          { id: 'note', type: 'text', label: 'Note <img src=x onerror="window.__pwned=1">' },
        ],
      },
    ],
    invitations: [{ id: 'test-welcome', queue: 'proactive-test', afterSeconds: 1, pages: ['/'], message: { en: 'Anything we can help with?', fi: 'Voimmeko auttaa?' } }],
    secret,
    identitySecret,
    dataDir,
    // Every test page connects from this one address.
    maxConnectionsPerAddress: 0,
    customerGraceSeconds: 5,
    agentGraceSeconds: 5,
  }),
  port: 0,
  host: '127.0.0.1',
  serveFiles: false,
});

// The network between a page and the relay, for tests of outages: connections through it can be silenced.
const network = await NetProxy.start({ host: '127.0.0.1', port: relay.port });

export default {
  files: 'test/components/**/*.test.ts',
  // Agent tokens for the tests, signed here as an integrator's backend would sign them.
  middleware: [
    // A silent outage of every connection now open through the network proxy, and its end.
    (ctx, next) => {
      if (ctx.path !== '/test-network/outage' && ctx.path !== '/test-network/back') return next();
      for (const link of network.links) {
        if (ctx.path.endsWith('outage')) link.blackHole();
        else link.restore();
      }
      ctx.body = { ok: true };
    },
    (ctx, next) => {
      if (ctx.path !== '/test-token') return next();
      const name = ctx.query.name;
      const sub = `${name}-${Math.random().toString(36).slice(2)}`;
      const queues = ctx.query.queues ? String(ctx.query.queues).split(',') : ['*'];
      const roles = ctx.query.roles ? String(ctx.query.roles).split(',') : ['agent'];
      ctx.body = { token: signToken({ sub, name, roles, queues }, secret, Math.floor(Date.now() / 1000)) };
    },
    // The operators' HTTP API, reached from Node: it sends no CORS headers to pages, as it should not.
    async (ctx, next) => {
      if (!ctx.path.startsWith('/test-admin/')) return next();
      const body = await new Promise((resolve) => {
        let text = '';
        ctx.req.on('data', (chunk) => (text += chunk));
        ctx.req.on('end', () => resolve(text));
      });
      const response = await fetch(`http://127.0.0.1:${relay.port}${ctx.path.slice('/test-admin'.length)}`, {
        method: ctx.method,
        headers: { authorization: ctx.get('authorization'), 'content-type': 'application/json' },
        ...(body ? { body } : {}),
      });
      ctx.status = response.status;
      ctx.body = await response.text();
    },
    // Customer identities as a host site's backend signs them (W6): `exp` in seconds from now
    // (negative: already expired), `secret=wrong` signs with a secret the relay does not know.
    (ctx, next) => {
      if (ctx.path !== '/test-identity') return next();
      const { sub, name, email, exp, secret: which } = ctx.query;
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        sub: String(sub ?? `customer-${Math.random().toString(36).slice(2)}`),
        ...(name ? { name: String(name) } : {}),
        ...(email ? { email: String(email) } : {}),
        iat: now,
        exp: now + (exp === undefined ? 600 : Number(exp)),
        jti: randomUUID(),
      };
      ctx.body = { token: signJwt(claims, which === 'wrong' ? `${identitySecret}-not-this-one` : identitySecret) };
    },
  ],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, tsconfig: './tsconfig.json', target: 'es2022' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          // A fake camera and microphone, allowed without a prompt: real calls between the two sides of a page.
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
        ],
      },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en">
      <body>
        <script>window.TISKI_TEST_RELAY = ${JSON.stringify({ ws: `ws://127.0.0.1:${relay.port}/ws`, http: relay.url.replace('localhost', '127.0.0.1'), throughNetwork: `ws://127.0.0.1:${network.port}/ws` })};</script>
        <script type="module" src="${testFramework}"></script>
      </body>
    </html>`,
  testFramework: { config: { timeout: 10000 } },
};

process.on('exit', () => {
  void network.close();
  relay.close();
  rmSync(dataDir, { recursive: true, force: true });
});

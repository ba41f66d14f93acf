import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { parseConfig } from '../../relay/config.js';
import { startRelay } from '../../relay/server.js';
import { startTestRelay, until } from './helpers.js';

/** A GET that does not keep the connection alive, which would hold the test process open after the relay closed. */
const get = (url: string) => fetch(url, { headers: { connection: 'close' } });

describe('GET /health', () => {
  it('answers 200 with JSON', async (t) => {
    const relay = await startTestRelay(t);
    const response = await get(`http://localhost:${relay.relay.port}/health`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.status, 'ok');
    assert.equal(body.connections, 0);
  });

  it('counts the connections that said hello', async (t) => {
    const relay = await startTestRelay(t);
    await relay.customer();
    await relay.agent('alice', []);
    const body = (await (await get(`http://localhost:${relay.relay.port}/health`)).json()) as Record<string, unknown>;
    assert.equal(body.connections, 2);
  });
});

/** A relay without secrets, in development mode, keeping its files in a folder of its own. */
async function developmentRelay(t: TestContext) {
  const dataDir = await mkdtemp(join(tmpdir(), 'tiski-dev-relay-'));
  const relay = await startRelay({ config: parseConfig({ dataDir, queues: [{ id: 'support-en', name: 'Support' }] }), port: 0, serveFiles: false });
  t.after(async () => {
    relay.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return relay;
}

describe('development sign-in', () => {
  it('is off when the relay has a secret', async (t) => {
    const relay = await startTestRelay(t);
    assert.equal(relay.relay.development, false);
    const response = await get(`http://localhost:${relay.relay.port}/dev/token?name=Mallory`);
    assert.equal(response.status, 404);
    const body = (await response.json()) as Record<string, unknown>;
    assert.equal(body.token, undefined);
  });

  it('hands out tokens the relay accepts when no secret is configured', async (t) => {
    const relay = await developmentRelay(t);
    assert.equal(relay.development, true);
    const response = await get(`http://localhost:${relay.port}/dev/token?name=Dev%20Agent`);
    assert.equal(response.status, 200);
    const { token } = (await response.json()) as { token: string };

    const { TestClient } = await import('./helpers.js');
    const client = await TestClient.connect(`ws://localhost:${relay.port}/ws`);
    t.after(() => client.close());
    const welcome = await client.hello('agent', { token });
    assert.deepEqual(welcome.self, { id: 'agent:dev-agent', name: 'Dev Agent', role: 'agent' });
    await until(() => relay.store.sizes.agents === 1, 'the agent is known');
  });
});

describe('development identities (W6)', () => {
  it('are off when the relay has a secret', async (t) => {
    const relay = await startTestRelay(t);
    const response = await get(`http://localhost:${relay.relay.port}/dev/identity?name=Mallory`);
    assert.equal(response.status, 404);
  });

  it('are signed so that the relay verifies them when no secret is configured', async (t) => {
    const relay = await developmentRelay(t);
    const response = await get(`http://localhost:${relay.port}/dev/identity?name=Maria%20Virtanen&email=maria%40example.com`);
    assert.equal(response.status, 200);
    const { token } = (await response.json()) as { token: string };

    const { TestClient } = await import('./helpers.js');
    const customer = await TestClient.connect(`ws://localhost:${relay.port}/ws`);
    t.after(() => customer.close());
    await customer.hello('customer');
    assert.equal((await customer.request({ type: 'join', queue: 'support-en', name: 'Maria', identity: token })).type, 'ack');
    assert.deepEqual(await customer.next('identity'), { type: 'identity', verified: true });
    assert.equal((await get(`http://localhost:${relay.port}/dev/identity`)).status, 400);
  });
});

describe('pages the relay serves', () => {
  it('carry a Content Security Policy that names their inline scripts by hash, and no-sniff, referrer and framing headers', async (t) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tiski-pages-'));
    const relay = await startRelay({ config: parseConfig({ dataDir, queues: [{ id: 'support-en', name: 'Support' }] }), port: 0 });
    t.after(async () => {
      relay.close();
      await rm(dataDir, { recursive: true, force: true });
    });
    const page = await get(`http://localhost:${relay.port}/framework.html`);
    assert.equal(page.status, 200);
    const html = await page.text();
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.doesNotMatch(csp, /script-src[^;]*'unsafe-inline'/, 'no inline script runs unless the page holds it');
    const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(([, body]) => body!);
    assert.ok(inline.length >= 1, 'the framework page has an inline import map');
    for (const body of inline) {
      assert.ok(csp.includes(`'sha256-${createHash('sha256').update(body).digest('base64')}'`), 'each inline script by its hash');
    }
    for (const [name, value] of [
      ['x-content-type-options', 'nosniff'],
      ['referrer-policy', 'strict-origin-when-cross-origin'],
      ['x-frame-options', 'DENY'],
      ['cross-origin-opener-policy', 'same-origin'],
    ] as const) assert.equal(page.headers.get(name), value, name);
    const stylesheet = await get(`http://localhost:${relay.port}/site.css`);
    assert.equal(stylesheet.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(stylesheet.headers.get('content-security-policy'), null, 'policies are for pages');
  });
});

/**
 * The shared mode (R6) end to end: two relays sharing one state through Redis, the customer's page
 * served by relay A and the agents' desks by relay B, as a load balancer could spread them. Anna
 * picks the customer, writes a private note and an answer, transfers to Cecilia's queue; Cecilia
 * takes over with the whole history. The customer never gets the private note.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { parseConfig } from '../../relay/config.js';
import { demoConfig } from '../../relay/demo-config.js';
import { startRelay, type RunningRelay } from '../../relay/server.js';
import { startTestRedis } from '../relay/cluster-redis.js';
import { agentSignsIn, bubbles, customerStartsChat, launchChromium, openPage } from './harness.js';

describe('two relays sharing one state, in the browser', () => {
  const relays: RunningRelay[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'tiski-e2e-shared-'));
  let browser: Browser | undefined;
  let missing = false;
  const errors: string[] = [];

  before(async () => {
    const redis = await startTestRedis({ after: (fn) => void cleanups.push(fn) });
    if (!redis) return void (missing = true);
    // Development mode, as `npm start`: the demo secrets the relays make are shared through Redis.
    const config = parseConfig({ ...demoConfig, invitations: [], dataDir, maxConnectionsPerAddress: 0, redis: { url: redis.url, keyPrefix: 'e2e:' } });
    for (let i = 0; i < 2; i++) relays.push(await startRelay({ config, port: 0, host: '127.0.0.1' }));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const relay of relays) relay.close();
    // The relays give the lease up and say goodbye to Redis before it stops.
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const cleanup of cleanups) await cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = async (page: Page, text: string, privately = false) => {
    if (privately) await page.getByRole('checkbox', { name: 'Private: only agents see it' }).check();
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill(text);
    await input.press('Enter');
    if (privately) await page.getByRole('checkbox', { name: 'Private: only agents see it' }).uncheck();
  };

  it('a customer on relay A, agents on relay B: pick, a private note, a transfer, the whole history', async (t) => {
    if (missing) return t.skip('redis-server is missing and could not be installed: run the tests as root, or install Debian\'s redis-server');
    const [a, b] = relays as [RunningRelay, RunningRelay];
    const anna = await openPage(browser!, `${b.url}/agent.html`, errors);
    await agentSignsIn(anna, 'Anna', 'Asiakaspalvelu');
    const cecilia = await openPage(browser!, `${b.url}/agent.html`, errors);
    await agentSignsIn(cecilia, 'Cecilia', 'Kundtjänst');

    const customer = await openPage(browser!, `${a.url}/`, errors);
    const framesToCustomer: string[] = [];
    customer.on('websocket', (ws) => ws.on('framereceived', (frame) => framesToCustomer.push(String(frame.payload))));
    await customerStartsChat(customer, 'asiakaspalvelu', 'Kaisa');

    await anna.getByRole('button', { name: 'Pick Kaisa' }).click();
    await anna.locator('chat-session h2', { hasText: 'Kaisa' }).waitFor();
    await send(customer, 'Hei, laskussani on virhe.');
    await anna.getByText('Hei, laskussani on virhe.').waitFor();
    await send(anna, 'Asiakkaalla oli sama virhe viime kuussa.', true);
    await send(anna, 'Hei Kaisa, siirrän sinut laskutukseen.');
    await customer.getByText('Hei Kaisa, siirrän sinut laskutukseen.').waitFor();

    await anna.getByRole('button', { name: 'Transfer' }).click();
    await anna.getByRole('button', { name: /^Kundtjänst/ }).click();
    await cecilia.getByText('Anna wants to transfer Kaisa to you').waitFor();
    await cecilia.getByRole('button', { name: 'Accept' }).click();
    await cecilia.locator('chat-session h2', { hasText: 'Kaisa' }).waitFor();
    await customer.getByText('Cecilia joined the conversation').waitFor();
    await send(cecilia, 'Hej Kaisa, jag rättar fakturan.');
    await customer.getByText('Hej Kaisa, jag rättar fakturan.').waitFor();

    assert.deepEqual(await bubbles(cecilia, 'chat-session'), [
      'Kaisa: Hei, laskussani on virhe.',
      'Anna: PRIVATE Asiakkaalla oli sama virhe viime kuussa.',
      'Anna: Hei Kaisa, siirrän sinut laskutukseen.',
      'You: Hej Kaisa, jag rättar fakturan.',
    ]);
    assert.deepEqual(await bubbles(customer, 'chat-widget'), [
      'You: Hei, laskussani on virhe.',
      'Anna: Hei Kaisa, siirrän sinut laskutukseen.',
      'Cecilia: Hej Kaisa, jag rättar fakturan.',
    ]);
    const seenByCustomer = framesToCustomer.join('\n');
    assert.ok(framesToCustomer.length > 0);
    assert.ok(!seenByCustomer.includes('sama virhe viime kuussa'), 'the private note never reached the customer');
    assert.ok(!seenByCustomer.includes('"private"'), 'no private event reached the customer');
    assert.deepEqual(errors, []);
  });
});

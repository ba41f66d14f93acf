/**
 * The shared mode (R6) end to end: two relay processes sharing one state through Redis, as
 * `node relay/main.ts` runs in production. The customer reaches relay A through a load balancer
 * (a TCP proxy); the agents' desks are served by relay B. Anna picks the customer, writes a
 * private note and an answer, transfers to Cecilia's queue; Cecilia takes over with the whole
 * history and the customer never gets the private note. Then relay A, the leader, is killed: the
 * balancer sends the customer to B, which takes the state over; the conversation goes on with
 * no message lost or shown twice on either side.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { demoConfig } from '../../relay/demo-config.js';
import { startTestRedis } from '../relay/cluster-redis.js';
import { NetProxy } from '../relay/net-proxy.js';
import { sharedRelays, type SharedRelay } from '../relay/relay-process.js';
import { agentSignsIn, bubbles, customerStartsChat, framesReceived, launchChromium, openPage, sendMessage } from './harness.js';

describe('two relay processes sharing one state, in the browser', () => {
  const cleanups: Array<() => Promise<void>> = [];
  let relays: SharedRelay[] = [];
  let lease: () => Promise<string | null> = async () => null;
  let balancer: NetProxy | undefined;
  let browser: Browser | undefined;
  let missing = false;
  const errors: string[] = [];

  before(async () => {
    const cleanup = { after: (fn: () => Promise<void>) => void cleanups.unshift(fn) };
    const redis = await startTestRedis(cleanup);
    if (!redis) return void (missing = true);
    // Development mode, as `npm start`: the demo secrets the first relay makes are shared through Redis.
    const shared = await sharedRelays(cleanup, { ...demoConfig, invitations: [], maxConnectionsPerAddress: 0 }, redis.url);
    relays = shared.relays;
    const watcher = await redis.client();
    lease = () => watcher.get(`${shared.keyPrefix}lease`);
    // A first, so A leads.
    for (const relay of relays) await relay.start();
    balancer = await NetProxy.start({ host: '127.0.0.1', port: relays[0]!.port });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await balancer?.close();
    for (const cleanup of cleanups) await cleanup();
  });

  it('a customer on relay A, agents on relay B: pick, a private note, a transfer; A dies and the chat goes on through B', async (t) => {
    if (missing) return t.skip('redis-server is missing and could not be installed: run the tests as root, or install Debian\'s redis-server');
    const [a, b] = relays as [SharedRelay, SharedRelay];
    const anna = await openPage(browser!, `${b.url}/agent.html`, errors);
    await agentSignsIn(anna, 'Anna', 'Asiakaspalvelu');
    const cecilia = await openPage(browser!, `${b.url}/agent.html`, errors);
    await agentSignsIn(cecilia, 'Cecilia', 'Kundtjänst');

    const customer = await openPage(browser!, `http://127.0.0.1:${balancer!.port}/`, errors);
    const framesToCustomer = framesReceived(customer);
    await customerStartsChat(customer, 'asiakaspalvelu', 'Kaisa');

    await anna.getByRole('button', { name: 'Pick Kaisa' }).click();
    await anna.locator('chat-session h2', { hasText: 'Kaisa' }).waitFor();
    await sendMessage(customer, 'Hei, laskussani on virhe.');
    await anna.getByText('Hei, laskussani on virhe.').waitFor();
    await sendMessage(anna, 'Asiakkaalla oli sama virhe viime kuussa.', true);
    await sendMessage(anna, 'Hei Kaisa, siirrän sinut laskutukseen.');
    await customer.getByText('Hei Kaisa, siirrän sinut laskutukseen.').waitFor();

    await anna.getByRole('button', { name: 'Transfer' }).click();
    await anna.getByRole('button', { name: /^Kundtjänst/ }).click();
    await cecilia.getByText('Anna wants to transfer Kaisa to you').waitFor();
    await cecilia.getByRole('button', { name: 'Accept' }).click();
    await cecilia.locator('chat-session h2', { hasText: 'Kaisa' }).waitFor();
    await customer.getByText('Cecilia joined the conversation').waitFor();
    await sendMessage(cecilia, 'Hej Kaisa, jag rättar fakturan.');
    await customer.getByText('Hej Kaisa, jag rättar fakturan.').waitFor();

    const before = {
      cecilia: ['Kaisa: Hei, laskussani on virhe.', 'Anna: PRIVATE Asiakkaalla oli sama virhe viime kuussa.', 'Anna: Hei Kaisa, siirrän sinut laskutukseen.', 'You: Hej Kaisa, jag rättar fakturan.'],
      customer: ['You: Hei, laskussani on virhe.', 'Anna: Hei Kaisa, siirrän sinut laskutukseen.', 'Cecilia: Hej Kaisa, jag rättar fakturan.'],
    };
    assert.deepEqual(await bubbles(cecilia, 'chat-session'), before.cecilia);
    assert.deepEqual(await bubbles(customer, 'chat-widget'), before.customer);

    // Relay A, which leads and holds the customer's connection, dies.
    assert.ok((await lease())?.startsWith(`${a.id}/`), 'relay A leads');
    balancer!.routeTo({ host: '127.0.0.1', port: b.port });
    a.run!.sigkill();
    await a.run!.exit();
    await sendMessage(customer, 'Kiitos! Onko lasku nyt oikein?');
    await cecilia.getByText('Kiitos! Onko lasku nyt oikein?').waitFor({ timeout: 30_000 });
    await sendMessage(cecilia, 'Ja, den är rättad nu.');
    await customer.getByText('Ja, den är rättad nu.').waitFor();

    await settledBubbles(cecilia, 'chat-session', [...before.cecilia, 'Kaisa: Kiitos! Onko lasku nyt oikein?', 'You: Ja, den är rättad nu.']);
    await settledBubbles(customer, 'chat-widget', [...before.customer, 'You: Kiitos! Onko lasku nyt oikein?', 'Cecilia: Ja, den är rättad nu.']);
    const seenByCustomer = framesToCustomer.join('\n');
    assert.ok(seenByCustomer.includes('"recovered":true'), 'the customer resumed its stream on relay B');
    assert.ok(!seenByCustomer.includes('sama virhe viime kuussa'), 'the private note never reached the customer');
    assert.ok(!seenByCustomer.includes('"private"'), 'no private event reached the customer');
    assert.ok((await lease())?.startsWith(`${b.id}/`), 'relay B took the lead over');
    assert.deepEqual(errors, []);
  });
});

/** After a second for anything late or repeated to arrive, the bubbles are exactly `expected`. */
async function settledBubbles(page: Page, host: string, expected: string[]): Promise<void> {
  await page.waitForTimeout(1000);
  assert.deepEqual(await bubbles(page, host), expected);
}

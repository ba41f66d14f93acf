import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentSignsIn, demoPages } from './harness.js';

describe('the widget inside a framework page without a build step (examples/framework.html)', () => {
  const { page, errors } = demoPages();

  it('follows the component’s state and reports the chat’s start and end to it', async () => {
    // The agent first: with nobody available the widget offers a message form instead of a chat (Q8).
    const agent = await page('/agent.html');
    await agentSignsIn(agent, 'Alice', 'Asiakaspalvelu');

    const customer = await page('/framework.html');
    const status = customer.locator('p.chat-status');
    await customer.getByRole('button', { name: 'Chat with us' }).waitFor();
    assert.equal(await status.textContent(), 'No chat yet.');

    // The component's state reaches the widget: its language, then a fixed queue.
    await customer.getByRole('radio', { name: 'Suomi' }).check();
    await customer.getByRole('button', { name: 'Keskustele kanssamme' }).waitFor();
    assert.equal(await customer.locator('chat-widget').getAttribute('lang'), 'fi');
    await customer.getByLabel('Queue').selectOption('asiakaspalvelu');
    assert.equal(await customer.locator('chat-widget').evaluate((el) => (el as HTMLElement & { queue: string }).queue), 'asiakaspalvelu');

    await customer.getByRole('button', { name: 'Keskustele kanssamme' }).click();
    await customer.getByLabel('Nimesi').fill('Maria Virtanen');
    assert.equal(await customer.getByLabel('Aihe').count(), 0, 'the queue is the page’s choice, not the customer’s');
    await customer.getByRole('button', { name: 'Aloita keskustelu' }).click();
    await agent.getByRole('button', { name: 'Pick Maria Virtanen' }).click();

    // The widget's events, as the page's component shows them.
    await status.filter({ hasText: 'Chatting with Alice (asiakaspalvelu).' }).waitFor();
    await customer.getByRole('button', { name: 'Lopeta keskustelu' }).click();
    await customer.getByRole('button', { name: 'Lopeta keskustelu' }).click();
    await status.filter({ hasText: 'The chat has ended (customer-ended).' }).waitFor();
    assert.deepEqual(errors, []);
  });

  it('serves the framework from its allowlist and nothing else of node_modules', async () => {
    const { origin } = new URL((await page('/framework.html')).url());
    const statusOf = async (path: string) => (await fetch(`${origin}${path}`)).status;
    assert.equal(await statusOf('/vendor/preact.js'), 200);
    assert.equal(await statusOf('/vendor/preact-hooks.js'), 200);
    assert.equal(await statusOf('/vendor/htm.js'), 200);
    for (const path of ['/vendor/preact/package.json', '/vendor/%2e%2e/package.json', '/vendor/%2e%2e/node_modules/preact/package.json', '/node_modules/preact/package.json', '/vendor/toString', '/vendor/']) {
      assert.equal(await statusOf(path), 404, path);
    }
    assert.deepEqual(errors, []);
  });
});

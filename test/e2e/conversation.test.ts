import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { agentSignsIn, bubbles, customerStartsChat, demoPages } from './harness.js';

describe('a customer page and an agent page hold a conversation', () => {
  const { page, errors } = demoPages();


  it('from the launcher to the end, both sides seeing every message in order', async () => {
    // The agent first: with nobody available the widget offers a message form instead of a chat (Q8).
    const agent = await page('/agent.html');
    await agentSignsIn(agent, 'Alice', 'Asiakaspalvelu');

    const customer = await page('/');
    await customerStartsChat(customer, 'asiakaspalvelu', 'Maria Virtanen');
    await customer.getByText('You are next in line.').waitFor();
    await agent.getByText('Maria Virtanen').first().waitFor();
    await agent.getByRole('button', { name: 'Pick Maria Virtanen' }).click();
    await agent.locator('chat-session h2', { hasText: 'Maria Virtanen' }).waitFor();
    await customer.getByRole('heading', { name: 'Chat with Alice' }).waitFor();

    const script: Array<[Page, string]> = [
      [customer, 'Hello, my invoice looks too high.'],
      [agent, 'Hi Maria! Let me check that for you.'],
      [customer, '<b>not bold</b> & <script>alert(1)</script>'],
      [agent, 'Line one\nLine two'],
      [customer, 'Thanks!'],
    ];
    for (const [page, text] of script) {
      const input = page.getByRole('textbox', { name: 'Message' });
      const [first, ...rest] = text.split('\n');
      await input.fill(first ?? '');
      for (const line of rest) {
        await input.press('Shift+Enter');
        await input.pressSequentially(line);
      }
      await input.press('Enter');
      await assert.doesNotReject(input.evaluate((el: HTMLTextAreaElement) => el.value === '' || Promise.reject(new Error('not cleared'))));
    }

    const expectedForCustomer = script.map(([page, text]) => `${page === customer ? 'You' : 'Alice'}: ${text}`);
    const expectedForAgent = script.map(([page, text]) => `${page === agent ? 'You' : 'Maria Virtanen'}: ${text}`);
    await agent.waitForFunction(
      (n) => document.querySelector('chat-session')?.shadowRoot?.querySelector('chat-message-list')?.shadowRoot?.querySelectorAll('li[data-seq]').length === n,
      script.length,
    );
    await customer.waitForFunction(
      (n) => document.querySelector('chat-widget')?.shadowRoot?.querySelector('chat-message-list')?.shadowRoot?.querySelectorAll('li[data-seq]').length === n,
      script.length,
    );
    assert.deepEqual(await bubbles(customer, 'chat-widget'), expectedForCustomer);
    assert.deepEqual(await bubbles(agent, 'chat-session'), expectedForAgent);
    assert.equal(await customer.locator('chat-widget b').count(), 0, 'user text is never rendered as HTML');

    await customer.getByRole('button', { name: 'End chat' }).click();
    await customer.getByRole('button', { name: 'End chat' }).click();
    await customer.getByText('The chat has ended.').waitFor();
    await agent.getByText('The customer ended the conversation.').waitFor();
    assert.equal(await agent.getByRole('textbox', { name: 'Message' }).isDisabled(), true);
    assert.deepEqual(errors, []);
  });
});

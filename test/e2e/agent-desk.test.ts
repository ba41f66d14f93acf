import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { agentSignsIn, bubbles, demoPages } from './harness.js';

const OFFER_QUEUE = { id: 'offers', name: 'Offer desk', lang: 'en', routing: 'offer', offerTimeoutSeconds: 5 };

describe('an offer queue with two agents', () => {
  const { page, errors } = demoPages({ queues: [OFFER_QUEUE] });

  const send = async (page: Page, text: string) => {
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill(text);
    await input.press('Enter');
  };

  it('a missed offer turns the first agent no-answer, the second accepts, and a reload loses nothing', async () => {
    const first = await page('/agent.html');
    await agentSignsIn(first, 'Aino', 'Offer desk');
    await first.getByText('Nobody is waiting.').waitFor();
    const second = await page('/agent.html');
    await agentSignsIn(second, 'Bertil', 'Offer desk');
    await second.getByText('Nobody is waiting.').waitFor();

    const customer = await page('/');
    await customer.getByRole('button', { name: 'Chat with us' }).click();
    await customer.getByLabel('Your name').fill('Olivia');
    await customer.getByLabel('How can we help? (optional)').fill('My meter reading is wrong');
    await customer.getByRole('button', { name: 'Start chat' }).click();

    // Aino signed in first, so she has been idle longest and gets the offer.
    const offer = first.locator('agent-queue-bar [part=offer]');
    await offer.waitFor();
    assert.match((await offer.textContent()) ?? '', /Olivia[\s\S]*Offer desk[\s\S]*My meter reading is wrong/);
    assert.equal(await second.locator('agent-queue-bar [part=offer]').count(), 0, 'one offer at a time, to one agent');

    // She lets it time out: no-answer for her, the offer moves to Bertil.
    await first.getByText('You missed an offer.').waitFor({ timeout: 10_000 });
    assert.equal(await first.locator('agent-queue-bar select[part=presence]').inputValue(), 'no-answer');
    await second.locator('agent-queue-bar [part=offer]').waitFor({ timeout: 10_000 });
    await second.getByRole('button', { name: 'Accept' }).click();
    await second.locator('chat-session h2', { hasText: 'Olivia' }).waitFor();
    await customer.getByRole('heading', { name: 'Chat with Bertil' }).waitFor();

    await send(second, 'Hello Olivia, Bertil here.');
    await send(customer, 'The reading is 12345.');
    await customer.getByText('The reading is 12345.').waitFor();

    // The customer reloads mid-chat: the same conversation, every message once.
    await customer.reload();
    await customer.locator('chat-widget chat-message-list li[data-seq]').nth(2).waitFor();
    await send(customer, 'Still here after reloading.');
    await second.getByText('Still here after reloading.').waitFor();
    await send(second, 'Noted.');
    await customer.getByText('Noted.').waitFor();

    const expected = [
      ['Olivia', 'My meter reading is wrong'],
      ['Bertil', 'Hello Olivia, Bertil here.'],
      ['Olivia', 'The reading is 12345.'],
      ['Olivia', 'Still here after reloading.'],
      ['Bertil', 'Noted.'],
    ];
    assert.deepEqual(await bubbles(customer, 'chat-widget'), expected.map(([who, text]) => `${who === 'Olivia' ? 'You' : who}: ${text}`));
    assert.deepEqual(await bubbles(second, 'chat-session'), expected.map(([who, text]) => `${who === 'Bertil' ? 'You' : who}: ${text}`));

    // No-answer is cleared only by Aino herself.
    await first.locator('agent-queue-bar select[part=presence]').selectOption('available');
    await first.getByText('You missed an offer.').waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { agentSignsIn, demoPages } from './harness.js';

/** On the customer site: open the widget and choose the queue; the message form shows instead of the start form. */
async function customerFindsNobody(page: Page, queueId: string): Promise<void> {
  await page.getByRole('button', { name: 'Chat with us' }).click();
  await page.getByLabel('Topic').selectOption(queueId);
  await page.getByText('Nobody can chat right now').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Start chat' }).count(), 0, 'no start form');
}

async function customerLeavesMessage(page: Page, name: string, email: string, message: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Your email').fill(email);
  await page.getByLabel('Your message').fill(message);
  await page.getByRole('button', { name: 'Send message' }).click();
  await page.getByRole('status').filter({ hasText: 'Thank you: your message was sent, and we will answer by email.' }).waitFor();
}

describe('a customer leaves a message while nobody can chat (Q8)', () => {
  const { page, errors } = demoPages({
    queues: [
      { id: 'closed-desk', name: 'Closed desk', open: false },
      { id: 'quiet-desk', name: 'Quiet desk' },
    ],
  });

  it('finds the queue closed, leaves a message, and an agent sees it under Saved contacts', async () => {
    const customer = await page('/');
    await customerFindsNobody(customer, 'closed-desk');
    const message = 'Please call me back <b>tomorrow</b>.';
    await customerLeavesMessage(customer, 'Maria Virtanen', 'maria@example.com', message);

    const agent = await page('/agent.html');
    await agentSignsIn(agent, 'Alice', 'Closed desk');
    await agent.getByRole('button', { name: 'Saved contacts (1)' }).click();
    const contacts = agent.getByRole('list', { name: 'Saved contacts (1)' });
    await contacts.getByText(message).waitFor();
    const item = await contacts.locator('li').innerText();
    assert.match(item, /Maria Virtanen/);
    assert.match(item, /maria@example\.com/);
    assert.equal(await contacts.locator('b').count(), 0, 'the message is never rendered as HTML');
    assert.deepEqual(errors, []);
  });

  it('gives the message form for a queue whose only agent is away', async () => {
    const agent = await page('/agent.html');
    await agentSignsIn(agent, 'Bob', 'Quiet desk');
    await agent.getByLabel('Status').selectOption('away');
    // The relay's word that the agent is away, not only the choice on the page.
    await agent.waitForFunction(() => !!document.querySelector('agent-queue-bar')?.shadowRoot?.querySelector('label.presence.away'));

    const customer = await page('/');
    await customerFindsNobody(customer, 'quiet-desk');
    await customerLeavesMessage(customer, 'Erik Berg', 'erik@example.com', 'Is my parcel on its way?');
    await agent.getByRole('button', { name: 'Saved contacts (1)' }).waitFor();
    assert.deepEqual(errors, []);
  });
});

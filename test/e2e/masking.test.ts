import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentSignsIn, bubbles, customerStartsChat, demoPages, framesReceived } from './harness.js';

describe('personal data in a redacting queue', () => {
  const { page, errors } = demoPages();

  it('never reaches the agent raw, while the customer sees their own text as typed', async () => {
    // The agent first: with nobody available the widget offers a message form instead of a chat (Q8).
    const agent = await page('/agent.html');
    const seenByAgent = framesReceived(agent);
    await agentSignsIn(agent, 'Sven', 'Kundtjänst');
    const customer = await page('/');
    await customerStartsChat(customer, 'kundtjanst', '+46 70 123 45 67');
    await agent.getByRole('button', { name: 'Take next' }).click();
    await agent.locator('chat-session h2').waitFor();

    const typed = 'Mitt kort är 4111 1111 1111 1111 och mejl anna@example.se';
    const input = customer.getByRole('textbox', { name: 'Message' });
    await input.fill(typed);
    await input.press('Enter');
    await agent.locator('chat-session chat-message-list li[data-seq]').first().waitFor();

    assert.deepEqual(await bubbles(agent, 'chat-session'), ['********4567: Mitt kort är ************1111 och mejl a***@example.se']);
    assert.equal(await agent.locator('chat-session h2').textContent(), '********4567');
    assert.deepEqual(await bubbles(customer, 'chat-widget'), [`You: ${typed}`]);
    const raw = seenByAgent.join('\n');
    assert.ok(!raw.includes('4111 1111') && !raw.includes('anna@') && !raw.includes('123 45 67'), "no raw value reached the agent's browser");
    assert.deepEqual(errors, []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentSignsIn, demoPages } from './harness.js';

describe('proactive chat between a visitor and an agent (W10)', () => {
  const { page, errors } = demoPages();

  it('the agent sees the visitor, invites them; the visitor accepts and chats with that agent, marked proactive', async () => {
    const agent = await page('/agent.html');
    await agentSignsIn(agent, 'Alice', 'English support');

    const visitor = await page('/?utm=newsletter');
    await agent.getByRole('button', { name: 'Visitors' }).click();
    const invite = agent.getByRole('button', { name: 'Invite the visitor on /' });
    await invite.waitFor();
    assert.equal(await visitor.evaluate(() => localStorage.length), 0, 'a visitor stores nothing');
    assert.equal(await agent.getByText('utm=newsletter').count(), 0, 'agents never see the query');

    await invite.click();
    await agent.getByLabel('Message (optional)').fill('Hello! Can I help you find something?');
    await agent.getByRole('button', { name: 'Send invitation' }).click();

    const bubble = visitor.getByRole('region', { name: 'Invitation to chat' });
    await bubble.getByText('Hello! Can I help you find something?').waitFor();
    await bubble.getByRole('button', { name: 'Chat now' }).click();
    await visitor.getByLabel('Your name').fill('Vivi Visitor');
    assert.equal(await visitor.getByLabel('Topic').count(), 0, 'the invitation’s queue, no choice');
    await visitor.getByRole('button', { name: 'Start chat' }).click();

    await visitor.getByRole('heading', { name: 'Chat with Alice' }).waitFor();
    await agent.locator('chat-session h2', { hasText: 'Vivi Visitor' }).waitFor();
    await agent.locator('chat-session').getByRole('img', { name: 'Proactive: the customer accepted an invitation to chat' }).waitFor();
    await agent.getByText('Accepted your invitation').waitFor();
    assert.deepEqual(errors, []);
  });
});

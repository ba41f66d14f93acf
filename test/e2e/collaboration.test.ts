import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentSignsIn, bubbles, customerStartsChat, demoPages, framesReceived, sendMessage } from './harness.js';

describe('agents working one conversation together', () => {
  const { page, errors } = demoPages();

  it('B is invited and writes privately, the customer never sees it; A transfers to a queue and C continues with the full history', async () => {
    // Agents first: with nobody available the widget offers a message form instead of a chat (Q8).
    const a = await page('/agent.html');
    await agentSignsIn(a, 'Anna', 'Asiakaspalvelu');
    const b = await page('/agent.html');
    await agentSignsIn(b, 'Bruno', 'Asiakaspalvelu');
    const c = await page('/agent.html');
    await agentSignsIn(c, 'Cecilia', 'Kundtjänst');

    const customer = await page('/');
    const framesToCustomer = framesReceived(customer);
    await customerStartsChat(customer, 'asiakaspalvelu', 'Kaisa');

    await a.getByRole('button', { name: 'Pick Kaisa' }).click();
    await a.locator('chat-session h2', { hasText: 'Kaisa' }).waitFor();
    await sendMessage(customer, 'Hei, tarvitsen apua laskun kanssa.');
    await a.getByText('Hei, tarvitsen apua laskun kanssa.').waitFor();

    // A invites Bruno by name.
    await a.getByRole('button', { name: 'Invite', exact: true }).click();
    await a.locator('chat-session [part=target-chooser]').getByLabel('Filter').fill('bru');
    await a.getByRole('button', { name: /^Bruno/ }).click();
    await b.getByText('Anna invites you into the conversation with Kaisa').waitFor();
    await b.getByRole('button', { name: 'Accept' }).click();
    await customer.getByText('Bruno joined the conversation').waitFor();
    await a.getByText('Bruno joined the conversation').waitFor();

    await sendMessage(b, 'Anna, this customer had a billing error last month.', true);
    await a.getByText('Anna, this customer had a billing error last month.').waitFor();
    await sendMessage(b, 'Hei Kaisa, katson asiaa.');
    await customer.getByText('Hei Kaisa, katson asiaa.').waitFor();
    await b.getByRole('button', { name: 'Leave' }).click();
    await customer.getByText('Bruno left the conversation').waitFor();

    // A transfers to the Swedish queue; Cecilia accepts and carries on.
    await a.getByRole('button', { name: 'Transfer' }).click();
    await a.getByRole('button', { name: /^Kundtjänst/ }).click();
    await a.getByText('Transfer asked; waiting for an answer…').waitFor();
    await c.getByText('Anna wants to transfer Kaisa to you').waitFor();
    await c.getByRole('button', { name: 'Accept' }).click();
    await c.locator('chat-session h2', { hasText: 'Kaisa' }).waitFor();
    await a.getByText('Cecilia took over the conversation.').waitFor();
    await customer.getByText('Cecilia joined the conversation').waitFor();
    await customer.getByRole('heading', { name: 'Chat with Cecilia' }).waitFor();

    // Anna wraps up her part.
    await a.locator('chat-session [part=wrap-up-form]').getByLabel('Note').fill('Handed to the Swedish desk');
    await a.getByRole('button', { name: 'Save wrap-up' }).click();
    await a.locator('chat-session [part=wrap-up-form]').waitFor({ state: 'detached' });

    await sendMessage(c, 'Hej Kaisa, jag tar över härifrån.');
    await customer.getByText('Hej Kaisa, jag tar över härifrån.').waitFor();

    // Cecilia sees the whole history, the private note included; the customer never got it.
    const history = await bubbles(c, 'chat-session');
    assert.deepEqual(history, [
      'Kaisa: Hei, tarvitsen apua laskun kanssa.',
      'Bruno: PRIVATE Anna, this customer had a billing error last month.',
      'Bruno: Hei Kaisa, katson asiaa.',
      'You: Hej Kaisa, jag tar över härifrån.',
    ]);
    assert.deepEqual(await bubbles(customer, 'chat-widget'), [
      'You: Hei, tarvitsen apua laskun kanssa.',
      'Bruno: Hei Kaisa, katson asiaa.',
      'Cecilia: Hej Kaisa, jag tar över härifrån.',
    ]);
    const seenByCustomer = framesToCustomer.join('\n');
    assert.ok(!seenByCustomer.includes('billing error'), 'the private note never reached the customer');
    assert.ok(!seenByCustomer.includes('"private"'), 'no private event reached the customer');
    assert.ok(!seenByCustomer.includes('Handed to the Swedish desk'), 'no wrap-up reached the customer');
    assert.deepEqual(errors, []);
  });
});

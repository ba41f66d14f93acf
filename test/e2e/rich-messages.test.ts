import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { agentSignsIn, bubbles, customerStartsChat, demoPages } from './harness.js';

/** A 1×1 PNG and a one-page PDF, made here so the test needs no fixtures. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');

const listItems = (page: Page, host: string) =>
  page.evaluate((h) => document.querySelector(h)?.shadowRoot?.querySelector('chat-message-list')?.shadowRoot?.querySelectorAll('li[data-seq]').length ?? 0, host);

/** Each test has its own agent: an agent signed in by an earlier test stays signed in on the shared relay. */
async function conversationBetween(page: (path: string) => Promise<Page>, agentName: string) {
  // The agent first: with nobody available the widget offers a message form instead of a chat (Q8).
  const agent = await page('/agent.html');
  await agentSignsIn(agent, agentName, 'Asiakaspalvelu');
  const customer = await page('/');
  await customerStartsChat(customer, 'asiakaspalvelu', 'Maria Virtanen');
  await agent.getByRole('button', { name: 'Pick Maria Virtanen' }).click();
  await agent.locator('chat-session h2', { hasText: 'Maria Virtanen' }).waitFor();
  await customer.getByRole('heading', { name: `Chat with ${agentName}` }).waitFor();
  return { customer, agent };
}

describe('rich messages between a customer page and an agent page', () => {
  const { page, errors } = demoPages();

  it('the customer attaches an image and a PDF; the agent sees the thumbnail and opens both', async () => {
    const { customer, agent } = await conversationBetween(page, 'Alice');
    await customer.locator('chat-widget chat-composer input[type=file]').setInputFiles([
      { name: 'photo.png', mimeType: 'image/png', buffer: png },
      { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: pdf },
    ]);
    const chips = customer.locator('chat-widget chat-composer li[part~=upload]');
    await assert.doesNotReject(chips.nth(1).waitFor());
    await customer.locator('chat-widget chat-composer progress').first().waitFor({ state: 'detached' });
    const input = customer.getByRole('textbox', { name: 'Message' });
    await input.fill('Here are the photo and the invoice.');
    await input.press('Enter');
    await chips.first().waitFor({ state: 'detached' });

    const thumbnail = agent.locator('chat-session chat-message-list img[part=thumbnail]');
    await thumbnail.waitFor();
    await agent.waitForFunction(() => {
      const img = document.querySelector('chat-session')?.shadowRoot?.querySelector('chat-message-list')?.shadowRoot?.querySelector('img');
      return !!img && img.complete && img.naturalWidth === 1;
    });
    const [imageTab] = await Promise.all([agent.context().waitForEvent('page'), thumbnail.click()]);
    await imageTab.waitForLoadState();
    assert.equal(await imageTab.evaluate(() => document.images[0]?.naturalWidth), 1, 'the image opens in a tab of its own');
    const image = await agent.request.get(imageTab.url());
    assert.equal(image.headers()['content-type'], 'image/png');
    assert.match(image.headers()['content-disposition'] ?? '', /^inline/);
    assert.deepEqual(await image.body(), png);
    await imageTab.close();

    const pdfLink = agent.locator('chat-session chat-message-list a', { hasText: 'invoice.pdf' });
    const [download] = await Promise.all([agent.waitForEvent('download'), pdfLink.click()]);
    assert.equal(download.suggestedFilename(), 'invoice.pdf');
    assert.deepEqual(await readFile((await download.path())!), pdf);

    // The customer sees their own files as well.
    await customer.locator('chat-widget chat-message-list img[part=thumbnail]').waitFor();
    assert.deepEqual(errors, []);
  });

  it('the agent sends a choice menu; the customer’s choice appears on both sides and the menu locks', async () => {
    const { customer, agent } = await conversationBetween(page, 'Bea');
    await agent.getByRole('button', { name: 'Choice menu' }).click();
    await agent.getByRole('textbox', { name: 'Question' }).fill('What is your question about?');
    await agent.getByRole('textbox', { name: 'Option 1', exact: true }).fill('Billing');
    await agent.getByRole('textbox', { name: 'Option 2', exact: true }).fill('Delivery');
    await agent.getByRole('button', { name: 'Add option' }).click();
    await agent.getByRole('textbox', { name: 'Option 3', exact: true }).fill('Something else');
    await agent.getByRole('button', { name: 'Send menu' }).click();

    const choice = customer.getByRole('button', { name: 'Delivery' });
    await choice.click();
    await customer.waitForFunction(() => !document.querySelector('chat-widget')?.shadowRoot?.querySelector('chat-message-list')?.shadowRoot?.querySelector('[part=choice-button]'));
    await agent.waitForFunction(() => document.querySelector('chat-session')?.shadowRoot?.querySelector('chat-message-list')?.shadowRoot?.querySelectorAll('li[data-seq]').length === 2);
    await customer.waitForFunction(() => document.querySelector('chat-widget')?.shadowRoot?.querySelector('chat-message-list')?.shadowRoot?.querySelectorAll('li[data-seq]').length === 2);
    assert.deepEqual(await bubbles(agent, 'chat-session'), ['You: What is your question about?', 'Maria Virtanen: Delivery']);
    assert.deepEqual(await bubbles(customer, 'chat-widget'), ['Bea: What is your question about?', 'You: Delivery']);
    const chosen = agent.locator('chat-session chat-message-list li[part~=chosen-choice]');
    assert.equal((await chosen.textContent())?.includes('Delivery'), true);
    assert.equal(await customer.locator('chat-widget chat-message-list li[part~=chosen-choice]').count(), 1);
    assert.equal(await listItems(customer, 'chat-widget'), 2);
    assert.deepEqual(errors, []);
  });

  it('the agent inserts a canned response with the names filled in, and each side sees the other typing', async () => {
    const { customer, agent } = await conversationBetween(page, 'Cecilia');
    await customer.getByRole('textbox', { name: 'Message' }).pressSequentially('Hei');
    await agent.getByText('Maria Virtanen is typing…').waitFor();

    const input = agent.getByRole('textbox', { name: 'Message' });
    await input.pressSequentially('/terv');
    await agent.getByRole('option', { name: /Tervehdys/ }).waitFor();
    await input.press('Enter');
    assert.equal(await input.inputValue(), 'Hei Maria Virtanen, täällä Cecilia. Miten voin auttaa?');
    await customer.getByText('Cecilia is typing…').waitFor();
    await input.press('End');
    await input.pressSequentially(' 🙂');
    await input.press('Enter');
    await customer.getByText('Hei Maria Virtanen, täällä Cecilia. Miten voin auttaa? 🙂').waitFor();
    assert.deepEqual(errors, []);
  });
});

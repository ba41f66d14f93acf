import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { agentSignsIn, customerStartsChat, demoPages, fakeMediaArgs } from './harness.js';

/** Frames the page's call has decoded so far, from its peer connection's statistics. */
const framesDecoded = (page: Page, host: string) =>
  page.evaluate(async (h) => {
    const call = document.querySelector(h)?.shadowRoot?.querySelector('chat-call') as (HTMLElement & { getStats(): Promise<RTCStatsReport> | undefined }) | null;
    let frames = 0;
    (await call?.getStats())?.forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
    });
    return frames;
  }, host);

const callState = (page: Page, host: string) =>
  page.evaluate((h) => (document.querySelector(h)?.shadowRoot?.querySelector('chat-call') as (HTMLElement & { connectionState: string }) | null)?.connectionState ?? 'none', host);

/** A text chat in the Finnish queue, where agents pick: earlier tests' agents stay out of the way. */
async function conversation(page: (path: string) => Promise<Page>, agentName: string, customerName: string) {
  // The agent first: with nobody available the widget offers a message form instead of a chat (Q8).
  const agent = await page('/agent.html');
  await agentSignsIn(agent, agentName, 'Asiakaspalvelu');
  const customer = await page('/');
  await customerStartsChat(customer, 'asiakaspalvelu', customerName);
  await agent.getByRole('button', { name: `Pick ${customerName}` }).click();
  await customer.getByRole('heading', { name: `Chat with ${agentName}` }).waitFor();
  return { customer, agent };
}

const connected = (page: Page, host: string) =>
  page.waitForFunction((h) => (document.querySelector(h)?.shadowRoot?.querySelector('chat-call') as { connectionState?: string } | null)?.connectionState === 'connected', host);

describe('a video chat from the start (V2, V3)', () => {
  const { page, errors } = demoPages({}, fakeMediaArgs);

  it('shows the video icon in line, connects when the agent accepts, and hanging up means ending the chat', async () => {
    const agent = await page('/agent.html');
    await agentSignsIn(agent, 'Valter', 'English support');
    const customer = await page('/');
    await customer.getByRole('button', { name: 'Chat with us' }).click();
    await customer.getByLabel('Your name').fill('Vivi Video');
    await customer.getByRole('button', { name: 'Start video chat' }).click();
    await agent.locator('agent-queue-bar [role=img][aria-label="Video chat"]').first().waitFor();
    await agent.getByRole('button', { name: 'Accept' }).click();
    await connected(agent, 'chat-session');
    await connected(customer, 'chat-widget');
    assert.equal(await agent.getByRole('button', { name: 'Video call' }).count(), 0, 'no second call is offered');

    await agent.locator('chat-session chat-call').getByRole('button', { name: 'Hang up' }).click();
    await agent.locator('chat-session [part~=wrap-up-form]').waitFor();
    assert.equal(await callState(agent, 'chat-session'), 'connected', 'hanging up a video chat asks to end it; the call goes on until then');
    assert.deepEqual(errors, []);
  });
});

describe('switching a chat to video (V1, V5)', () => {
  const { page, errors } = demoPages({}, fakeMediaArgs);

  it('connects both pages peer to peer, each decoding the other’s video; mute is seen across; hang up goes back to text on both', async () => {
    const { customer, agent } = await conversation(page, 'Vera', 'Ville Video');
    await agent.getByRole('button', { name: 'Video call' }).click();
    await agent.getByText('Waiting for the customer to accept the video call…').waitFor();
    await customer.getByRole('button', { name: 'Accept video' }).click();

    await agent.waitForFunction(() => (document.querySelector('chat-session')?.shadowRoot?.querySelector('chat-call') as { connectionState?: string } | null)?.connectionState === 'connected');
    await customer.waitForFunction(() => (document.querySelector('chat-widget')?.shadowRoot?.querySelector('chat-call') as { connectionState?: string } | null)?.connectionState === 'connected');
    for (const [p, host] of [[agent, 'chat-session'], [customer, 'chat-widget']] as const) {
      await p.waitForFunction(
        async (h) => {
          const call = document.querySelector(h)?.shadowRoot?.querySelector('chat-call') as (HTMLElement & { getStats(): Promise<RTCStatsReport> | undefined }) | null;
          let frames = 0;
          (await call?.getStats())?.forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
            if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
          });
          return frames > 0;
        },
        host,
        { polling: 250 },
      );
      assert.ok((await framesDecoded(p, host)) > 0, `${host} decodes video frames`);
    }

    await customer.locator('chat-widget chat-call').getByRole('button', { name: 'Mute' }).click();
    await agent.getByText('Ville Video has muted their microphone.').waitFor();

    // The chat stays usable beside the video.
    const input = customer.getByRole('textbox', { name: 'Message' });
    await input.fill('Can you see me?');
    await input.press('Enter');
    await agent.getByText('Can you see me?').waitFor();

    await agent.locator('chat-session chat-call').getByRole('button', { name: 'Hang up' }).click();
    await agent.getByText('The video call ended; the chat goes on.').waitFor();
    await customer.getByText('The video call ended; the chat goes on.').waitFor();
    assert.equal(await callState(agent, 'chat-session'), 'none');
    assert.equal(await callState(customer, 'chat-widget'), 'none');
    assert.equal(await customer.getByRole('textbox', { name: 'Message' }).isDisabled(), false);
    assert.deepEqual(errors, []);
  });

  it('a declined switch leaves the chat working', async () => {
    const { customer, agent } = await conversation(page, 'Wilma', 'Walter Text');
    await agent.getByRole('button', { name: 'Video call' }).click();
    await customer.getByRole('button', { name: 'Stay with text' }).click();
    await agent.getByText('The video call was declined; the chat goes on.').waitFor();
    const input = agent.getByRole('textbox', { name: 'Message' });
    await input.fill('Text it is.');
    await input.press('Enter');
    await customer.getByText('Text it is.').waitFor();
    assert.deepEqual(errors, []);
  });

  it('a denied camera permission is explained on that side, and the chat goes on as text', async () => {
    const { customer, agent } = await conversation(page, 'Xenia', 'Xavier Denied');
    await customer.evaluate(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('denied by the test', 'NotAllowedError'));
    });
    await agent.getByRole('button', { name: 'Video call' }).click();
    await customer.getByRole('button', { name: 'Accept video' }).click();
    await customer.getByText('No camera or microphone was allowed; the chat goes on.').waitFor();
    await agent.getByText('No camera or microphone was allowed; the chat goes on.').waitFor();
    assert.equal(await callState(agent, 'chat-session'), 'none', 'the agent’s call closed too');
    const input = customer.getByRole('textbox', { name: 'Message' });
    await input.fill('Still here.');
    await input.press('Enter');
    await agent.getByText('Still here.').waitFor();
    assert.deepEqual(errors, []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUEUE_A, replyCode, roundTrip, startTestRelay } from './helpers.js';

describe('one customer in several tabs', () => {
  it('shows every tab the same line and conversation live; a new tab’s welcome and history go to it alone', async (t) => {
    const relay = await startTestRelay(t);
    const agent = await relay.agent('alice', [QUEUE_A]);
    const first = await relay.customer('Maija');
    const second = await relay.connect();
    const welcome = await second.hello('customer', { resume: first.welcome.resumeToken! });
    assert.equal(welcome.self.id, first.welcome.self.id, 'the same customer');
    await roundTrip(first.client);
    assert.equal(first.client.received.filter((m) => m.type === 'welcome').length, 1, 'the first tab got no second welcome');

    assert.equal(replyCode(await second.request({ type: 'join', queue: QUEUE_A, name: 'Maija' })), 'ack');
    await first.client.next('waiting');
    await second.next('waiting');
    const pick = await agent.client.request({ type: 'pick', queue: QUEUE_A });
    assert.equal(replyCode(pick), 'ack');
    await first.client.next('conversation-started');
    await second.next('conversation-started');
    const conversation = pick.type === 'ack' ? pick.conversation! : '';

    assert.equal(replyCode(await first.client.request({ type: 'send', conversation, text: 'From the first tab' })), 'ack');
    assert.equal(replyCode(await agent.client.request({ type: 'send', conversation, text: 'Hello both' })), 'ack');
    for (const tab of [first.client, second]) {
      const texts: string[] = [];
      for (let i = 0; i < 2; i++) texts.push((await tab.next('message', (m) => m.conversation === conversation)).text);
      assert.deepEqual(texts, ['From the first tab', 'Hello both']);
    }

    // A third tab opened now gets the history once; the others get nothing new.
    const third = await relay.connect();
    await third.hello('customer', { resume: first.welcome.resumeToken! });
    const replayed = await third.next('history', (m) => m.conversation === conversation);
    assert.deepEqual(replayed.events.filter((e) => e.type === 'message').map((e) => (e.type === 'message' ? e.text : '')), ['From the first tab', 'Hello both']);
    await roundTrip(second);
    assert.equal(second.received.filter((m) => m.type === 'history').length, 0, 'the second tab was not sent the third one’s history');

    assert.equal(replyCode(await third.request({ type: 'end', conversation })), 'ack');
    for (const tab of [first.client, second, third]) await tab.next('conversation-ended', (m) => m.conversation === conversation);
  });
});

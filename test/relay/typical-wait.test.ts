import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUEUE_A, sleep, startTestRelay, TICK_WAIT_MS } from './helpers.js';

describe('the typical wait told to customers in line (W2)', () => {
  it('is the median wait of those served in the last 7 days, once five were served, and absent before', async (t) => {
    const relay = await startTestRelay(t);
    const agent = (await relay.agent('alice', [QUEUE_A], ['*'], { maxConversations: 50 })).client;
    // Five customers served after 10, 20, 30, 40 and 50 seconds in line: the median is 30 s.
    for (const [i, waitSeconds] of [10, 20, 30, 40, 50].entries()) {
      const { client } = await relay.customer(`Served ${i}`, QUEUE_A);
      const waiting = client.received.find((m) => m.type === 'waiting');
      assert.ok(waiting?.type === 'waiting' && waiting.typicalWait === undefined, 'nothing to tell before five were served');
      relay.clock.advance(waitSeconds * 1000);
      assert.equal((await agent.request({ type: 'pick', queue: QUEUE_A })).type, 'ack');
    }
    await sleep(TICK_WAIT_MS);
    const { client } = await relay.customer('Newcomer', QUEUE_A);
    const waiting = client.received.find((m) => m.type === 'waiting');
    assert.ok(waiting?.type === 'waiting');
    assert.ok(waiting.typicalWait !== undefined && Math.abs(waiting.typicalWait - 30) <= 15, `typical wait ${waiting.typicalWait} s, the median 30 s within the histogram's bound`);
  });

  it('reaches a customer already in line once it becomes known, though nobody moved', async (t) => {
    const relay = await startTestRelay(t);
    const agent = (await relay.agent('alice', [QUEUE_A], ['*'], { maxConversations: 50 })).client;
    const early = (await relay.customer('Early', QUEUE_A)).client;
    for (const [i, waitSeconds] of [10, 20, 30, 40, 50].entries()) {
      const { welcome } = await relay.customer(`Served ${i}`, QUEUE_A);
      relay.clock.advance(waitSeconds * 1000);
      assert.equal((await agent.request({ type: 'pick', queue: QUEUE_A, customer: welcome.self.id })).type, 'ack');
    }
    const told = await early.next('waiting', (m) => m.typicalWait !== undefined);
    assert.equal(told.position, 1, 'still first in line');
    assert.ok(Math.abs(told.typicalWait! - 30) <= 15, `typical wait ${told.typicalWait} s`);
  });
});

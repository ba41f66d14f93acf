import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatsReport } from '../../protocol/index.js';
import { QUEUE_A, startConversation, startTestRelay, replyCode } from './helpers.js';

const code = replyCode;

describe('rating a conversation (W5)', () => {
  it('is for its customer after the end, once; a resend is acknowledged; agents see it in their log and statistics count it', async (t) => {
    const relay = await startTestRelay(t, { queueA: { redactPii: true } });
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const rate = { type: 'rate' as const, conversation, stars: 4, comment: 'Quick help, call me on +358401234567' };
    assert.equal(code(await customer.client.request(rate)), 'not-ended', 'not while it goes on');
    assert.equal(code(await agent.client.request(rate)), 'forbidden', 'agents do not rate');
    const other = await relay.customer('Other');
    assert.equal(code(await other.client.request(rate)), 'not-participant');
    assert.equal(code(await customer.client.request({ ...rate, stars: 6 })), 'invalid-message');

    assert.equal(code(await customer.client.request({ type: 'end', conversation })), 'ack');
    const first = await customer.client.request(rate);
    assert.equal(code(first), 'ack');
    const resent = await customer.client.request(rate);
    assert.equal(code(resent), 'ack', 'the same rating again is acknowledged');
    assert.equal(code(await customer.client.request({ ...rate, stars: 1 })), 'already-rated');

    const stored = relay.relay.store.conversation(conversation)!;
    assert.equal(stored.rating?.stars, 4);
    assert.ok(!stored.rating?.comment?.includes('401234567'), 'the comment is redacted where the queue redacts');
    const rated = stored.log.filter((e) => e.type === 'rated');
    assert.equal(rated.length, 1, 'recorded once');
    assert.ok(!stored.customerLog.some((e) => e.type === 'rated'), 'the agents’ record only');

    const operator = await relay.agent('olli', [QUEUE_A], ['*'], { roles: ['agent', 'operator'] });
    assert.equal(code(await operator.client.request({ type: 'stats', queue: QUEUE_A, range: 'today' })), 'ack');
    const report = StatsReport.parse((await operator.client.next('stats')).report);
    assert.deepEqual(report.totals.ratings, { count: 1, average: 4 });
    assert.equal(report.agents.find((a) => a.id === 'agent:alice')?.figures.ratings.count, 1);
  });
});

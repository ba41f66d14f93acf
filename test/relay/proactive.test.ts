import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../relay/config.js';
import { QUEUE_A, QUEUE_B, replyCode, roundTrip, sleep, startTestRelay, TICK_WAIT_MS } from './helpers.js';

const invitations = [{ id: 'pricing', queue: QUEUE_A, afterSeconds: 20, pages: ['/pricing', '/plans/*'], message: { en: 'Questions about prices?', fi: 'Kysyttävää hinnoista?' } }];

describe('proactive chat (W10)', () => {
  it('gives customers the site’s configured invitations; accepting one marks the chat proactive for agents', async (t) => {
    const relay = await startTestRelay(t, { invitations });
    const { client, welcome } = await relay.customer('Maija');
    assert.deepEqual(welcome.invitations, invitations);
    const agent = await relay.agent('alice', [QUEUE_A]);
    assert.equal(replyCode(await client.request({ type: 'join', queue: QUEUE_B, name: 'Maija', invitation: 'site:pricing' })), 'invitation-unknown', 'for its own queue only');
    assert.equal(replyCode(await client.request({ type: 'join', queue: QUEUE_A, name: 'Maija', invitation: 'site:nonsense' })), 'invitation-unknown');
    assert.equal(replyCode(await client.request({ type: 'join', queue: QUEUE_A, name: 'Maija', invitation: 'site:pricing' })), 'ack');
    const snapshot = await agent.client.next('queue', (m) => m.queue.waiting.length === 1);
    assert.equal(snapshot.queue.waiting[0]!.proactive, true);
    assert.equal(replyCode(await agent.client.request({ type: 'pick', queue: QUEUE_A })), 'ack');
    assert.equal((await agent.client.next('conversation-started')).proactive, true);
  });

  it('lists visitors to signed-in agents, paths only, and lets an agent invite one; the accepted invitation starts the chat with that agent', async (t) => {
    const relay = await startTestRelay(t);
    const agent = await relay.agent('alice', [QUEUE_A]);
    const { client: visitor, welcome } = await relay.customer('');
    assert.equal(replyCode(await visitor.request({ type: 'visit', page: 'https://shop.example/checkout?email=maija@example.com#pay', title: 'Checkout', language: 'fi' })), 'ack');
    const waiting = await relay.customer('Olli', QUEUE_A);

    assert.equal(replyCode(await agent.client.request({ type: 'visitors' })), 'ack');
    const listed = await agent.client.next('visitors');
    assert.deepEqual(listed.visitors.map(({ id, page, title, language }) => ({ id, page, title, language })), [{ id: welcome.self.id, page: 'https://shop.example/checkout', title: 'Checkout', language: 'fi' }], 'waiting customers are not visitors; the query is never kept');

    const invite = await agent.client.request({ type: 'invite-visitor', visitor: welcome.self.id, queue: QUEUE_A, message: 'Can I help with the checkout?' });
    assert.equal(replyCode(invite), 'ack');
    const invitation = (await visitor.next('invitation')).invitation;
    assert.deepEqual([invitation.from, invitation.message, invitation.queue], ['Agent alice', 'Can I help with the checkout?', QUEUE_A]);
    assert.equal(invite.type === 'ack' ? invite.request : '', invitation.id);
    assert.equal(replyCode(await agent.client.request({ type: 'invite-visitor', visitor: welcome.self.id, queue: QUEUE_A })), 'request-pending');
    assert.equal(replyCode(await agent.client.request({ type: 'visitors' })), 'ack');
    assert.equal((await agent.client.next('visitors')).visitors[0]!.invitedBy, 'Agent alice');

    const joined = await visitor.request({ type: 'join', queue: QUEUE_A, name: 'Maija', invitation: invitation.id });
    assert.equal(replyCode(joined), 'ack');
    assert.ok(joined.type === 'ack' && joined.conversation, 'taken at once by the inviting agent, before Olli who waits');
    assert.equal((await agent.client.next('invitation-ended')).outcome, 'accepted');
    const started = await agent.client.next('conversation-started');
    assert.deepEqual([started.customer.name, started.proactive], ['Maija', true]);
    await visitor.next('conversation-started');
    assert.equal(replyCode(await waiting.client.request({ type: 'leave' })), 'ack', 'Olli still waits');
  });

  it('ends invitations that are dismissed, that nobody answers in time, and whose visitor leaves', async (t) => {
    const relay = await startTestRelay(t, { customerGraceSeconds: 1 });
    const agent = await relay.agent('alice', [QUEUE_A]);
    const visitors = await Promise.all(['One', 'Two', 'Three'].map(async () => {
      const { client, welcome } = await relay.customer('');
      assert.equal(replyCode(await client.request({ type: 'visit', page: '/' })), 'ack');
      return { client, id: welcome.self.id };
    }));
    const ids: string[] = [];
    for (const v of visitors) {
      const reply = await agent.client.request({ type: 'invite-visitor', visitor: v.id, queue: QUEUE_A });
      ids.push(reply.type === 'ack' ? reply.request! : '');
      await v.client.next('invitation');
    }
    const [dismissing, ignoring, leaving] = visitors as [typeof visitors[0], typeof visitors[0], typeof visitors[0]];
    assert.equal(replyCode(await dismissing.client.request({ type: 'dismiss-invitation', invitation: 'not-this' })), 'invitation-unknown');
    assert.equal(replyCode(await dismissing.client.request({ type: 'dismiss-invitation', invitation: ids[0]! })), 'ack');
    assert.deepEqual(await agent.client.next('invitation-ended', (m) => m.invitation === ids[0]), { type: 'invitation-ended', invitation: ids[0], visitor: dismissing.id, outcome: 'dismissed' });
    assert.equal(replyCode(await dismissing.client.request({ type: 'join', queue: QUEUE_A, name: 'One', invitation: ids[0]! })), 'invitation-unknown', 'a dismissed invitation cannot be accepted');

    await leaving.client.close();
    relay.clock.advance(2 * 60_000 + 1);
    await sleep(TICK_WAIT_MS);
    const outcomes = new Map<string, string>();
    for (let i = 0; i < 2; i++) {
      const ended = await agent.client.next('invitation-ended');
      outcomes.set(ended.visitor, ended.outcome);
    }
    assert.equal(outcomes.get(ignoring.id), 'expired');
    assert.ok(['gone', 'expired'].includes(outcomes.get(leaving.id)!), 'the leaver is gone (or expired first, on the same tick)');
    assert.equal((await ignoring.client.next('invitation-ended')).outcome, 'expired', 'the visitor’s widget takes it away');
  });

  it('is refused to customers, to agents outside the queue and for visitors who are busy', async (t) => {
    const relay = await startTestRelay(t);
    const { client: customer, welcome } = await relay.customer('Maija', QUEUE_A);
    assert.equal(replyCode(await customer.request({ type: 'visitors' } as never)), 'forbidden');
    assert.equal(replyCode(await customer.request({ type: 'invite-visitor', visitor: welcome.self.id, queue: QUEUE_A } as never)), 'forbidden');
    const notSignedIn = await relay.agent('bob', []);
    assert.equal(replyCode(await notSignedIn.client.request({ type: 'visitors' })), 'not-signed-in');
    const other = await relay.agent('carl', [QUEUE_B]);
    assert.equal(replyCode(await other.client.request({ type: 'invite-visitor', visitor: welcome.self.id, queue: QUEUE_A })), 'not-signed-in');
    const alice = await relay.agent('alice', [QUEUE_A]);
    assert.equal(replyCode(await customer.request({ type: 'visit', page: '/' })), 'ack');
    assert.equal(replyCode(await alice.client.request({ type: 'invite-visitor', visitor: welcome.self.id, queue: QUEUE_A })), 'customer-unavailable', 'already waiting');
    await roundTrip(alice.client);
  });

  it('takes only invitations for queues that exist, with unique ids', () => {
    const base = { queues: [{ id: 'q', name: 'Q' }] };
    assert.throws(() => parseConfig({ ...base, invitations: [{ id: 'a', queue: 'nope', afterSeconds: 5, message: 'Hi' }] }), /every invitation names one of the queues/);
    assert.throws(() => parseConfig({ ...base, invitations: [0, 1].map(() => ({ id: 'a', queue: 'q', afterSeconds: 5, message: 'Hi' })) }), /invitation ids must be unique/);
    assert.equal(parseConfig({ ...base, invitations: [{ id: 'a', queue: 'q', afterSeconds: 5, message: 'Hi' }] }).invitations[0]!.pages.length, 0);
  });
});

/**
 * Video calls (V1–V4) over the real relay and on the pure domain: who may send each call
 * command, signalling between the customer and the owning agent only, the connect deadline,
 * video chats that cannot go on as text, and the ICE servers of the welcome.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { limits, type CallSignal, type CommandInput } from '../../protocol/index.js';
import type { AgentClaims } from '../../relay/auth/jwt.js';
import { parseConfig } from '../../relay/config.js';
import type { Effect } from '../../relay/domain/effects.js';
import type { Actor } from '../../relay/domain/model.js';
import { DomainDriver } from './domain-driver.js';
import {
  eventsOf,
  gaplessSeqs,
  QUEUE_A,
  QUEUE_B,
  roundTrip,
  startConversation,
  startTestRelay,
  TICK_WAIT_MS,
  until,
  type TestClient,
  type TestRelay,
  replyCode,
} from './helpers.js';

const CONNECT_SECONDS = 10;
const code = replyCode;

async function ok(client: TestClient, command: CommandInput): Promise<void> {
  const reply = await client.request(command);
  assert.equal(code(reply), 'ack', `${command.type} was refused: ${JSON.stringify(reply)}`);
}

/** Invites `sub` (serving QUEUE_B) by name and has them accept; returns their client once they are in. */
async function guest(relay: TestRelay, owner: TestClient, conversation: string, sub: string): Promise<TestClient> {
  const { client } = await relay.agent(sub, [QUEUE_B]);
  const reply = await owner.request({ type: 'invite', conversation, to: { agent: `agent:${sub}` } });
  assert.ok(reply.type === 'ack' && reply.request, `invite refused: ${JSON.stringify(reply)}`);
  await client.next('request', (m) => m.request.id === reply.request);
  await ok(client, { type: 'answer-request', request: reply.request, accept: true });
  await client.next('agent-joined', (m) => m.conversation === conversation && m.agent.id === `agent:${sub}`);
  return client;
}

/** A customer who joined `queue` for a video chat and waits. */
async function videoCustomer(relay: TestRelay, name: string, queue = QUEUE_A) {
  const customer = await relay.customer(name);
  await ok(customer.client, { type: 'join', queue, name, media: 'video' });
  await customer.client.next('waiting');
  return customer;
}

/** The owner switches the conversation to video and the customer accepts. */
async function switchToVideo(owner: TestClient, customer: TestClient, conversation: string): Promise<void> {
  await ok(owner, { type: 'call-start', conversation });
  await customer.next('call', (m) => m.conversation === conversation && m.state === 'asked');
  await ok(customer, { type: 'call-answer', conversation, accept: true });
  await owner.next('call', (m) => m.conversation === conversation && m.state === 'started');
}

/** Messages still flow both ways: the chat goes on. */
async function chatGoesOn(owner: TestClient, customer: TestClient, conversation: string, word: string): Promise<void> {
  await ok(customer, { type: 'send', conversation, text: `customer ${word}` });
  await owner.next('message', (m) => m.conversation === conversation && m.text === `customer ${word}`);
  await ok(owner, { type: 'send', conversation, text: `agent ${word}` });
  await customer.next('message', (m) => m.conversation === conversation && m.text === `agent ${word}`);
}

const signalsTo = (client: TestClient) => client.received.filter((m) => m.type === 'call-signal');

describe('who may send each call command', () => {
  it('answers the customer, another customer, the owner, an invited guest and another conversation\'s agent as the table says; a refusal changes nothing', async (t) => {
    const relay = await startTestRelay(t, { queueA: { video: true } });
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const elsewhere = await startConversation(relay, 'Pekka', 'carol');
    const maija = customer.client;
    const alice = agent.client;
    const bob = await guest(relay, alice, conversation, 'bob');
    const senders = { customer: maija, 'other customer': elsewhere.customer.client, owner: alice, guest: bob, 'other agent': elsewhere.agent.client };
    const stored = () => relay.relay.store.conversation(conversation)!;

    type State = 'none' | 'asked' | 'started';
    async function bring(state: State): Promise<void> {
      if ((stored().call?.state ?? 'none') === state) return;
      if (stored().call) await ok(alice, { type: 'call-end', conversation, reason: 'hangup' });
      if (state === 'none') return;
      await ok(alice, { type: 'call-start', conversation });
      if (state === 'started') await ok(maija, { type: 'call-answer', conversation, accept: true });
    }

    const commands: Record<string, { needs: State; command: CommandInput }> = {
      'call-start': { needs: 'none', command: { type: 'call-start', conversation } },
      'call-answer': { needs: 'asked', command: { type: 'call-answer', conversation, accept: true } },
      'call-signal': { needs: 'started', command: { type: 'call-signal', conversation, signal: { kind: 'media', muted: true, cameraOff: false } } },
      'call-connected': { needs: 'started', command: { type: 'call-connected', conversation } },
      'call-end': { needs: 'started', command: { type: 'call-end', conversation, reason: 'hangup' } },
    };
    const results: Record<string, Record<string, string | undefined>> = {};
    for (const [name, { needs, command }] of Object.entries(commands)) {
      results[name] = {};
      for (const [who, client] of Object.entries(senders)) {
        await bring(needs);
        const before = { log: stored().log.length, customerLog: stored().customerLog.length, call: structuredClone(stored().call) };
        const reply = code(await client.request(command));
        results[name]![who] = reply;
        if (reply !== 'ack') {
          const after = { log: stored().log.length, customerLog: stored().customerLog.length, call: structuredClone(stored().call) };
          assert.deepEqual(after, before, `${who}'s refused ${name} changed the conversation`);
        }
      }
    }
    const parties = { customer: 'ack', 'other customer': 'not-participant', owner: 'ack', guest: 'forbidden', 'other agent': 'not-participant' };
    assert.deepEqual(results, {
      'call-start': { customer: 'forbidden', 'other customer': 'forbidden', owner: 'ack', guest: 'forbidden', 'other agent': 'not-participant' },
      'call-answer': { customer: 'ack', 'other customer': 'not-participant', owner: 'forbidden', guest: 'forbidden', 'other agent': 'forbidden' },
      'call-signal': parties,
      'call-connected': parties,
      'call-end': parties,
    });

    // Only the two parties' own signals reached the other; nothing reached anyone else.
    for (const client of Object.values(senders)) await roundTrip(client);
    assert.deepEqual(signalsTo(maija).map((m) => m.from), ['agent:alice']);
    assert.deepEqual(signalsTo(alice).map((m) => m.from), [customer.welcome.self.id]);
    for (const who of ['other customer', 'guest', 'other agent'] as const) {
      assert.ok(!senders[who].frames.some((f) => f.includes('"call-signal"')), `${who} received a signal`);
    }
    assert.ok(!relay.relay.store.conversation(elsewhere.conversation)!.log.some((e) => e.type === 'call'), 'the other conversation has no call');
    assert.equal(relay.relay.store.conversation(conversation)?.ended, false);
  });
});

describe('signalling', () => {
  it('passes offer, answer, candidates and media state unchanged to the other party only, with the sender, and never into the history', async (t) => {
    const relay = await startTestRelay(t, { queueA: { video: true } });
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const maija = customer.client;
    const alice = agent.client;
    const bob = await guest(relay, alice, conversation, 'bob');
    const customerId = customer.welcome.self.id;

    const signal = (kind: 'offer' | 'answer'): CallSignal => ({ kind, sdp: `v=0\r\no=- 46117 2 IN IP4 127.0.0.1\r\ns=${kind}\r\n` });
    assert.equal(code(await alice.request({ type: 'call-signal', conversation, signal: signal('offer') })), 'no-call', 'no call yet');
    await ok(alice, { type: 'call-start', conversation });
    assert.equal(code(await alice.request({ type: 'call-signal', conversation, signal: signal('offer') })), 'no-call', 'asked, not accepted');
    assert.equal(code(await maija.request({ type: 'call-connected', conversation })), 'no-call');
    await ok(maija, { type: 'call-answer', conversation, accept: true });

    const fromAlice: CallSignal[] = [
      signal('offer'),
      { kind: 'candidate', candidate: { candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host', sdpMid: '0', sdpMLineIndex: 0 } },
      { kind: 'media', muted: false, cameraOff: true },
    ];
    const fromMaija: CallSignal[] = [
      signal('answer'),
      { kind: 'candidate', candidate: { candidate: 'candidate:2 1 udp 2122260223 198.51.100.7 61000 typ host', sdpMid: null, sdpMLineIndex: null } },
      { kind: 'media', muted: true, cameraOff: false },
    ];
    for (const s of fromAlice) await ok(alice, { type: 'call-signal', conversation, signal: s });
    for (const s of fromMaija) await ok(maija, { type: 'call-signal', conversation, signal: s });
    for (const client of [maija, alice, bob]) await roundTrip(client);

    assert.deepEqual(signalsTo(maija), fromAlice.map((s) => ({ type: 'call-signal', conversation, from: 'agent:alice', signal: s })));
    assert.deepEqual(signalsTo(alice), fromMaija.map((s) => ({ type: 'call-signal', conversation, from: customerId, signal: s })));
    assert.ok(!bob.frames.some((f) => f.includes('"call-signal"') || f.includes('46117')), 'the guest sees the call, never its signals');

    const stored = relay.relay.store.conversation(conversation)!;
    assert.deepEqual(stored.log.map((e) => (e.type === 'call' ? `call:${e.state}` : e.type)), ['conversation-started', 'agent-joined', 'call:asked', 'call:started']);
    assert.ok(!JSON.stringify([stored.log, stored.customerLog]).includes('46117'), 'no signal in either stream');
    gaplessSeqs(eventsOf(maija, conversation), 'the customer');
    gaplessSeqs(eventsOf(bob, conversation), 'the guest');
    await ok(maija, { type: 'sync', conversation, after: 0 });
    const history = await maija.next('history', (m) => m.conversation === conversation);
    assert.deepEqual(history.events.map((e) => e.type), ['conversation-started', 'agent-joined', 'call', 'call'], 'a resume replays the call, not its signals');
  });

  it('carries a session description as long as the limit, in CRLF lines, and refuses a longer one', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    await switchToVideo(agent.client, customer.client, conversation);
    const line = `a=${'x'.repeat(78)}\r\n`;
    const sdp = line.repeat(Math.ceil(limits.sdpLength / line.length)).slice(0, limits.sdpLength);
    await ok(agent.client, { type: 'call-signal', conversation, signal: { kind: 'offer', sdp } });
    const received = await customer.client.next('call-signal');
    assert.equal(received.signal.kind === 'offer' && received.signal.sdp, sdp);
    const tooLong = await agent.client.request({ type: 'call-signal', conversation, signal: { kind: 'offer', sdp: `${sdp}x` } });
    assert.equal(code(tooLong), 'invalid-message');
  });
});

describe('a video call the agent asks for (V1)', () => {
  it('tells both who asked and who accepted; declined, the chat goes on and the agent may ask again', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const maija = customer.client;
    const alice = agent.client;

    await ok(alice, { type: 'call-start', conversation });
    const asked = await maija.next('call', (m) => m.conversation === conversation);
    assert.deepEqual([asked.state, asked.by], ['asked', { id: 'agent:alice', name: 'Agent alice', role: 'agent' }]);
    assert.equal(code(await alice.request({ type: 'call-start', conversation })), 'call-active', 'one call at a time');
    await ok(maija, { type: 'call-answer', conversation, accept: false });
    const declined = await alice.next('call', (m) => m.state === 'declined');
    assert.deepEqual(declined.by, { id: customer.welcome.self.id, name: 'Maija', role: 'customer' });
    assert.equal(relay.relay.store.conversation(conversation)?.call, undefined);

    await chatGoesOn(alice, maija, conversation, 'after the decline');
    assert.equal(code(await maija.request({ type: 'call-answer', conversation, accept: true })), 'no-call', 'a decline is final');
    assert.equal(code(await alice.request({ type: 'call-signal', conversation, signal: { kind: 'media', muted: true, cameraOff: true } })), 'no-call');
    assert.equal(code(await alice.request({ type: 'call-end', conversation, reason: 'hangup' })), 'no-call');

    await switchToVideo(alice, maija, conversation);
    const started = await maija.next('call', (m) => m.state === 'started');
    assert.equal(started.by?.id, customer.welcome.self.id, 'the customer accepted');
    await ok(maija, { type: 'call-end', conversation, reason: 'permission-denied' });
    const ended = await alice.next('call', (m) => m.state === 'ended');
    assert.deepEqual([ended.reason, ended.by?.id], ['permission-denied', customer.welcome.self.id]);
    await chatGoesOn(alice, maija, conversation, 'after the call');
    assert.equal(relay.relay.store.conversation(conversation)?.ended, false);
    gaplessSeqs(eventsOf(maija, conversation), 'the customer');
    gaplessSeqs(eventsOf(alice, conversation), 'the agent');
  });

  it('ends a call not connected within callConnectSeconds with reason failed, and the chat goes on', async (t) => {
    const relay = await startTestRelay(t, { callConnectSeconds: CONNECT_SECONDS });
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    const maija = customer.client;
    const alice = agent.client;
    await switchToVideo(alice, maija, conversation);

    relay.clock.advance(CONNECT_SECONDS * 1000);
    for (const client of [maija, alice]) {
      const ended = await client.next('call', (m) => m.state === 'ended', TICK_WAIT_MS);
      assert.deepEqual([ended.reason, ended.by], ['failed', undefined]);
    }
    const stored = relay.relay.store.conversation(conversation)!;
    assert.deepEqual([stored.call, stored.ended], [undefined, false]);
    await chatGoesOn(alice, maija, conversation, 'without video');
    assert.equal(code(await maija.request({ type: 'call-signal', conversation, signal: { kind: 'media', muted: false, cameraOff: false } })), 'no-call');
    await switchToVideo(alice, maija, conversation);
  });

  it('keeps a call that either side reported connected past the deadline', async (t) => {
    const relay = await startTestRelay(t, { callConnectSeconds: CONNECT_SECONDS });
    const byCustomer = await startConversation(relay, 'Maija', 'alice');
    const byAgent = await startConversation(relay, 'Pekka', 'bob');
    const witness = await startConversation(relay, 'Ritva', 'carol');
    for (const { agent, customer, conversation } of [byCustomer, byAgent, witness]) await switchToVideo(agent.client, customer.client, conversation);
    await ok(byCustomer.customer.client, { type: 'call-connected', conversation: byCustomer.conversation });
    await ok(byAgent.agent.client, { type: 'call-connected', conversation: byAgent.conversation });

    relay.clock.advance(CONNECT_SECONDS * 1000 * 3);
    // The unconnected call fails on the tick: by then the connected ones would have too.
    await witness.agent.client.next('call', (m) => m.state === 'ended', TICK_WAIT_MS);
    for (const { agent, customer, conversation } of [byCustomer, byAgent]) {
      await roundTrip(agent.client);
      await roundTrip(customer.client);
      assert.ok(![...agent.client.received, ...customer.client.received].some((m) => m.type === 'call' && m.state === 'ended'), 'no end');
      assert.deepEqual(relay.relay.store.conversation(conversation)?.call, { state: 'started', connected: true });
    }
    await ok(byAgent.customer.client, { type: 'call-signal', conversation: byAgent.conversation, signal: { kind: 'media', muted: true, cameraOff: false } });
    await byAgent.agent.client.next('call-signal');
  });
});

describe('a video chat (V2–V4)', () => {
  it('shows in the waiting list as video, starts its call with the conversation, and cannot go on as text', async (t) => {
    const relay = await startTestRelay(t, { queueA: { video: true }, callConnectSeconds: CONNECT_SECONDS });
    const maija = await videoCustomer(relay, 'Maija');
    const { client: alice } = await relay.agent('alice', [QUEUE_A]);
    const snapshot = await alice.next('queue', (m) => m.queue.id === QUEUE_A && m.queue.waiting.length === 1);
    assert.deepEqual(snapshot.queue.waiting.map((w) => [w.name, w.media]), [['Maija', 'video']]);
    assert.equal(snapshot.queue.video, true);

    const reply = await alice.request({ type: 'pick', queue: QUEUE_A });
    assert.ok(reply.type === 'ack' && reply.conversation);
    const conversation = reply.conversation;
    for (const client of [maija.client, alice]) {
      const started = await client.next('conversation-started', (m) => m.conversation === conversation);
      assert.equal(started.media, 'video');
      const call = await client.next('call', (m) => m.conversation === conversation);
      assert.deepEqual([call.state, call.by, call.seq], ['started', undefined, 2]);
    }
    await ok(alice, { type: 'call-signal', conversation, signal: { kind: 'offer', sdp: 'v=0\r\n' } });
    assert.equal((await maija.client.next('call-signal')).from, 'agent:alice');

    for (const client of [maija.client, alice]) {
      for (const reason of ['hangup', 'failed', 'permission-denied'] as const) {
        assert.equal(code(await client.request({ type: 'call-end', conversation, reason })), 'video-conversation');
      }
    }
    assert.equal(code(await alice.request({ type: 'call-start', conversation })), 'call-active');
    assert.equal(code(await maija.client.request({ type: 'call-answer', conversation, accept: false })), 'no-call');
    assert.deepEqual(relay.relay.store.conversation(conversation)?.call?.state, 'started');
  });

  it('ends with call-failed when it does not connect in time, as when the customer\'s device slept, leaving both free', async (t) => {
    const relay = await startTestRelay(t, { queueA: { video: true }, callConnectSeconds: CONNECT_SECONDS });
    const maija = await videoCustomer(relay, 'Maija');
    const { client: alice } = await relay.agent('alice', [QUEUE_A]);
    const reply = await alice.request({ type: 'pick', queue: QUEUE_A });
    assert.ok(reply.type === 'ack' && reply.conversation);
    const conversation = reply.conversation;
    await alice.next('call', (m) => m.conversation === conversation && m.state === 'started');

    relay.clock.advance(CONNECT_SECONDS * 1000);
    for (const client of [maija.client, alice]) {
      const ended = await client.next('conversation-ended', (m) => m.conversation === conversation, TICK_WAIT_MS);
      assert.deepEqual([ended.reason, ended.by], ['call-failed', undefined]);
    }
    const store = relay.relay.store;
    assert.equal(store.conversation(conversation)?.ended, true);
    assert.equal(store.conversation(conversation)?.call, undefined);
    assert.equal(store.customer(maija.welcome.self.id)?.conversation, undefined);
    assert.equal(store.customer(maija.welcome.self.id)?.waiting, undefined, 'not back in line');
    assert.equal(store.agent('agent:alice')?.conversations.size, 0);
    assert.equal(code(await alice.request({ type: 'sign-out' })), 'ack', 'the agent has no active conversation left');
    await ok(maija.client, { type: 'join', queue: QUEUE_A, name: 'Maija', media: 'video' });
  });
});

describe('a call and the people in it changing', () => {
  /** Transfers the conversation by name to `sub` (serving QUEUE_B), who accepts. */
  async function transfer(relay: TestRelay, owner: TestClient, conversation: string, sub: string): Promise<TestClient> {
    const { client } = await relay.agent(sub, [QUEUE_B]);
    const reply = await owner.request({ type: 'transfer', conversation, to: { agent: `agent:${sub}` } });
    assert.ok(reply.type === 'ack' && reply.request, `transfer refused: ${JSON.stringify(reply)}`);
    await client.next('request', (m) => m.request.id === reply.request);
    await ok(client, { type: 'answer-request', request: reply.request, accept: true });
    return client;
  }

  it('ends a switched call when the conversation is transferred: the new owner has no call and may ask again', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    await switchToVideo(agent.client, customer.client, conversation);
    const bob = await transfer(relay, agent.client, conversation, 'bob');
    const ended = await customer.client.next('call', (m) => m.conversation === conversation && m.state === 'ended');
    assert.equal(ended.reason, 'hangup');
    await agent.client.next('call', (m) => m.conversation === conversation && m.state === 'ended');
    assert.equal(relay.relay.store.conversation(conversation)?.call, undefined);
    await ok(bob, { type: 'call-start', conversation });
    await chatGoesOn(bob, customer.client, conversation, 'with the new owner');
  });

  it('starts a transferred video chat\'s call again with the new owner, who alone may signal', async (t) => {
    const relay = await startTestRelay(t, { queueA: { video: true } });
    const customer = await videoCustomer(relay, 'Veera');
    const alice = (await relay.agent('alice', [QUEUE_A])).client;
    const reply = await alice.request({ type: 'pick', queue: QUEUE_A });
    assert.ok(reply.type === 'ack' && reply.conversation);
    const conversation = reply.conversation;
    const first = await customer.client.next('call', (m) => m.conversation === conversation && m.state === 'started');
    const bob = await transfer(relay, alice, conversation, 'bob');
    const again = await customer.client.next('call', (m) => m.conversation === conversation && m.state === 'started' && m.seq > first.seq);
    await bob.next('call', (m) => m.conversation === conversation && m.seq === again.seq);
    await ok(bob, { type: 'call-signal', conversation, signal: { kind: 'media', muted: false, cameraOff: false } });
    assert.equal(code(await alice.request({ type: 'call-signal', conversation, signal: { kind: 'media', muted: true, cameraOff: true } })), 'not-participant');
    assert.ok(relay.relay.store.conversation(conversation)?.call?.deadline, 'the new call must connect in time');
  });

  it('starts the call again when a party comes back after a dropped connection or a reload', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'alice');
    await switchToVideo(agent.client, customer.client, conversation);
    await ok(agent.client, { type: 'call-connected', conversation });
    const resume = customer.welcome.resumeToken!;
    await customer.client.close();
    await until(() => relay.relay.store.customer(customer.welcome.self.id)?.disconnectedAt !== undefined, 'the relay saw the customer go');
    const back = await relay.connect();
    await back.hello('customer', { resume });
    const restarted = await agent.client.next('call', (m) => m.conversation === conversation && m.state === 'started' && m.by === undefined);
    const history = await back.next('history', (m) => m.conversation === conversation);
    assert.equal(history.events.at(-1)?.seq, eventsOf(back, conversation).at(-1)?.seq);
    assert.ok(history.events.some((e) => e.type === 'call' && e.state === 'started' && e.at === restarted.at), 'the returning page gets the new call in its history');
    assert.ok(relay.relay.store.conversation(conversation)?.call?.deadline, 'the restarted call must connect in time again');
  });
});

describe('offering a video chat (V3)', () => {
  it('tells the agent the offered customer wants video, also when the offer is sent again after a reconnect', async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: 'video-offers', name: 'Video offers', routing: 'offer', video: true }] });
    const agent = await relay.agent('olga', ['video-offers']);
    await videoCustomer(relay, 'Viivi', 'video-offers');
    const offer = await agent.client.next('offer');
    assert.equal(offer.offer.media, 'video');
    const again = await relay.connect();
    await again.hello('agent', { token: relay.token({ sub: 'olga', queues: ['*'] }) });
    assert.equal((await again.next('offer')).offer.media, 'video');
  });
});

describe('joining for a video chat (V3)', () => {
  it('is refused video-not-allowed where the queue takes no video, and the welcome says which queues do', async (t) => {
    const relay = await startTestRelay(t, { queueA: { video: true }, extraQueues: [{ id: 'video-desk', name: 'Video desk', video: true }] });
    const { client, welcome } = await relay.customer('Maija');
    assert.deepEqual(
      welcome.queues.map((q) => [q.id, q.video]),
      [
        [QUEUE_A, true],
        [QUEUE_B, undefined],
        ['video-desk', true],
      ],
    );
    assert.equal(code(await client.request({ type: 'join', queue: QUEUE_B, name: 'Maija', media: 'video' })), 'video-not-allowed');
    assert.equal(relay.relay.store.customer(welcome.self.id)?.waiting, undefined);
    assert.equal(relay.relay.store.queue(QUEUE_B)?.waiting.length, 0);
    await ok(client, { type: 'join', queue: QUEUE_B, name: 'Maija', media: 'text' });
    await ok(client, { type: 'leave' });

    await ok(client, { type: 'join', queue: 'video-desk', name: 'Maija', media: 'video' });
    const { client: agent } = await relay.agent('alice', ['video-desk']);
    const snapshot = await agent.next('queue', (m) => m.queue.id === 'video-desk');
    assert.deepEqual(snapshot.queue.waiting.map((w) => w.media), ['video']);
  });
});

describe('an ended conversation', () => {
  it('refuses every call command with conversation-ended, video chat or not', async (t) => {
    const relay = await startTestRelay(t, { queueA: { video: true } });
    const switched = await startConversation(relay, 'Maija', 'alice');
    await switchToVideo(switched.agent.client, switched.customer.client, switched.conversation);
    const video = await videoCustomer(relay, 'Pekka');
    const { client: bob } = await relay.agent('bob', [QUEUE_A]);
    const reply = await bob.request({ type: 'pick', queue: QUEUE_A });
    assert.ok(reply.type === 'ack' && reply.conversation);

    const ended = [
      { customer: switched.customer.client, agent: switched.agent.client, conversation: switched.conversation },
      { customer: video.client, agent: bob, conversation: reply.conversation },
    ];
    for (const { customer, agent, conversation } of ended) {
      await ok(customer, { type: 'end', conversation });
      assert.equal(relay.relay.store.conversation(conversation)?.call, undefined, 'the call went with the conversation');
      const answers = {
        start: code(await agent.request({ type: 'call-start', conversation })),
        answer: code(await customer.request({ type: 'call-answer', conversation, accept: true })),
        signalAgent: code(await agent.request({ type: 'call-signal', conversation, signal: { kind: 'offer', sdp: 'v=0' } })),
        signalCustomer: code(await customer.request({ type: 'call-signal', conversation, signal: { kind: 'answer', sdp: 'v=0' } })),
        connected: code(await customer.request({ type: 'call-connected', conversation })),
        endAgent: code(await agent.request({ type: 'call-end', conversation, reason: 'hangup' })),
        endCustomer: code(await customer.request({ type: 'call-end', conversation, reason: 'hangup' })),
      };
      assert.deepEqual(new Set(Object.values(answers)), new Set(['conversation-ended']), JSON.stringify(answers));
    }
  });
});

describe('the welcome', () => {
  it('carries the configured ICE servers to customers and agents, and none when there are none', async (t) => {
    const iceServers = [
      { urls: 'stun:stun.example.org:3478' },
      { urls: ['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349'], username: 'tiski', credential: 's3cret' },
    ];
    const relay = await startTestRelay(t, { iceServers });
    assert.deepEqual((await relay.customer()).welcome.iceServers, iceServers);
    assert.deepEqual((await relay.agent('alice')).welcome.iceServers, iceServers);

    const plain = await startTestRelay(t);
    assert.equal((await plain.customer()).welcome.iceServers, undefined);
  });
});

// The pure domain: exact deadlines and the effects each side gets.

const MAIN = 'support-en';
const T0 = 1_000_000;

class World extends DomainDriver {
  constructor(callConnectSeconds = CONNECT_SECONDS) {
    super(
      parseConfig({
        customerGraceSeconds: 5,
        agentGraceSeconds: 10,
        callConnectSeconds,
        queues: [{ id: MAIN, name: 'English support', video: true }],
      }),
      T0,
    );
  }

  agent(sub: string): Actor {
    const claims: AgentClaims = { sub, name: `Agent ${sub}`, roles: ['agent'], queues: ['*'], exp: this.now / 1000 + 36_000 };
    const { actor } = this.domain.connectAgent(claims, this.now);
    this.ok(actor, { type: 'sign-in', queues: [MAIN] });
    return actor;
  }

  /** A customer served by `owner`, a video chat from the start when `media` says so. */
  conversation(owner: Actor, media: 'text' | 'video' = 'text'): { customer: Actor; id: string; effects: Effect[] } {
    const { actor: customer } = this.domain.connectCustomer(undefined, this.now);
    this.ok(customer, { type: 'join', queue: MAIN, name: 'Maija', media });
    const { ack, effects } = this.ok(owner, { type: 'pick', queue: MAIN, customer: customer.id });
    return { customer, id: ack.conversation!, effects };
  }

  /** A switched call the customer accepted now. */
  switched(owner: Actor): { customer: Actor; id: string } {
    const { customer, id } = this.conversation(owner);
    this.ok(owner, { type: 'call-start', conversation: id });
    this.ok(customer, { type: 'call-answer', conversation: id, accept: true });
    return { customer, id };
  }
}

/** `kind:to-or-topic:type[:detail]` of each effect that carries an event. */
const traced = (effects: Effect[]) =>
  effects.flatMap((e) => {
    if (e.kind !== 'send' && e.kind !== 'publish') return [];
    const where = e.kind === 'send' ? e.to : e.topic;
    const detail = e.event.type === 'call' ? `:${e.event.state}:${e.event.reason ?? ''}` : e.event.type === 'conversation-ended' ? `:${e.event.reason}` : '';
    return [`${e.kind}:${where}:${e.event.type}${detail}`];
  });

describe('calls on the pure domain', () => {
  it('fails a switched call exactly callConnectSeconds after it was accepted, once, to both streams', () => {
    const world = new World();
    const alice = world.agent('alice');
    const { customer, id } = world.switched(alice);
    assert.deepEqual(world.store.conversation(id)?.call, { state: 'started', connected: false, deadline: T0 + CONNECT_SECONDS * 1000 });

    assert.deepEqual(traced(world.advance(CONNECT_SECONDS * 1000 - 1).tick()), [], 'not a millisecond early');
    assert.deepEqual(traced(world.advance(1).tick()), [`publish:agents:${id}:call:ended:failed`, `publish:customer:${id}:call:ended:failed`]);
    assert.deepEqual(traced(world.advance(60_000).tick()), [], 'once');
    assert.equal(world.store.conversation(id)?.ended, false);
    world.ok(customer, { type: 'send', conversation: id, text: 'still here' });
  });

  it('keeps no deadline once either party reports the call connected', () => {
    for (const side of ['customer', 'owner'] as const) {
      const world = new World();
      const alice = world.agent('alice');
      const { customer, id } = world.switched(alice);
      world.advance(CONNECT_SECONDS * 1000 - 1).ok(side === 'customer' ? customer : alice, { type: 'call-connected', conversation: id });
      assert.deepEqual(traced(world.advance(3_600_000).tick()), [], side);
      assert.deepEqual(world.store.conversation(id)?.call, { state: 'started', connected: true }, side);
    }
  });

  it('gives a call only asked for no deadline: the customer may answer late, the owner may withdraw it', () => {
    const world = new World();
    const alice = world.agent('alice');
    const { customer, id } = world.conversation(alice);
    world.ok(alice, { type: 'call-start', conversation: id });
    assert.deepEqual(traced(world.advance(3_600_000).tick()), []);
    world.ok(customer, { type: 'call-answer', conversation: id, accept: true });
    assert.equal(world.store.conversation(id)?.call?.deadline, world.now + CONNECT_SECONDS * 1000, 'the deadline counts from the answer');

    world.ok(alice, { type: 'call-end', conversation: id, reason: 'hangup' });
    const { effects } = world.ok(alice, { type: 'call-start', conversation: id });
    assert.deepEqual(traced(effects), [`publish:agents:${id}:call:asked:`, `publish:customer:${id}:call:asked:`]);
    assert.deepEqual(traced(world.ok(alice, { type: 'call-end', conversation: id, reason: 'hangup' }).effects), [
      `publish:agents:${id}:call:ended:hangup`,
      `publish:customer:${id}:call:ended:hangup`,
    ]);
    assert.equal(world.refused(customer, { type: 'call-answer', conversation: id, accept: true }), 'no-call', 'withdrawn');
  });

  it('sends a signal once, to the other party, and records nothing', () => {
    const world = new World();
    const alice = world.agent('alice');
    const { customer, id } = world.switched(alice);
    const log = world.store.conversation(id)!.log.length;
    const signal: CallSignal = { kind: 'media', muted: true, cameraOff: true };
    const { effects } = world.ok(customer, { type: 'call-signal', conversation: id, signal });
    assert.deepEqual(effects, [{ kind: 'send', to: alice.id, event: { type: 'call-signal', conversation: id, from: customer.id, signal } }]);
    assert.deepEqual(world.ok(alice, { type: 'call-signal', conversation: id, signal }).effects.map((e) => e.kind === 'send' && e.to), [customer.id]);
    assert.equal(world.store.conversation(id)!.log.length, log);
  });

  it('starts a video chat\'s call with the conversation and ends the conversation with call-failed when it does not connect', () => {
    const world = new World();
    const alice = world.agent('alice');
    const { customer, id, effects } = world.conversation(alice, 'video');
    assert.deepEqual(traced(effects).filter((e) => e.includes(':call')), [`publish:agents:${id}:call:started:`, `publish:customer:${id}:call:started:`]);
    assert.equal(world.refused(customer, { type: 'call-end', conversation: id, reason: 'failed' }), 'video-conversation');

    assert.deepEqual(traced(world.advance(CONNECT_SECONDS * 1000 - 1).tick()), []);
    const failed = traced(world.advance(1).tick());
    assert.deepEqual(
      failed.filter((e) => e.includes('conversation-ended')),
      [`send:${alice.id}:conversation-ended:call-failed`, `send:${customer.id}:conversation-ended:call-failed`],
    );
    assert.ok(!failed.some((e) => e.includes(':call:')), 'the conversation ends, not only the call');
    assert.equal(world.store.customer(customer.id)?.conversation, undefined);
    assert.equal(world.store.agent(alice.id)?.conversations.size, 0);
    assert.deepEqual(traced(world.advance(60_000).tick()), [], 'once');
  });

  it('keeps a connected video chat going past the deadline', () => {
    const world = new World();
    const alice = world.agent('alice');
    const { customer, id } = world.conversation(alice, 'video');
    world.ok(customer, { type: 'call-connected', conversation: id });
    assert.deepEqual(traced(world.advance(3_600_000).tick()), []);
    assert.equal(world.store.conversation(id)?.ended, false);
  });

  it('puts a released video chat back in line as video: the next agent\'s conversation starts with its call', () => {
    const world = new World();
    const alice = world.agent('alice');
    const bob = world.agent('bob');
    const { customer, id } = world.conversation(alice, 'video');
    const released = world.ok(alice, { type: 'release', conversation: id }).effects;
    const snapshot = released.flatMap((e) => (e.kind === 'publish' && e.event.type === 'queue' ? [e.event.queue] : [])).at(-1);
    assert.deepEqual(snapshot?.waiting.map((w) => [w.id, w.media]), [[customer.id, 'video']]);

    const { ack, effects } = world.ok(bob, { type: 'pick', queue: MAIN, customer: customer.id });
    const again = ack.conversation!;
    assert.equal(world.store.conversation(again)?.media, 'video');
    assert.ok(traced(effects).includes(`publish:customer:${again}:call:started:`));
    assert.equal(world.refused(customer, { type: 'call-end', conversation: again, reason: 'hangup' }), 'video-conversation');
  });

  it('leaves no deadline behind when the conversation ends during the call', () => {
    const world = new World();
    const alice = world.agent('alice');
    const { customer, id } = world.switched(alice);
    world.ok(customer, { type: 'end', conversation: id });
    assert.deepEqual(traced(world.advance(CONNECT_SECONDS * 1000).tick()), []);
    assert.equal(world.refused(alice, { type: 'call-start', conversation: id }), 'conversation-ended');
  });
});

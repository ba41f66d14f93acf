/**
 * Protocol 2's rich messages on a real relay over WebSockets: customer info and signed identity
 * (C4, W6), choice menus (C6), typing, canned responses (C5) and file tokens (C7), each seen
 * from every side, with the refusals that keep customers from being shown as what they are not.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { PROTOCOL_VERSION, type CustomerInfo, type ServerEvent, type SurveyField } from '../../protocol/index.js';
import { signJwt } from '../../relay/auth/jwt.js';
import { fileGrantMs } from '../../relay/auth/relay-services.js';
import {
  IDENTITY_SECRET,
  leaksInternals,
  QUEUE_A,
  QUEUE_B,
  roundTrip,
  startConversation,
  startTestRelay,
  type TestClient,
  type TestRelay,
} from './helpers.js';

const REDACTED = 'payments';

const INFO: CustomerInfo = {
  answers: [
    { label: 'Order number', value: 'A-1234' },
    { label: 'What is it about?', value: 'The parcel never arrived' },
  ],
  page: 'https://shop.example/orders/A-1234',
  referrer: 'https://www.example.org/search?q=parcel',
  language: 'fi-FI',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
};

/** What the host site's backend signs about Maija, valid for ten minutes on the relay's clock. */
function identityClaims(relay: TestRelay, extra: object = {}) {
  return {
    sub: 'cust-42',
    name: 'Maija Meikäläinen',
    email: 'maija@example.com',
    phone: '+358401234567',
    attributes: { plan: 'gold', customerNumber: 'C-1001' },
    iat: relay.clock.seconds,
    exp: relay.clock.seconds + 600,
    jti: randomUUID(),
    ...extra,
  };
}

/** What agents see with a lock for those claims. */
const VERIFIED = {
  id: 'cust-42',
  name: 'Maija Meikäläinen',
  email: 'maija@example.com',
  phone: '+358401234567',
  plan: 'gold',
  customerNumber: 'C-1001',
};

/** The token with its payload changed by `change`, its header and signature kept. */
function tampered(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [head, body, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  return `${head}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

/** The test queues' pre-chat survey (W1): the answers agents see come from it alone. */
const SURVEY: SurveyField[] = [
  { id: 'email', type: 'email', label: 'Email' },
  { id: 'card', type: 'text', label: 'Card' },
  { id: 'order', type: 'text', label: 'Order number' },
  { id: 'about', type: 'textarea', label: 'What is it about?' },
];

/** What the widget sends for agents to see `info`: the answers by survey field, the rest as it is. */
function widgetSends(info: CustomerInfo) {
  const { answers, ...rest } = info;
  return { info: rest, survey: Object.fromEntries((answers ?? []).map((a) => [SURVEY.find((f) => f.label === a.label)!.id, a.value])) };
}

/** A customer who joined `queue` with the given extras; waits for the ack and the first `waiting`. */
async function joined(relay: TestRelay, extras: { info?: CustomerInfo; identity?: string }, queue = QUEUE_A): Promise<TestClient> {
  const { client } = await relay.customer();
  const { info, ...others } = extras;
  const reply = await client.request({ type: 'join', queue, name: 'Maija', ...others, ...(info ? widgetSends(info) : {}) });
  assert.equal(reply.type, 'ack', JSON.stringify(reply));
  await client.next('waiting');
  return client;
}

/** An agent signed in to `queue` picks the customer: the conversation-started each side got. */
async function picked(relay: TestRelay, customer: TestClient, queue = QUEUE_A) {
  const { client: agent } = await relay.agent('alice', [queue]);
  const reply = await agent.request({ type: 'pick', queue });
  assert.ok(reply.type === 'ack' && reply.conversation, JSON.stringify(reply));
  const conversation = reply.conversation;
  const forAgent = await agent.next('conversation-started', (m) => m.conversation === conversation);
  const forCustomer = await customer.next('conversation-started', (m) => m.conversation === conversation);
  return { agent, conversation, forAgent, forCustomer };
}

/** Every frame `client` received, as one string, for checks that a value never arrived. */
const allFrames = (client: TestClient) => client.frames.join('\n');

describe('customer info', () => {
  it('reaches the agent exactly as the widget gave it, in the conversation-started event', async (t) => {
    const relay = await startTestRelay(t, { queueA: { survey: SURVEY } });
    const customer = await joined(relay, { info: INFO });
    const { forAgent, forCustomer } = await picked(relay, customer);
    assert.deepEqual(forAgent.info, INFO);
    assert.deepEqual(forCustomer.info, INFO, 'the customer sees what they told');
    assert.ok(!customer.received.some((m) => m.type === 'identity'), 'no identity check without an identity');
  });

  it('cannot claim verified attributes: a verified field in the info is dropped', async (t) => {
    const relay = await startTestRelay(t, { queueA: { survey: SURVEY } });
    const { client } = await relay.customer();
    client.send({ type: 'join', id: 'join-1', queue: QUEUE_A, name: 'Maija', ...widgetSends(INFO), info: { ...widgetSends(INFO).info, verified: { id: 'ceo', email: 'ceo@example.com' } } });
    await client.next('ack', (m) => m.id === 'join-1');
    const { agent, forAgent } = await picked(relay, client);
    assert.deepEqual(forAgent.info, INFO);
    assert.ok(!allFrames(agent).includes('ceo@example.com'));
  });

  it('is masked in a redactPii queue: answers, verified values and the page, never the raw values', async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: REDACTED, name: 'Payments', redactPii: true, survey: SURVEY }] });
    const info: CustomerInfo = {
      answers: [
        { label: 'Email', value: 'maija@example.com' },
        { label: 'Card', value: 'My card is 4111 1111 1111 1111' },
        { label: 'Order number', value: 'A-1234' },
      ],
      page: 'https://shop.example/account?email=maija@example.com',
      referrer: 'https://mail.example/inbox?to=maija@example.com',
      language: 'fi-FI',
    };
    const customer = await joined(relay, { info, identity: signJwt(identityClaims(relay), IDENTITY_SECRET) }, REDACTED);
    assert.deepEqual(await customer.next('identity'), { type: 'identity', verified: true });
    const { agent, conversation, forAgent } = await picked(relay, customer, REDACTED);
    assert.deepEqual(forAgent.info, {
      answers: [
        { label: 'Email', value: 'm****@example.com' },
        { label: 'Card', value: 'My card is ************1111' },
        { label: 'Order number', value: 'A-1234' },
      ],
      page: 'https://shop.example/account?email=m****@example.com',
      referrer: 'https://mail.example/inbox?to=m****@example.com',
      language: 'fi-FI',
      verified: { ...VERIFIED, email: 'm****@example.com', phone: '*********4567' },
    });
    const { log, customerLog } = relay.relay.store.conversation(conversation)!;
    const stored = JSON.stringify([log, customerLog, relay.relay.store.customer(forAgent.customer.id)]);
    for (const raw of ['maija@example.com', '358401234567', '4111 1111']) {
      assert.ok(!allFrames(agent).includes(raw), `the agent never gets "${raw}"`);
      assert.ok(!allFrames(customer).includes(raw), `the relay sends "${raw}" to no one`);
      assert.ok(!stored.includes(raw), `the relay never stores "${raw}"`);
    }
  });
});

describe('identity', () => {
  it('that verifies is shown to the agent as verified attributes, and the customer is told', async (t) => {
    const relay = await startTestRelay(t, { queueA: { survey: SURVEY } });
    const customer = await joined(relay, { info: INFO, identity: signJwt(identityClaims(relay), IDENTITY_SECRET) });
    assert.deepEqual(await customer.next('identity'), { type: 'identity', verified: true });
    const { forAgent } = await picked(relay, customer);
    assert.deepEqual(forAgent.info, { ...INFO, verified: VERIFIED });
  });

  it('that carries only a subject (and its own id) is verified as just the id', async (t) => {
    const relay = await startTestRelay(t, { queueA: { survey: SURVEY } });
    const identity = signJwt({ sub: 'cust-7', exp: relay.clock.seconds + 60, jti: randomUUID() }, IDENTITY_SECRET);
    const customer = await joined(relay, { identity });
    assert.equal((await customer.next('identity')).verified, true);
    const { forAgent } = await picked(relay, customer);
    assert.deepEqual(forAgent.info, { verified: { id: 'cust-7' } });
  });

  it('is refused when replayed by another customer, kept for its own customer, and refused without its id', async (t) => {
    const relay = await startTestRelay(t, { queueA: { survey: SURVEY } });
    const token = signJwt(identityClaims(relay), IDENTITY_SECRET);
    const first = await joined(relay, { identity: token });
    assert.equal((await first.next('identity')).verified, true);
    assert.equal((await first.request({ type: 'leave' })).type, 'ack');
    assert.equal((await first.request({ type: 'join', queue: QUEUE_A, name: 'Maija', identity: token })).type, 'ack');
    assert.equal((await first.next('identity')).verified, true, 'its own customer uses it again');
    const thief = await joined(relay, { identity: token });
    assert.deepEqual(await thief.next('identity'), {
      type: 'identity',
      verified: false,
      code: 'identity-replayed',
      message: 'this identity token was already used by another customer; the customer stays unverified',
    });
    const withoutId = await joined(relay, { identity: signJwt({ ...identityClaims(relay), jti: undefined }, IDENTITY_SECRET) });
    assert.equal((await withoutId.next('identity')).code, 'identity-invalid');
  });

  it('must name the relay’s audience when it has one, as agent tokens must', async (t) => {
    const relay = await startTestRelay(t, { audience: 'chat.example.com', queueA: { survey: SURVEY } });
    const forUs = await joined(relay, { identity: signJwt(identityClaims(relay, { aud: ['crm.example.com', 'chat.example.com'] }), IDENTITY_SECRET) });
    assert.equal((await forUs.next('identity')).verified, true);
    const forOthers = await joined(relay, { identity: signJwt(identityClaims(relay, { aud: 'crm.example.com' }), IDENTITY_SECRET) });
    assert.equal((await forOthers.next('identity')).code, 'identity-invalid');
    const agent = await relay.connect();
    const refused = await agent.request({ type: 'hello', v: PROTOCOL_VERSION, role: 'agent', token: relay.token({ sub: 'alice' }) });
    assert.deepEqual(refused.type === 'error' ? [refused.code, refused.message] : [], ['token-invalid', 'the token is not for the audience "chat.example.com"']);
    const admitted = await relay.connect();
    assert.equal((await admitted.hello('agent', { token: relay.token({ sub: 'alice', aud: 'chat.example.com' }) })).self.name, 'Agent alice');
  });

  const refusals: Array<{ what: string; code: 'identity-invalid' | 'identity-expired'; token: (relay: TestRelay) => string; before?: (relay: TestRelay) => void }> = [
    {
      what: 'tampered with (payload changed, signature kept)',
      code: 'identity-invalid',
      token: (relay) => tampered(signJwt(identityClaims(relay), IDENTITY_SECRET), (claims) => {
        claims.sub = 'cust-1';
        claims.email = 'ceo@example.com';
      }),
    },
    {
      what: 'expired (exactly at exp on the relay clock)',
      code: 'identity-expired',
      token: (relay) => signJwt(identityClaims(relay, { exp: relay.clock.seconds + 60 }), IDENTITY_SECRET),
      before: (relay) => relay.clock.advance(60_000),
    },
    {
      what: 'expired long ago',
      code: 'identity-expired',
      token: (relay) => signJwt(identityClaims(relay, { iat: relay.clock.seconds - 7200, exp: relay.clock.seconds - 3600 }), IDENTITY_SECRET),
    },
    {
      what: 'signed with the wrong secret',
      code: 'identity-invalid',
      token: (relay) => signJwt(identityClaims(relay), 'not-the-identity-secret-of-this-relay-0000'),
    },
    {
      what: 'unsigned (alg none)',
      code: 'identity-invalid',
      token: (relay) => {
        const [, body] = signJwt(identityClaims(relay), IDENTITY_SECRET).split('.');
        return `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${body}.`;
      },
    },
    {
      what: 'not a JWT at all',
      code: 'identity-invalid',
      token: () => 'maija@example.com',
    },
  ];

  for (const { what, code, token, before } of refusals) {
    it(`${what}: the customer is told ${code}, joins anyway, and is never shown as verified`, async (t) => {
      const relay = await startTestRelay(t, { queueA: { survey: SURVEY } });
      const identity = token(relay);
      before?.(relay);
      const customer = await joined(relay, { info: INFO, identity });
      const told = await customer.next('identity');
      assert.equal(told.verified, false);
      assert.equal(told.code, code);
      assert.ok(told.message && !leaksInternals(told.message), String(told.message));

      const { agent, forAgent, forCustomer } = await picked(relay, customer);
      assert.deepEqual(forAgent.info, INFO, 'the rest of the info arrives, without verified');
      assert.deepEqual(forCustomer.info, INFO);
      assert.ok(!allFrames(agent).includes('"verified"'), 'nothing the agent got says verified');
      assert.ok(!allFrames(agent).includes('ceo@example.com') && !allFrames(agent).includes('cust-42'), 'no claim of the refused token reaches the agent');
      assert.equal(relay.relay.store.customer(forAgent.customer.id)?.info?.verified, undefined);
    });
  }

  it('verified on one join does not carry over to a later join with a forged token', async (t) => {
    const relay = await startTestRelay(t, { queueA: { survey: SURVEY } });
    const { client } = await relay.customer();
    const valid = signJwt(identityClaims(relay), IDENTITY_SECRET);
    assert.equal((await client.request({ type: 'join', queue: QUEUE_A, name: 'Maija', identity: valid })).type, 'ack');
    assert.equal((await client.next('identity')).verified, true);
    assert.equal((await client.request({ type: 'leave' })).type, 'ack');
    const forged = tampered(valid, (claims) => (claims.name = 'Someone Else'));
    assert.equal((await client.request({ type: 'join', queue: QUEUE_A, name: 'Maija', identity: forged })).type, 'ack');
    assert.equal((await client.next('identity')).code, 'identity-invalid');
    const { forAgent } = await picked(relay, client);
    assert.equal(forAgent.info, undefined, 'the earlier verification is gone');
  });
});

describe('choice menus', () => {
  it('go from the agent to the customer, whose answer both sides see once; a second answer is refused', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    const maija = customer.client;
    const alice = agent.client;
    const options = ['Card', 'Store credit', 'Bank transfer'];

    const menuId = alice.command({ type: 'send', conversation, text: 'How would you like your refund?', choices: options });
    assert.equal((await alice.next('ack', (m) => m.id === menuId)).conversation, conversation);
    for (const side of [maija, alice]) {
      const menu = await side.next('message', (m) => m.messageId === menuId);
      assert.deepEqual([menu.text, menu.choices, menu.author.id, menu.private, menu.answers], ['How would you like your refund?', options, 'agent:alice', undefined, undefined]);
    }

    // The customer's answer, sent twice with one id as after a dropped connection: acknowledged each time, applied once.
    const choose = { type: 'choose', id: 'answer-1', conversation, message: menuId, option: 1 };
    maija.send(choose);
    maija.send(choose);
    await maija.next('ack', (m) => m.id === 'answer-1');
    await maija.next('ack', (m) => m.id === 'answer-1');
    for (const side of [maija, alice]) {
      const answer = await side.next('message', (m) => m.messageId === 'answer-1');
      assert.deepEqual([answer.text, answer.author.id, answer.author.role, answer.answers], ['Store credit', customer.welcome.self.id, 'customer', { message: menuId, option: 1 }]);
    }

    const again = await maija.request({ type: 'choose', conversation, message: menuId, option: 0 });
    assert.equal(again.type === 'error' && again.code, 'choice-answered');
    const byAgent = await alice.request({ type: 'choose', conversation, message: menuId, option: 2 });
    assert.equal(byAgent.type === 'error' && byAgent.code, 'forbidden');

    await roundTrip(alice);
    await roundTrip(maija);
    const answers = relay.relay.store.conversation(conversation)!.log.filter((e) => e.type === 'message' && e.answers);
    assert.equal(answers.length, 1, 'the answer is recorded once');
    for (const side of [maija, alice]) {
      assert.equal(side.received.filter((m) => m.type === 'message' && m.answers).length, 1, 'each side gets the answer once');
    }

    // Both sides find the menu and its answer in the history.
    const history = await maija.request({ type: 'sync', conversation, after: 0 });
    assert.equal(history.type, 'ack');
    const { events } = await maija.next('history', (m) => m.conversation === conversation);
    assert.deepEqual(
      events.flatMap((e) => (e.type === 'message' ? [[e.text, e.choices ?? null, e.answers ?? null]] : [])),
      [
        ['How would you like your refund?', options, null],
        ['Store credit', null, { message: menuId, option: 1 }],
      ],
    );
  });

  it('refuse answers to unknown menus and options, to ordinary messages, and from outsiders', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    const menuId = agent.client.command({ type: 'send', conversation, text: 'Yes or no?', choices: ['Yes', 'No'] });
    await agent.client.next('ack', (m) => m.id === menuId);
    const plainId = agent.client.command({ type: 'send', conversation, text: 'Just a message' });
    await agent.client.next('ack', (m) => m.id === plainId);

    const code = async (client: TestClient, command: { conversation: string; message: string; option: number }) => {
      const reply = await client.request({ type: 'choose', ...command });
      return reply.type === 'error' ? reply.code : reply.type;
    };
    assert.equal(await code(customer.client, { conversation, message: 'no-such-menu', option: 0 }), 'choice-unknown');
    assert.equal(await code(customer.client, { conversation, message: menuId, option: 2 }), 'choice-unknown');
    assert.equal(await code(customer.client, { conversation, message: plainId, option: 0 }), 'choice-unknown');
    assert.equal(await code(customer.client, { conversation: 'no-such-conversation', message: menuId, option: 0 }), 'conversation-unknown');
    const stranger = await relay.customer('Pekka');
    assert.equal(await code(stranger.client, { conversation, message: menuId, option: 0 }), 'not-participant');
    const negative = await customer.client.request({ type: 'choose', conversation, message: menuId, option: -1 });
    assert.equal(negative.type === 'error' && negative.code, 'invalid-message');

    // None of these answered the menu: the customer still can.
    assert.equal(await code(customer.client, { conversation, message: menuId, option: 0 }), 'ack');
    assert.equal((await agent.client.next('message', (m) => !!m.answers)).text, 'Yes');
  });

  it('that are malformed are refused before anything is recorded', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    const tooMany = Array.from({ length: 11 }, (_, i) => `Option ${i + 1}`);
    const menus: Array<{ what: string; command: Record<string, unknown>; code: string }> = [
      { what: 'one option', command: { text: 'Pick one', choices: ['Only'] }, code: 'invalid-message' },
      { what: 'eleven options', command: { text: 'Pick one', choices: tooMany }, code: 'invalid-message' },
      { what: 'duplicate options', command: { text: 'Pick one', choices: ['Yes', 'No', 'Yes'] }, code: 'invalid-message' },
      { what: 'options equal once trimmed', command: { text: 'Pick one', choices: ['Yes', ' Yes '] }, code: 'invalid-message' },
      { what: 'an empty option', command: { text: 'Pick one', choices: ['Yes', '   '] }, code: 'invalid-message' },
      { what: 'no question', command: { text: '', choices: ['Yes', 'No'] }, code: 'invalid-message' },
      { what: 'a private menu', command: { text: 'Pick one', choices: ['Yes', 'No'], private: true }, code: 'forbidden' },
    ];
    for (const { what, command, code } of menus) {
      agent.client.send({ type: 'send', id: `menu-${what}`, conversation, ...command });
      const reply = await agent.client.next((m) => (m.type === 'ack' || m.type === 'error') && m.id === `menu-${what}`);
      assert.equal(reply.type === 'error' && reply.code, code, `${what}: ${JSON.stringify(reply)}`);
    }
    const ten = await agent.client.request({ type: 'send', conversation, text: 'Pick one', choices: tooMany.slice(0, 10) });
    assert.equal(ten.type, 'ack', 'ten options are allowed');
    const fromCustomer = await customer.client.request({ type: 'send', conversation, text: 'Which agent?', choices: ['Alice', 'Bob'] });
    assert.equal(fromCustomer.type === 'error' && fromCustomer.code, 'forbidden', 'customers send no menus');

    await roundTrip(customer.client);
    const messages = relay.relay.store.conversation(conversation)!.log.filter((e) => e.type === 'message');
    assert.deepEqual(messages.map((e) => (e.type === 'message' ? e.choices?.length : 0)), [10]);
    assert.deepEqual(customer.client.received.filter((m) => m.type === 'message').map((m) => (m.type === 'message' ? m.choices?.length : 0)), [10]);
  });
});

describe('typing', () => {
  it("of the customer reaches the agents, not the customer, and never enters the history", async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    assert.equal((await customer.client.request({ type: 'typing', conversation, typing: true })).type, 'ack');
    const typing = await agent.client.next('typing');
    assert.deepEqual(typing, { type: 'typing', conversation, who: { id: customer.welcome.self.id, name: 'Maija', role: 'customer' }, typing: true });
    assert.equal((await customer.client.request({ type: 'typing', conversation, typing: false })).type, 'ack');
    assert.equal((await agent.client.next('typing')).typing, false);

    await roundTrip(customer.client);
    assert.ok(!customer.client.received.some((m) => m.type === 'typing'), 'the customer is not told of their own typing');
    const stored = relay.relay.store.conversation(conversation)!;
    assert.deepEqual([stored.log.length, stored.customerLog.length], [1, 1], 'typing has no seq and no place in the log');
    await agent.client.request({ type: 'sync', conversation, after: 0 });
    assert.deepEqual((await agent.client.next('history')).events.map((e) => e.type), ['conversation-started']);
  });

  it('of an agent reaches the customer and the other agents; typing privately reaches the agents only', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    const maija = customer.client;
    const alice = agent.client;
    const { client: bob } = await relay.agent('bob', [QUEUE_B]);
    const asked = await alice.request({ type: 'invite', conversation, to: { agent: 'agent:bob' } });
    assert.ok(asked.type === 'ack' && asked.request);
    const request = await bob.next('request');
    assert.equal((await bob.request({ type: 'answer-request', request: request.request.id, accept: true })).type, 'ack');
    await maija.next('agent-joined');

    const aliceTyping = { id: 'agent:alice', name: 'Agent alice', role: 'agent' };
    await alice.request({ type: 'typing', conversation, typing: true });
    assert.deepEqual(await maija.next('typing'), { type: 'typing', conversation, who: aliceTyping, typing: true });
    assert.deepEqual((await bob.next('typing')).who, aliceTyping);
    await alice.request({ type: 'typing', conversation, typing: false });
    assert.equal((await maija.next('typing')).typing, false);
    assert.equal((await bob.next('typing')).typing, false);

    // Bob writes a private note: Alice sees him typing, Maija sees nothing, not even the stop.
    await bob.request({ type: 'typing', conversation, typing: true, private: true });
    assert.deepEqual([(await alice.next('typing', (m) => m.who.id === 'agent:bob')).typing], [true]);
    await bob.request({ type: 'typing', conversation, typing: false, private: true });
    assert.deepEqual([(await alice.next('typing', (m) => m.who.id === 'agent:bob')).typing], [false]);
    await roundTrip(maija);
    assert.deepEqual(
      maija.received.flatMap((m) => (m.type === 'typing' ? [[m.who.id, m.typing]] : [])),
      [
        ['agent:alice', true],
        ['agent:alice', false],
      ],
      'nothing of private typing reaches the customer',
    );
  });

  it('that turns private while the customer sees it is stopped for the customer at once', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    await agent.client.request({ type: 'typing', conversation, typing: true });
    assert.equal((await customer.client.next('typing')).typing, true);
    relay.clock.advance(500);
    // The agent switches to a private note and goes on typing: the customer must not go on seeing "typing".
    await agent.client.request({ type: 'typing', conversation, typing: true, private: true });
    assert.equal((await customer.client.next('typing')).typing, false);
    relay.clock.advance(500);
    // Back to the reply to the customer: shown again at once, not after the 2 s throttle.
    await agent.client.request({ type: 'typing', conversation, typing: true });
    assert.equal((await customer.client.next('typing')).typing, true);
  });

  it('repeated is passed on at most every 2 seconds per participant, a change at once', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    const maija = customer.client;
    const alice = agent.client;
    const typing = async (client: TestClient, value: boolean) => {
      const reply = await client.request({ type: 'typing', conversation, typing: value });
      assert.equal(reply.type, 'ack', 'every typing command is acknowledged, passed on or not');
    };
    const seenBy = async (client: TestClient, who: string) => {
      await roundTrip(client);
      return client.received.filter((m) => m.type === 'typing' && m.who.id === who).map((m) => (m.type === 'typing' ? m.typing : null));
    };

    await typing(maija, true);
    relay.clock.advance(1000);
    await typing(maija, true);
    relay.clock.advance(999);
    await typing(maija, true);
    await typing(alice, true);
    assert.deepEqual(await seenBy(alice, customer.welcome.self.id), [true], 'repeats within 2 s are held back');
    assert.deepEqual(await seenBy(maija, 'agent:alice'), [true], "one participant's throttle does not hold back another's");
    relay.clock.advance(1);
    await typing(maija, true);
    await typing(maija, false);
    await typing(maija, false);
    await typing(maija, true);
    assert.deepEqual(await seenBy(alice, customer.welcome.self.id), [true, true, false, true], '2 s after the last one passed, a repeat passes; a change passes at once; a repeated stop never');

    // A message ends its author's typing: the next keystroke is news again.
    await maija.request({ type: 'send', conversation, text: 'hello' });
    await typing(maija, true);
    assert.deepEqual(await seenBy(alice, customer.welcome.self.id), [true, true, false, true, true]);
  });

  it('is refused from outsiders and in unknown conversations', async (t) => {
    const relay = await startTestRelay(t);
    const { agent, conversation } = await startConversation(relay);
    const { client: bob } = await relay.agent('bob', [QUEUE_A]);
    const { client: pekka } = await relay.customer('Pekka');
    for (const [client, code] of [
      [bob, 'not-participant'],
      [pekka, 'not-participant'],
    ] as const) {
      const reply = await client.request({ type: 'typing', conversation, typing: true });
      assert.equal(reply.type === 'error' && reply.code, code);
    }
    const unknown = await bob.request({ type: 'typing', conversation: 'no-such-conversation', typing: true });
    assert.equal(unknown.type === 'error' && unknown.code, 'conversation-unknown');
    await roundTrip(agent.client);
    assert.ok(!agent.client.received.some((m) => m.type === 'typing'));
  });
});

describe('canned responses', () => {
  const responses = [
    { title: 'Greeting', text: 'Hello {customer.name}, this is {agent.name} from {queue.name}.' },
    { title: 'Closing', text: 'Thanks for contacting us!' },
  ];

  it('are given to agents whose token allows the queue, signed in to it or not', async (t) => {
    const relay = await startTestRelay(t, { queueA: { cannedResponses: responses } });
    const { client: alice } = await relay.agent('alice', [QUEUE_A]);
    const reply = await alice.request({ type: 'canned-responses', queue: QUEUE_A });
    assert.equal(reply.type, 'ack');
    assert.deepEqual(await alice.next('canned-responses'), { type: 'canned-responses', queue: QUEUE_A, responses });

    const { client: bob } = await relay.agent('bob', [], [QUEUE_A]);
    assert.equal((await bob.request({ type: 'canned-responses', queue: QUEUE_A })).type, 'ack');
    assert.deepEqual((await bob.next('canned-responses')).responses, responses);
    assert.equal((await alice.request({ type: 'canned-responses', queue: QUEUE_B })).type, 'ack');
    assert.deepEqual(await alice.next('canned-responses'), { type: 'canned-responses', queue: QUEUE_B, responses: [] }, 'a queue without any has none');
  });

  it('are refused for a queue the token does not allow, an unknown queue, and customers', async (t) => {
    const relay = await startTestRelay(t, { queueA: { cannedResponses: responses } });
    const { client: carol } = await relay.agent('carol', [QUEUE_B], [QUEUE_B]);
    const notAllowed = await carol.request({ type: 'canned-responses', queue: QUEUE_A });
    assert.equal(notAllowed.type === 'error' && notAllowed.code, 'queue-not-allowed');
    const unknown = await carol.request({ type: 'canned-responses', queue: 'no-such-queue' });
    assert.equal(unknown.type === 'error' && unknown.code, 'queue-unknown');
    const { client: maija } = await relay.customer('Maija', QUEUE_A);
    const customer = await maija.request({ type: 'canned-responses', queue: QUEUE_A });
    assert.equal(customer.type === 'error' && customer.code, 'forbidden');
    await roundTrip(carol);
    await roundTrip(maija);
    for (const client of [carol, maija]) assert.ok(!client.received.some((m) => m.type === 'canned-responses'));
    assert.ok(!allFrames(maija).includes('{agent.name}'), 'no response text reaches a customer');
  });
});

describe('file access', () => {
  /** The participant a file token names, read from its second part. */
  const participantOf = (grant: ServerEvent<'file-access'>) => Buffer.from(grant.token.split('.')[1]!, 'base64url').toString('utf8');

  it('is granted to the customer and the agent, each for themselves, and to the customer after the end', async (t) => {
    const relay = await startTestRelay(t);
    const { customer, agent, conversation } = await startConversation(relay);
    for (const { client, welcome } of [customer, agent]) {
      const reply = await client.request({ type: 'file-access', conversation });
      assert.ok(reply.type === 'ack' && reply.conversation === conversation, JSON.stringify(reply));
      const grant = await client.next('file-access');
      assert.equal(grant.conversation, conversation);
      assert.equal(grant.expiresAt, relay.clock.now + fileGrantMs);
      assert.equal(participantOf(grant), welcome.self.id);
    }

    assert.equal((await agent.client.request({ type: 'end', conversation })).type, 'ack');
    await customer.client.next('conversation-ended');
    relay.clock.advance(5000);
    assert.equal((await customer.client.request({ type: 'file-access', conversation })).type, 'ack');
    const after = await customer.client.next('file-access');
    assert.deepEqual([after.conversation, after.expiresAt, participantOf(after)], [conversation, relay.clock.now + fileGrantMs, customer.welcome.self.id]);
  });

  it('is refused to other agents and customers, and for unknown conversations', async (t) => {
    const relay = await startTestRelay(t);
    const { conversation } = await startConversation(relay);
    const { client: bob } = await relay.agent('bob', [QUEUE_A]);
    const { client: pekka } = await relay.customer('Pekka');
    for (const client of [bob, pekka]) {
      const reply = await client.request({ type: 'file-access', conversation });
      assert.equal(reply.type === 'error' && reply.code, 'not-participant');
      const unknown = await client.request({ type: 'file-access', conversation: 'no-such-conversation' });
      assert.equal(unknown.type === 'error' && unknown.code, 'conversation-unknown');
      await roundTrip(client);
      assert.ok(!client.received.some((m) => m.type === 'file-access'));
    }
  });
});

/**
 * Planned restart loses nothing (#10): SIGTERM writes the relay's state to its data directory and
 * the next start carries on under the same epoch; a crash starts afresh and clients are told.
 * The relay runs as its own process here, as in production, and is stopped by signal.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { nanoid } from 'nanoid';
import WebSocket from 'ws';
import { PROTOCOL_VERSION, WS_PATH, type ConversationEvent, type Role, type ServerEvent } from '../../protocol/index.js';
import { signJwt, signToken } from '../../relay/auth/jwt.js';
import { parseConfig } from '../../relay/config.js';
import { DiskFileStore } from '../../relay/files/disk-file-store.js';
import { snapshotName } from '../../relay/persistence/snapshot-file.js';
import { startRelay } from '../../relay/server.js';
import { eventsOf, FakeClock, FILE_SECRET, IDENTITY_SECRET, QUEUE_A, QUEUE_B, roundTrip, SECRET, sleep, TestClient, until, within } from './helpers.js';
import { relayProcesses, type RelayProcesses } from './relay-process.js';

const config = {
  secret: SECRET,
  identitySecret: IDENTITY_SECRET,
  fileSecret: FILE_SECRET,
  customerGraceSeconds: 600,
  agentGraceSeconds: 600,
  requestTimeoutSeconds: 600,
  maxConnectionsPerAddress: 0,
  queues: [
    { id: QUEUE_A, name: 'English support', maxConversationsPerAgent: 5 },
    { id: QUEUE_B, name: 'Kundtjänst', lang: 'sv' },
  ],
};

const agentToken = (sub: string) => signToken({ sub, name: `Agent ${sub}`, roles: ['agent'], queues: ['*'] }, SECRET, Math.floor(Date.now() / 1000));

type Answer = 'ack' | string;

/**
 * A customer or an agent across runs of the relay: every connection it had, the messages it sent
 * by command id, and what it holds of each conversation.
 */
class Participant {
  readonly clients: TestClient[] = [];
  readonly sent = new Map<string, { conversation: string; text: string }>();
  readonly conversations = new Set<string>();
  epoch = '';
  resume?: string;
  #count = 0;

  constructor(
    readonly role: Role,
    readonly name: string,
    readonly token?: string,
  ) {}

  get client(): TestClient {
    return this.clients.at(-1)!;
  }

  /** Says hello; coming back, with the epoch it saw and what it holds of each conversation. */
  async connect(wsUrl: string, comingBack = false): Promise<ServerEvent<'welcome'>> {
    const client = await TestClient.connect(wsUrl);
    this.clients.push(client);
    const streams = [...this.conversations].map((conversation) => ({ conversation, after: this.held(conversation).length }));
    const welcome = await client.hello(this.role, {
      ...(this.token ? { token: this.token } : {}),
      ...(this.resume ? { resume: this.resume } : {}),
      ...(comingBack ? { epoch: this.epoch, streams } : {}),
    });
    this.epoch = welcome.epoch;
    if (welcome.resumeToken) this.resume = welcome.resumeToken;
    return welcome;
  }

  /** Sends a message without waiting for its answer, if the connection is open. */
  say(conversation: string): void {
    if (this.client.ws.readyState !== WebSocket.OPEN) return;
    const id = nanoid();
    const text = `${this.name} #${++this.#count}`;
    this.sent.set(id, { conversation, text });
    this.client.send({ type: 'send', id, conversation, text });
  }

  /** Sends a message and waits for its answer. */
  async send(conversation: string, attachments?: string[]): Promise<void> {
    const id = nanoid();
    const text = attachments ? '' : `${this.name} #${++this.#count}`;
    this.sent.set(id, { conversation, text });
    this.client.send({ type: 'send', id, conversation, text, ...(attachments ? { attachments } : {}) });
    const reply = await this.client.next((m) => (m.type === 'ack' || m.type === 'error') && m.id === id);
    assert.equal(reply.type, 'ack', JSON.stringify(reply));
  }

  /** The answer to a command, from whichever connection got it. */
  answer(id: string): Answer | undefined {
    for (const client of this.clients) {
      const reply = client.received.find((m): m is ServerEvent<'ack'> | ServerEvent<'error'> => (m.type === 'ack' || m.type === 'error') && m.id === id);
      if (reply) return reply.type === 'ack' ? 'ack' : reply.code;
    }
    return undefined;
  }

  /** Messages sent to the conversation and acknowledged. */
  acked(conversation: string): string[] {
    return [...this.sent].filter(([id, send]) => send.conversation === conversation && this.answer(id) === 'ack').map(([id]) => id);
  }

  /** Everything received of the conversation, over every connection, by seq: a seq received twice must be the same event, and none may be missing. */
  held(conversation: string): ConversationEvent[] {
    const bySeq = new Map<number, ConversationEvent>();
    for (const client of this.clients) {
      for (const event of eventsOf(client, conversation)) {
        const earlier = bySeq.get(event.seq);
        if (earlier) assert.deepEqual(event, earlier, `${this.name} got seq ${event.seq} of ${conversation} twice, differently`);
        else bySeq.set(event.seq, event);
      }
    }
    const events = [...bySeq.keys()].sort((a, b) => a - b).map((seq) => bySeq.get(seq)!);
    assert.deepEqual(events.map((e) => e.seq), events.map((_, i) => i + 1), `${this.name} holds ${conversation} with a gap`);
    return events;
  }

  /** The messages of the conversation it holds, in order, by command id. */
  messages(conversation: string): string[] {
    return this.held(conversation).flatMap((e) => (e.type === 'message' ? [e.messageId] : []));
  }
}

/** Sends the messages not answered before the relay went away again, under their ids, and waits for each answer. */
async function resendUnanswered(participant: Participant): Promise<number> {
  const unanswered = [...participant.sent].filter(([id]) => participant.answer(id) === undefined);
  for (const [id, { conversation, text }] of unanswered) participant.client.send({ type: 'send', id, conversation, text });
  for (const [id] of unanswered) {
    const reply = await participant.client.next((m) => (m.type === 'ack' || m.type === 'error') && m.id === id, 5000);
    assert.equal(reply.type, 'ack', `${participant.name}'s resent ${id}: ${JSON.stringify(reply)}`);
  }
  return unanswered.length;
}

/** Every participant of every conversation holds exactly the acknowledged messages, in one order, once each. */
function assertSameHistories(pairs: ReadonlyArray<{ conversation: string; customer: Participant; agent: Participant }>): void {
  for (const { conversation, customer, agent } of pairs) {
    const acked = new Set([...customer.acked(conversation), ...agent.acked(conversation)]);
    const seenByCustomer = customer.messages(conversation);
    const seenByAgent = agent.messages(conversation);
    assert.equal(new Set(seenByCustomer).size, seenByCustomer.length, `${customer.name} holds a message twice`);
    assert.deepEqual(new Set(seenByCustomer), acked, `${customer.name} holds exactly the acknowledged messages`);
    assert.deepEqual(seenByAgent, seenByCustomer, `${agent.name} and ${customer.name} hold the same messages in the same order`);
  }
}

/** A customer waiting in `queue`. */
async function customerIn(relay: RelayProcesses, name: string, queue: string): Promise<Participant> {
  const customer = new Participant('customer', name);
  await customer.connect(relay.wsUrl);
  assert.equal((await customer.client.request({ type: 'join', queue, name })).type, 'ack');
  await customer.client.next('waiting');
  return customer;
}

/** An agent signed in to `queue`. */
async function agentIn(relay: RelayProcesses, sub: string, queue: string): Promise<Participant> {
  const agent = new Participant('agent', `agent:${sub}`, agentToken(sub));
  await agent.connect(relay.wsUrl);
  assert.equal((await agent.client.request({ type: 'sign-in', queues: [queue] })).type, 'ack');
  return agent;
}

/** The agent picks the next customer; both now hold the conversation. */
async function pickNext(agent: Participant, customers: readonly Participant[]) {
  const reply = await agent.client.request({ type: 'pick', queue: QUEUE_A });
  assert.ok(reply.type === 'ack' && reply.conversation, JSON.stringify(reply));
  const conversation = reply.conversation;
  const heard = () => customers.find((c) => c.client.received.some((m) => m.type === 'conversation-started' && m.conversation === conversation));
  await until(() => !!heard(), 'the customer hears of the conversation');
  const customer = heard()!;
  agent.conversations.add(conversation);
  customer.conversations.add(conversation);
  return { conversation, customer, agent };
}

/** POSTs a file to the relay (C7) and answers its record. */
async function upload(url: string, conversation: string, token: string, name: string, body: Buffer): Promise<{ id: string }> {
  const response = await fetch(`${url}/files/${conversation}?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-length': String(body.length), connection: 'close' },
    body: new Uint8Array(body),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()) as { id: string };
}

async function fileToken(participant: Participant, conversation: string): Promise<string> {
  assert.equal((await participant.client.request({ type: 'file-access', conversation })).type, 'ack');
  return (await participant.client.next('file-access', (m) => m.conversation === conversation)).token;
}

describe('a planned restart (SIGTERM)', () => {
  it('loses nothing: busy conversations, waiting customers, a transfer, an invitation and a file come back under the same epoch', async (t) => {
    const relay = await relayProcesses(t, config);
    const first = await relay.start();

    const customers = await Promise.all(Array.from({ length: 20 }, (_, i) => customerIn(relay, `customer-${i}`, QUEUE_A)));
    const waiting: Participant[] = [];
    for (const name of ['waits-1', 'waits-2', 'waits-3']) waiting.push(await customerIn(relay, name, QUEUE_B));
    const agents = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((sub) => agentIn(relay, sub, QUEUE_A)));
    const pairs: Array<Awaited<ReturnType<typeof pickNext>>> = [];
    for (let round = 0; round < 4; round++) for (const agent of agents) pairs.push(await pickNext(agent, customers));
    assert.equal(new Set(pairs.map((p) => p.conversation)).size, 20);
    const epoch = agents[0]!.epoch;

    // Pending when the relay stops: a transfer from a to b, an invitation from c to d.
    const byAgent = (agent: Participant) => pairs.find((p) => p.agent === agent)!;
    const transferCommand = { type: 'transfer', conversation: byAgent(agents[0]!).conversation, to: { agent: agents[1]!.name } } as const;
    const transfer = await agents[0]!.client.request(transferCommand);
    const invitation = await agents[2]!.client.request({ type: 'invite', conversation: byAgent(agents[2]!).conversation, to: { agent: agents[3]!.name } });
    assert.ok(transfer.type === 'ack' && transfer.request && invitation.type === 'ack' && invitation.request, JSON.stringify([transfer, invitation]));

    // A file the customer sent the agent.
    const withFile = pairs[0]!;
    const bytes = Buffer.from('Tilausnumero 12345 – the file outlives the restart.\n');
    const file = await upload(relay.url, withFile.conversation, await fileToken(withFile.customer, withFile.conversation), 'order.txt', bytes);
    await withFile.customer.send(withFile.conversation, [file.id]);

    // Both ends of every conversation keep writing, without waiting for answers; the relay is stopped in the middle of it.
    let flowing = true;
    const chatter = async (participant: Participant, conversations: string[]) => {
      for (let i = 0; flowing && participant.client.ws.readyState === WebSocket.OPEN; i++) {
        participant.say(conversations[i % conversations.length]!);
        await sleep(40 + Math.random() * 40);
      }
    };
    const flow = [...customers, ...agents].map((p) => chatter(p, [...p.conversations]));
    await sleep(700);
    const stoppedAt = Date.now();
    first.sigterm();
    const exit = await first.exit();
    flowing = false;
    await Promise.all(flow);
    assert.deepEqual(exit, { code: 0, signal: null }, first.output());
    t.diagnostic(`SIGTERM to exit: ${Date.now() - stoppedAt} ms`);
    assert.ok(relay.hasSnapshot(), 'the state was written');
    const everyone = [...customers, ...waiting, ...agents];
    for (const participant of everyone) {
      assert.equal((await within(participant.client.closed, `${participant.name}'s close`)).code, 1012, `${participant.name} was told to reconnect`);
    }
    const sentBefore = everyone.reduce((n, p) => n + p.sent.size, 0);
    const unansweredBefore = everyone.reduce((n, p) => n + [...p.sent.keys()].filter((id) => p.answer(id) === undefined).length, 0);

    const second = await relay.start();
    assert.match(second.output(), new RegExp(`restored the state saved at .* \\(epoch ${epoch}\\)`));
    assert.ok(!relay.hasSnapshot(), 'the snapshot is taken out of the data directory before anyone is served');

    // Everyone comes back naming the epoch and what they hold: the same epoch, and only what they missed.
    await Promise.all(
      [...customers, ...agents].map(async (participant) => {
        const welcome = await participant.connect(relay.wsUrl, true);
        assert.equal(welcome.epoch, epoch, `${participant.name} finds the same epoch`);
        for (const conversation of participant.conversations) {
          const history = await participant.client.next('history', (m) => m.conversation === conversation);
          assert.equal(history.recovered, true, `${participant.name} resumes ${conversation}`);
        }
      }),
    );
    const resent = (await Promise.all([...customers, ...agents].map(resendUnanswered))).reduce((a, b) => a + b, 0);
    t.diagnostic(`messages sent before the stop: ${sentBefore}, unanswered then and resent: ${unansweredBefore} (${resent})`);

    // Commands answered before the restart and sent again are answered the same and applied once.
    agents[0]!.client.send({ ...transferCommand, id: transfer.id });
    assert.deepEqual(await agents[0]!.client.next((m) => (m.type === 'ack' || m.type === 'error') && m.id === transfer.id), transfer);
    const earlierId = withFile.customer.acked(withFile.conversation).find((id) => withFile.customer.sent.get(id)!.text !== '');
    const again = withFile.customer.sent.get(earlierId!)!;
    withFile.customer.client.send({ type: 'send', id: earlierId, ...again });
    assert.equal((await withFile.customer.client.next((m) => m.type === 'ack' && m.id === earlierId)).type, 'ack');

    // Messages flow again from both ends, then everyone has everything.
    await Promise.all(pairs.flatMap(({ conversation, customer, agent }) => [customer.send(conversation), agent.send(conversation)]));
    await until(
      () => pairs.every(({ conversation, customer, agent }) => {
        const expected = customer.acked(conversation).length + agent.acked(conversation).length;
        return customer.messages(conversation).length >= expected && agent.messages(conversation).length >= expected;
      }),
      'every message reached both ends',
      10_000,
    );
    assertSameHistories(pairs);

    // The file is still there, and counted: the agent downloads the same bytes with a new token.
    const download = await fetch(`${relay.url}/files/${withFile.conversation}/${file.id}?access=${await fileToken(withFile.agent, withFile.conversation)}`, { headers: { connection: 'close' } });
    assert.equal(download.status, 200);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), bytes);

    // The waiting customers are still in line, in the order they joined, waiting since they joined.
    const lastWaiting = (client: TestClient) => client.received.filter((m): m is ServerEvent<'waiting'> => m.type === 'waiting').at(-1);
    const joinedAt = waiting.map((c) => lastWaiting(c.client)!.joinedAt);
    for (const customer of waiting) await customer.connect(relay.wsUrl, true);
    for (const customer of waiting) await roundTrip(customer.client);
    assert.deepEqual(waiting.map((c) => [lastWaiting(c.client)?.position, lastWaiting(c.client)?.joinedAt]), [1, 2, 3].map((position, i) => [position, joinedAt[i]]));

    // The transfer and the invitation are offered again to their targets, who can take them.
    for (const [target, request] of [[agents[1]!, transfer.request], [agents[3]!, invitation.request]] as const) {
      assert.ok(target.client.received.some((m) => m.type === 'request' && m.request.id === request), `${target.name} is asked again`);
      assert.equal((await target.client.request({ type: 'answer-request', request, accept: true })).type, 'ack');
    }
    second.sigkill();
  });
});

describe('a crash (SIGKILL)', () => {
  /** A customer and an agent with a conversation of two messages. */
  async function conversationOnce(relay: RelayProcesses) {
    const customer = await customerIn(relay, 'Maija', QUEUE_A);
    const agent = await agentIn(relay, 'a', QUEUE_A);
    const { conversation } = await pickNext(agent, [customer]);
    await customer.send(conversation);
    await agent.send(conversation);
    await until(() => customer.messages(conversation).length === 2 && agent.messages(conversation).length === 2, 'both hold both messages');
    return { customer, agent, conversation, customerId: customer.clients[0]!.received.find((m): m is ServerEvent<'welcome'> => m.type === 'welcome')!.self.id };
  }

  /** Coming back after a crash: a new epoch, and for the conversation it held an empty whole stream, never silence. */
  async function assertToldOfNewEpoch(relay: RelayProcesses, participants: Participant[], conversation: string, epoch: string) {
    for (const participant of participants) {
      const welcome = await participant.connect(relay.wsUrl, true);
      assert.notEqual(welcome.epoch, epoch, `${participant.name} sees a new epoch`);
      assert.deepEqual(await participant.client.next('history', (m) => m.conversation === conversation), { type: 'history', conversation, events: [], recovered: false });
    }
  }

  it('starts afresh under a new epoch; clients coming back are told their conversations are gone', async (t) => {
    const relay = await relayProcesses(t, config);
    const first = await relay.start();
    const { customer, agent, conversation, customerId } = await conversationOnce(relay);
    const epoch = customer.epoch;
    first.sigkill();
    assert.deepEqual(await first.exit(), { code: null, signal: 'SIGKILL' });
    assert.ok(!relay.hasSnapshot(), 'a crash writes nothing');

    await relay.start();
    await assertToldOfNewEpoch(relay, [customer, agent], conversation, epoch);
    const welcome = customer.client.received.find((m): m is ServerEvent<'welcome'> => m.type === 'welcome')!;
    assert.notEqual(welcome.self.id, customerId, 'the customer starts as someone new');
  });

  it('after a planned restart, does not bring the restored state back', async (t) => {
    const relay = await relayProcesses(t, config);
    const first = await relay.start();
    const { customer, agent, conversation } = await conversationOnce(relay);
    const epoch = customer.epoch;
    first.sigterm();
    assert.deepEqual(await first.exit(), { code: 0, signal: null }, first.output());

    const second = await relay.start();
    assert.equal((await customer.connect(relay.wsUrl, true)).epoch, epoch, 'restored under the same epoch');
    assert.equal((await customer.client.next('history', (m) => m.conversation === conversation)).recovered, true);
    second.sigkill();
    await second.exit();
    assert.ok(!relay.hasSnapshot());

    await relay.start();
    await assertToldOfNewEpoch(relay, [customer, agent], conversation, epoch);
  });
});

/** The relay in this process on a data directory of the test's, with the fake clock given, stopped after the test. */
async function relayIn(t: TestContext, dataDir: string, clock: FakeClock, queues: Array<{ id: string; name: string; open?: boolean }> = config.queues) {
  // What it says of saving and restoring; the process tests read it.
  t.mock.method(console, 'log', () => {});
  const relay = await startRelay({ config: parseConfig({ ...config, queues, dataDir }), port: 0, host: '127.0.0.1', serveFiles: false, clock: clock.read });
  const clients: TestClient[] = [];
  t.after(async () => {
    relay.close();
    await Promise.all(clients.map((c) => c.close()));
  });
  const connect = async () => {
    const client = await TestClient.connect(`ws://127.0.0.1:${relay.port}${WS_PATH}`);
    clients.push(client);
    return client;
  };
  return { relay, connect };
}

async function dataDirFor(t: TestContext): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tiski-restart-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));
  return dataDir;
}

describe('the saved state', () => {
  it('comes back whole: queues, people, conversations, requests, removals, statistics, identity token uses', async (t) => {
    const dataDir = await dataDirFor(t);
    const clock = new FakeClock();
    const { relay: before, connect } = await relayIn(t, dataDir, clock);
    const token = (sub: string, roles: Array<'agent' | 'operator'> = ['agent']) => signToken({ sub, name: `Agent ${sub}`, roles, queues: ['*'] }, SECRET, clock.seconds);
    const identity = signJwt({ sub: 'cust-42', name: 'Maija', exp: clock.seconds + 600, jti: randomUUID() }, IDENTITY_SECRET);

    const customer = await connect();
    await customer.hello('customer');
    assert.equal((await customer.request({ type: 'join', queue: QUEUE_A, name: 'Maija', identity })).type, 'ack');
    const waiting = await connect();
    await waiting.hello('customer');
    assert.equal((await waiting.request({ type: 'join', queue: QUEUE_B, name: 'Pekka', message: 'hello?' })).type, 'ack');
    const agents = await Promise.all(['alice', 'bob'].map(async (sub) => {
      const client = await connect();
      await client.hello('agent', { token: token(sub) });
      assert.equal((await client.request({ type: 'sign-in', queues: [QUEUE_A] })).type, 'ack');
      return client;
    }));
    const picked = await agents[0]!.request({ type: 'pick', queue: QUEUE_A });
    assert.ok(picked.type === 'ack' && picked.conversation);
    assert.equal((await customer.request({ type: 'send', conversation: picked.conversation, text: 'my order is late' })).type, 'ack');
    assert.equal((await agents[0]!.request({ type: 'send', conversation: picked.conversation, text: 'a note', private: true })).type, 'ack');
    assert.equal((await agents[0]!.request({ type: 'transfer', conversation: picked.conversation, to: { agent: 'agent:bob' } })).type, 'ack');
    const removal = await fetch(`${before.url}/admin/agents/carol`, { method: 'DELETE', headers: { authorization: `Bearer ${token('olli', ['agent', 'operator'])}`, connection: 'close' } });
    assert.equal(removal.status, 204);

    await before.shutdown();
    assert.ok(existsSync(join(dataDir, snapshotName)));
    const { relay: after, connect: connectAfter } = await relayIn(t, dataDir, clock);
    assert.equal(after.epoch, before.epoch);
    assert.ok(after.restored);
    assert.ok(!existsSync(join(dataDir, snapshotName)), 'taken out of the data directory');
    assert.deepEqual(after.store.snapshot(), before.store.snapshot());

    const thief = await connectAfter();
    await thief.hello('customer');
    assert.equal((await thief.request({ type: 'join', queue: QUEUE_A, name: 'Not Maija', identity })).type, 'ack');
    assert.equal((await thief.next('identity')).code, 'identity-replayed', 'the identity token stays used');
    const removed = await connectAfter();
    const carolsOldToken = signToken({ sub: 'carol', name: 'Carol', roles: ['agent'], queues: ['*'] }, SECRET, clock.seconds);
    const refused = await removed.request({ type: 'hello', v: PROTOCOL_VERSION, role: 'agent', token: carolsOldToken });
    assert.deepEqual([refused.type, refused.type === 'error' && refused.code], ['error', 'agent-removed']);
  });

  it('keeps the config file\'s settings for its queues and the admin API\'s queues; a queue new in the file starts empty, one taken out is deleted', async (t) => {
    const dataDir = await dataDirFor(t);
    const clock = new FakeClock();
    const { relay: before, connect } = await relayIn(t, dataDir, clock, [
      { id: 'sales', name: 'Sales' },
      { id: 'retired', name: 'Retired' },
    ]);
    const operator = signToken({ sub: 'olli', name: 'Olli', roles: ['agent', 'operator'], queues: ['*'] }, SECRET, clock.seconds);
    const body = JSON.stringify({ id: 'returns', name: 'Returns' });
    const created = await fetch(`${before.url}/admin/queues`, {
      method: 'POST',
      headers: { authorization: `Bearer ${operator}`, 'content-type': 'application/json', 'content-length': String(body.length), connection: 'close' },
      body,
    });
    assert.equal(created.status, 201);
    for (const queue of ['sales', 'retired', 'returns']) {
      const customer = await connect();
      await customer.hello('customer');
      assert.equal((await customer.request({ type: 'join', queue, name: `Waits in ${queue}` })).type, 'ack');
    }
    await before.shutdown();

    const { relay: after } = await relayIn(t, dataDir, clock, [
      { id: 'sales', name: 'Sales and offers', open: false },
      { id: 'support', name: 'Support' },
    ]);
    const queues = [...after.store.queues()].map((q) => [q.config.id, q.config.name, q.open, q.waiting.length]);
    assert.deepEqual(queues, [
      ['sales', 'Sales and offers', false, 1],
      ['support', 'Support', true, 0],
      ['returns', 'Returns', true, 1],
    ]);
    assert.equal([...after.store.customers()].filter((c) => c.waiting).length, 2, 'the customer of the deleted queue waits no more');
  });

  for (const [what, text] of [
    ['not JSON', '{"version": 1, "epoch": '],
    ['of another format version', JSON.stringify({ version: 999, epoch: 'older' })],
    ['not what it should hold', JSON.stringify({ version: 1, epoch: 'older', savedAt: 0, configuredQueues: [], store: {} })],
  ] as const) {
    it(`is set aside, said so, and the relay starts afresh when it is ${what}`, async (t) => {
      const dataDir = await dataDirFor(t);
      await writeFile(join(dataDir, snapshotName), text);
      const errors = t.mock.method(console, 'error', () => {});
      const { relay } = await relayIn(t, dataDir, new FakeClock());
      assert.ok(!relay.restored);
      assert.notEqual(relay.epoch, 'older');
      const [setAside, ...others] = readdirSync(dataDir).filter((name) => name.startsWith('relay-state'));
      assert.deepEqual(others, []);
      assert.match(setAside ?? '', /^relay-state\.not-restored-.*\.json$/);
      assert.equal(errors.mock.callCount(), 1);
      assert.match(String(errors.mock.calls[0]!.arguments[0]), new RegExp(`the saved state was not restored \\(.+\\); it was moved to .*${setAside}\\. Starting afresh with a new epoch`));
    });
  }
});

describe('uploaded files across a planned restart', () => {
  it('keeps the files of restored conversations, counted against the quota, and deletes the rest', async (t) => {
    const dataDir = await dataDirFor(t);
    const files = join(dataDir, 'files');
    const put = async (path: string, bytes: number) => {
      await mkdir(join(files, path, '..'), { recursive: true });
      await writeFile(join(files, path), Buffer.alloc(bytes, 1));
    };
    await put('kept-conversation/kept-file', 300);
    await put('kept-conversation/unknown-file', 50);
    await put('forgotten-conversation/a-file', 70);
    await put('.uploading/half-done', 20);

    const store = await DiskFileStore.open(dataDir, 1000, new Map([['kept-conversation', new Set(['kept-file', 'never-stored'])]]));
    assert.equal(store.usedBytes, 300);
    assert.deepEqual(readdirSync(files).sort(), ['.uploading', 'kept-conversation']);
    assert.deepEqual(readdirSync(join(files, 'kept-conversation')), ['kept-file']);
    assert.deepEqual(readdirSync(join(files, '.uploading')), []);
    assert.equal((await store.openFile('kept-conversation', 'kept-file'))?.size, 300);
    assert.equal(store.startUpload(701), undefined, 'the quota counts the kept file');
    await store.startUpload(700)!.discard();
    await store.removeConversation('kept-conversation');
    assert.equal(store.usedBytes, 0);
  });
});

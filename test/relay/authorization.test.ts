/**
 * Authorization (R1): every command against every kind of caller, on a real relay over real
 * WebSockets. The callers surround one conversation of QUEUE_A: its customer, its owner, an agent
 * invited into it, a customer waiting for a conversation of their own, an agent of QUEUE_B only,
 * an operator, and a connection that has not said hello. Each row of the table says who may send
 * the command; the rest must be refused. Private messages never reach the customer, whichever way
 * the customer reads the conversation, and ids are too long to guess.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { ClientMessage, type CommandInput, type CommandType, type ErrorCode, type ServerMessage } from '../../protocol/index.js';
import {
  eventsOf,
  fileToken,
  QUEUE_A,
  QUEUE_B,
  roundTrip,
  startConversation,
  startTestRelay,
  until,
  type TestClient,
  type TestRelay,
  type TestRelayOptions,
} from './helpers.js';
import { receiver } from './webhook-receiver.js';

/** An offer-routed queue beside QUEUE_A, the one place the relay makes offers an agent can accept. */
const OFFERS = 'offers';

const RELAY_OPTIONS: TestRelayOptions = {
  queueA: { returnMinutes: 10 },
  extraQueues: [{ id: OFFERS, name: 'Offers', routing: 'offer' }],
};

const CALLERS = ['anonymous', 'customer', 'otherCustomer', 'owner', 'otherQueueAgent', 'invitedAgent', 'operator'] as const;
type Caller = (typeof CALLERS)[number];
type Verdict = 'allowed' | 'refused';

/** Answers that refuse on grounds of who is asking. */
const REFUSALS: ReadonlySet<ErrorCode> = new Set(['hello-required', 'forbidden', 'not-participant', 'queue-not-allowed', 'not-signed-in', 'conversation-unknown']);

/** A conversation of QUEUE_A and everyone around it. */
interface Scenario {
  relay: TestRelay;
  conversation: string;
  clients: Record<Caller, TestClient>;
  /** Participant ids, as the relay names them in events. */
  ids: { customer: string; otherCustomer: string; owner: string; otherQueueAgent: string; invitedAgent: string; operator: string };
}

/** Asks `agentId` into the conversation as a guest and waits until they are in. */
async function inviteIn(owner: TestClient, guest: TestClient, conversation: string, agentId: string): Promise<void> {
  const asked = await owner.request({ type: 'invite', conversation, to: { agent: agentId } });
  assert.ok(asked.type === 'ack' && asked.request, `the invitation was refused: ${JSON.stringify(asked)}`);
  const request = await guest.next('request', (m) => m.request.id === asked.request);
  const answered = await guest.request({ type: 'answer-request', request: request.request.id, accept: true });
  assert.equal(answered.type, 'ack', JSON.stringify(answered));
  await guest.next('agent-joined', (m) => m.conversation === conversation);
  await owner.next('agent-joined', (m) => m.conversation === conversation);
}

/**
 * Customer C1 in a conversation of QUEUE_A owned by A1 (signed in to QUEUE_A), with G (a QUEUE_B
 * agent) invited in; C2 waiting in QUEUE_A; B signed in to QUEUE_B with a token for QUEUE_B only;
 * O, agent and operator, signed in to QUEUE_A; and a connection that has not said hello.
 */
async function scenario(t: TestContext, options: TestRelayOptions = RELAY_OPTIONS): Promise<Scenario> {
  const relay = await startTestRelay(t, options);
  const { customer, agent, conversation } = await startConversation(relay, 'Maija', 'a1');
  const invited = await relay.agent('g', [QUEUE_B], [QUEUE_B]);
  await inviteIn(agent.client, invited.client, conversation, invited.welcome.self.id);
  const otherQueue = await relay.agent('b', [QUEUE_B], [QUEUE_B]);
  const operator = await relay.agent('o', [QUEUE_A], ['*'], { roles: ['agent', 'operator'] });
  const other = await relay.customer('Pekka', QUEUE_A);
  const anonymous = await relay.connect();
  return {
    relay,
    conversation,
    clients: {
      anonymous,
      customer: customer.client,
      otherCustomer: other.client,
      owner: agent.client,
      otherQueueAgent: otherQueue.client,
      invitedAgent: invited.client,
      operator: operator.client,
    },
    ids: {
      customer: customer.welcome.self.id,
      otherCustomer: other.welcome.self.id,
      owner: agent.welcome.self.id,
      otherQueueAgent: otherQueue.welcome.self.id,
      invitedAgent: invited.welcome.self.id,
      operator: operator.welcome.self.id,
    },
  };
}

type RowType = Exclude<CommandType, 'hello'>;
type Input<T extends RowType> = Extract<CommandInput, { type: T }>;

interface Row<T extends RowType> {
  /** Names a variant of the command, e.g. a private send. */
  label?: string;
  /** Who may send it; every other caller is refused. */
  allowed: readonly Caller[];
  /** The command in the scenario, after whatever it needs first (an ended conversation, a call, an offer). */
  command: (s: Scenario) => Input<T> | Promise<Input<T>>;
  /**
   * Codes that here refuse without saying whether the thing exists: someone else's offer,
   * request or invitation is "unknown" to the caller. The allowed callers must not get them.
   */
  unknownRefuses?: readonly ErrorCode[];
  /** Changes nothing, so all callers may take turns in one scenario. */
  readOnly?: true;
}

const ALL_AGENTS = ['owner', 'otherQueueAgent', 'invitedAgent', 'operator'] as const;
const CUSTOMERS = ['customer', 'otherCustomer'] as const;
/** Agents whose token allows QUEUE_A. */
const QUEUE_A_AGENTS = ['owner', 'operator'] as const;
/** Those taking part in the conversation now. */
const PARTICIPANTS = ['customer', 'owner', 'invitedAgent'] as const;

async function ended(s: Scenario, by: 'customer' | 'owner'): Promise<void> {
  const reply = await s.clients[by].request({ type: 'end', conversation: s.conversation });
  assert.equal(reply.type, 'ack', JSON.stringify(reply));
}

/** A1 asks B into the conversation; the request's id. */
async function requestToB(s: Scenario): Promise<string> {
  const reply = await s.clients.owner.request({ type: 'invite', conversation: s.conversation, to: { agent: s.ids.otherQueueAgent } });
  assert.ok(reply.type === 'ack' && reply.request, JSON.stringify(reply));
  await s.clients.otherQueueAgent.next('request', (m) => m.request.id === reply.request);
  return reply.request;
}

/** A1 has asked C1 to switch to video; with `answered`, C1 accepted and the call is on. */
async function call(s: Scenario, answered: boolean): Promise<void> {
  assert.equal((await s.clients.owner.request({ type: 'call-start', conversation: s.conversation })).type, 'ack');
  if (answered) assert.equal((await s.clients.customer.request({ type: 'call-answer', conversation: s.conversation, accept: true })).type, 'ack');
}

/** A visitor on the site, neither waiting nor chatting; their id. */
async function visitor(s: Scenario): Promise<{ client: TestClient; id: string }> {
  const client = await s.relay.connect();
  const welcome = await client.hello('customer');
  assert.equal((await client.request({ type: 'visit', page: '/pricing' })).type, 'ack');
  return { client, id: welcome.self.id };
}

/** One row per command (except hello), with variants where who may send it depends on its fields. */
const table: { [T in RowType]: Row<T> | readonly Row<T>[] } = {
  join: { allowed: CUSTOMERS, command: () => ({ type: 'join', queue: QUEUE_A, name: 'Liisa' }) },
  leave: { allowed: CUSTOMERS, command: () => ({ type: 'leave' }) },
  'sign-in': { allowed: QUEUE_A_AGENTS, command: () => ({ type: 'sign-in', queues: [QUEUE_A] }) },
  'sign-out': { allowed: ALL_AGENTS, command: () => ({ type: 'sign-out' }) },
  presence: { allowed: ALL_AGENTS, command: () => ({ type: 'presence', presence: 'away' }) },
  pick: { allowed: QUEUE_A_AGENTS, command: (s) => ({ type: 'pick', queue: QUEUE_A, customer: s.ids.otherCustomer }) },
  accept: {
    allowed: ['owner'],
    unknownRefuses: ['offer-unknown'],
    command: async (s) => ({ type: 'accept', offer: await offerToOwner(s) }),
  },
  reject: {
    allowed: ['owner'],
    unknownRefuses: ['offer-unknown'],
    command: async (s) => ({ type: 'reject', offer: await offerToOwner(s) }),
  },
  release: { allowed: ['owner'], command: (s) => ({ type: 'release', conversation: s.conversation }) },
  'set-queue-open': { allowed: ['operator'], command: () => ({ type: 'set-queue-open', queue: QUEUE_A, open: false }) },
  'queue-log': { allowed: QUEUE_A_AGENTS, readOnly: true, command: () => ({ type: 'queue-log', queue: QUEUE_A }) },
  send: [
    { allowed: PARTICIPANTS, command: (s) => ({ type: 'send', conversation: s.conversation, text: 'hello there' }) },
    { label: 'private', allowed: ['owner', 'invitedAgent'], command: (s) => ({ type: 'send', conversation: s.conversation, text: 'a note', private: true }) },
    {
      label: 'with choices',
      allowed: ['owner', 'invitedAgent'],
      command: (s) => ({ type: 'send', conversation: s.conversation, text: 'Which order?', choices: ['the first', 'the second'] }),
    },
  ],
  choose: {
    allowed: ['customer'],
    command: async (s) => {
      const menu = await s.clients.owner.request({ type: 'send', conversation: s.conversation, text: 'Which order?', choices: ['the first', 'the second'] });
      assert.equal(menu.type, 'ack');
      return { type: 'choose', conversation: s.conversation, message: menu.id!, option: 1 };
    },
  },
  typing: [
    { allowed: PARTICIPANTS, command: (s) => ({ type: 'typing', conversation: s.conversation, typing: true }) },
    { label: 'private', allowed: PARTICIPANTS, command: (s) => ({ type: 'typing', conversation: s.conversation, typing: true, private: true }) },
  ],
  'canned-responses': { allowed: QUEUE_A_AGENTS, readOnly: true, command: () => ({ type: 'canned-responses', queue: QUEUE_A }) },
  'file-access': { allowed: PARTICIPANTS, readOnly: true, command: (s) => ({ type: 'file-access', conversation: s.conversation }) },
  end: [
    { allowed: ['customer', 'owner'], command: (s) => ({ type: 'end', conversation: s.conversation }) },
    { label: 'with a wrap-up', allowed: ['owner'], command: (s) => ({ type: 'end', conversation: s.conversation, wrapUp: { reason: 'resolved' } }) },
  ],
  'wrap-up': {
    allowed: ['owner'],
    command: async (s) => {
      await ended(s, 'customer');
      return { type: 'wrap-up', conversation: s.conversation, wrapUp: { reason: 'resolved', note: 'refund issued' } };
    },
  },
  transfer: { allowed: ['owner'], command: (s) => ({ type: 'transfer', conversation: s.conversation, to: { queue: QUEUE_B } }) },
  invite: { allowed: ['owner'], command: (s) => ({ type: 'invite', conversation: s.conversation, to: { agent: s.ids.otherQueueAgent } }) },
  'answer-request': {
    allowed: ['otherQueueAgent'],
    unknownRefuses: ['request-unknown'],
    command: async (s) => ({ type: 'answer-request', request: await requestToB(s), accept: true }),
  },
  'cancel-request': {
    allowed: ['owner'],
    unknownRefuses: ['request-unknown'],
    command: async (s) => ({ type: 'cancel-request', request: await requestToB(s) }),
  },
  'end-conference': { allowed: ['owner'], command: (s) => ({ type: 'end-conference', conversation: s.conversation }) },
  'leave-conversation': { allowed: ['invitedAgent'], command: (s) => ({ type: 'leave-conversation', conversation: s.conversation }) },
  // The organisation's record: agents who take part in the conversation, never its customer.
  ticket: { allowed: ['owner', 'invitedAgent'], command: (s) => ({ type: 'ticket', conversation: s.conversation }) },
  directory: { allowed: ALL_AGENTS, readOnly: true, command: () => ({ type: 'directory' }) },
  recent: { allowed: ALL_AGENTS, readOnly: true, command: () => ({ type: 'recent' }) },
  stats: { allowed: ['operator'], readOnly: true, command: () => ({ type: 'stats', queue: QUEUE_A, range: 'today' }) },
  rate: {
    allowed: ['customer'],
    command: async (s) => {
      await ended(s, 'owner');
      return { type: 'rate', conversation: s.conversation, stars: 5, comment: 'quick and kind' };
    },
  },
  'return-to-chat': {
    allowed: ['customer'],
    command: async (s) => {
      await ended(s, 'customer');
      return { type: 'return-to-chat', conversation: s.conversation };
    },
  },
  visit: { allowed: CUSTOMERS, command: () => ({ type: 'visit', page: '/help' }) },
  visitors: { allowed: ALL_AGENTS, readOnly: true, command: () => ({ type: 'visitors' }) },
  'invite-visitor': {
    allowed: QUEUE_A_AGENTS,
    command: async (s) => ({ type: 'invite-visitor', visitor: (await visitor(s)).id, queue: QUEUE_A }),
  },
  // The invitation is a visitor's: neither customer here may dismiss it, and no agent at all.
  'dismiss-invitation': {
    allowed: [],
    unknownRefuses: ['invitation-unknown'],
    command: async (s) => {
      const { id } = await visitor(s);
      const invited = await s.clients.owner.request({ type: 'invite-visitor', visitor: id, queue: QUEUE_A });
      assert.ok(invited.type === 'ack' && invited.request, JSON.stringify(invited));
      return { type: 'dismiss-invitation', invitation: invited.request };
    },
  },
  'queue-status': { allowed: CUSTOMERS, readOnly: true, command: () => ({ type: 'queue-status' }) },
  'offline-contact': {
    allowed: CUSTOMERS,
    command: () => ({ type: 'offline-contact', queue: QUEUE_A, name: 'Liisa', email: 'liisa@example.com', message: 'call me back' }),
  },
  contacts: { allowed: QUEUE_A_AGENTS, readOnly: true, command: () => ({ type: 'contacts', queue: QUEUE_A }) },
  // A call has two parties, the customer and the owner; an invited agent is not one of them.
  'call-start': { allowed: ['owner'], command: (s) => ({ type: 'call-start', conversation: s.conversation }) },
  'call-answer': {
    allowed: ['customer'],
    command: async (s) => {
      await call(s, false);
      return { type: 'call-answer', conversation: s.conversation, accept: false };
    },
  },
  'call-end': {
    allowed: ['customer', 'owner'],
    command: async (s) => {
      await call(s, true);
      return { type: 'call-end', conversation: s.conversation, reason: 'hangup' };
    },
  },
  'call-signal': {
    allowed: ['customer', 'owner'],
    command: async (s) => {
      await call(s, true);
      return { type: 'call-signal', conversation: s.conversation, signal: { kind: 'media', muted: true, cameraOff: false } };
    },
  },
  'call-connected': {
    allowed: ['customer', 'owner'],
    command: async (s) => {
      await call(s, true);
      return { type: 'call-connected', conversation: s.conversation };
    },
  },
  sync: { allowed: PARTICIPANTS, readOnly: true, command: (s) => ({ type: 'sync', conversation: s.conversation, after: 0 }) },
  // Liveness only: anyone, even before hello, and it reveals nothing.
  ping: { allowed: CALLERS, readOnly: true, command: () => ({ type: 'ping' }) },
};

/** A1 also serves OFFERS; a customer joins it and the relay offers them to A1, its only agent. */
async function offerToOwner(s: Scenario): Promise<string> {
  assert.equal((await s.clients.owner.request({ type: 'sign-in', queues: [QUEUE_A, OFFERS] })).type, 'ack');
  const client = await s.relay.connect();
  await client.hello('customer');
  assert.equal((await client.request({ type: 'join', queue: OFFERS, name: 'Ville' })).type, 'ack');
  return (await s.clients.owner.next('offer', (m) => m.offer.queue === OFFERS)).offer.id;
}

const variants = <T extends RowType>(entry: Row<T> | readonly Row<T>[]): readonly Row<T>[] => (Array.isArray(entry) ? entry : [entry as Row<T>]);

type Answer = { verdict: Verdict; answer: string };

function verdictOf(reply: ServerMessage, unknownRefuses: readonly ErrorCode[]): Answer {
  if (reply.type === 'ack') return { verdict: 'allowed', answer: 'ack' };
  assert.equal(reply.type, 'error');
  const code = (reply as { code: ErrorCode }).code;
  const refused = REFUSALS.has(code) || unknownRefuses.includes(code);
  return { verdict: refused ? 'refused' : 'allowed', answer: code };
}

/** What one caller gets for the row's command, in `s`. */
async function answerOf<T extends RowType>(row: Row<T>, s: Scenario, caller: Caller): Promise<Answer> {
  const command = await row.command(s);
  const reply = await s.clients[caller].request(command as CommandInput);
  return verdictOf(reply, row.unknownRefuses ?? []);
}

/** Every caller's answer: in one shared scenario for read-only rows, else each in a fresh one, side by side. */
async function answersFor<T extends RowType>(t: TestContext, row: Row<T>): Promise<Record<Caller, Answer>> {
  const answers = {} as Record<Caller, Answer>;
  if (row.readOnly) {
    const s = await scenario(t);
    for (const caller of CALLERS) answers[caller] = await answerOf(row, s, caller);
  } else {
    await Promise.all(CALLERS.map(async (caller) => (answers[caller] = await answerOf(row, await scenario(t), caller))));
  }
  return answers;
}

describe('authorization: every command against every caller', () => {
  it('covers every command of the protocol', () => {
    const commands = ClientMessage.options.map((option) => option.shape.type.value).filter((type) => type !== 'hello');
    assert.deepEqual(Object.keys(table).sort(), [...commands].sort());
  });

  for (const [type, entry] of Object.entries(table) as [RowType, Row<RowType> | readonly Row<RowType>[]][]) {
    for (const row of variants(entry)) {
      const allowed = new Set<Caller>(row.allowed);
      const name = `${type}${row.label ? ` (${row.label})` : ''}: ${row.allowed.length ? row.allowed.join(', ') : 'nobody here'}`;
      it(name, async (t) => {
        const answers = await answersFor(t, row);
        const wrong = CALLERS.flatMap((caller) => {
          const expected: Verdict = allowed.has(caller) ? 'allowed' : 'refused';
          const { verdict, answer } = answers[caller];
          return verdict === expected ? [] : [`${caller}: expected ${expected}, got ${answer}`];
        });
        assert.deepEqual(wrong, [], `"${type}"${row.label ? ` (${row.label})` : ''} answered ${JSON.stringify(Object.fromEntries(CALLERS.map((c) => [c, answers[c].answer])))}`);
      });
    }
  }

  it('dismiss-invitation: the invited visitor, whom nobody above is, may', async (t) => {
    const s = await scenario(t);
    const guest = await visitor(s);
    const invited = await s.clients.owner.request({ type: 'invite-visitor', visitor: guest.id, queue: QUEUE_A });
    assert.ok(invited.type === 'ack' && invited.request);
    const invitation = await guest.client.next('invitation');
    assert.equal(invitation.invitation.id, invited.request);
    assert.equal((await guest.client.request({ type: 'dismiss-invitation', invitation: invited.request })).type, 'ack');
  });
});

/** Uploads a small text file to the conversation; the relay's answer. */
async function upload(relay: TestRelay, conversation: string, token: string, text: string): Promise<{ status: number; id?: string }> {
  const response = await fetch(`${relay.relay.url}/files/${conversation}?name=note.txt`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, connection: 'close', 'content-type': 'application/octet-stream' },
    body: Buffer.from(text),
  });
  const body = (await response.json()) as { id?: string };
  return { status: response.status, ...(body.id ? { id: body.id } : {}) };
}

async function downloadStatus(relay: TestRelay, conversation: string, file: string, token: string): Promise<number> {
  const response = await fetch(`${relay.relay.url}/files/${conversation}/${file}?access=${token}`, { headers: { connection: 'close' } });
  await response.arrayBuffer();
  return response.status;
}

const SECRETS = ['she has been rude to us before', 'refund approved by finance', 'internal-only attachment'];

/** No frame `client` ever got carries a private event or any of the private texts. */
function assertNothingPrivate(client: TestClient, where: string): void {
  assert.ok(client.frames.length > 0, `${where}: the customer got something`);
  for (const frame of client.frames) {
    assert.doesNotMatch(frame, /"private"\s*:\s*true/, `${where}: a private event reached the customer: ${frame}`);
    for (const secret of SECRETS) assert.ok(!frame.includes(secret), `${where}: a private text reached the customer: ${frame}`);
  }
}

describe('private messages never reach the customer', () => {
  it('not live, not replayed after a reconnect, not in sync, not in files; only the CRM webhooks carry them', async (t) => {
    const hooks = await receiver(t);
    const s = await scenario(t, { ...RELAY_OPTIONS, webhooks: [{ url: hooks.url, secret: 'whsec-authorization-0123456789' }] });
    const { relay, conversation, clients } = s;
    const customer = clients.customer;
    const welcome = customer.received.find((m) => m.type === 'welcome');
    assert.ok(welcome?.type === 'welcome' && welcome.resumeToken);

    assert.equal((await customer.request({ type: 'send', conversation, text: 'my parcel never came' })).type, 'ack');
    assert.equal((await clients.owner.request({ type: 'send', conversation, text: SECRETS[0]!, private: true })).type, 'ack');
    assert.equal((await clients.invitedAgent.request({ type: 'send', conversation, text: SECRETS[1]!, private: true })).type, 'ack');
    assert.equal((await clients.owner.request({ type: 'typing', conversation, typing: true, private: true })).type, 'ack');
    const file = await upload(relay, conversation, await fileToken(clients.owner, conversation), SECRETS[2]!);
    assert.equal(file.status, 201);
    const sentFile = await clients.owner.request({ type: 'send', conversation, text: '', attachments: [file.id!], private: true });
    assert.equal(sentFile.type, 'ack', JSON.stringify(sentFile));
    assert.equal((await clients.owner.request({ type: 'send', conversation, text: 'I will resend it' })).type, 'ack');

    // The agents see the private messages live, so they did go out.
    await clients.invitedAgent.next('message', (m) => m.conversation === conversation && m.text === 'I will resend it');
    assert.equal(eventsOf(clients.invitedAgent, conversation).filter((e) => e.type === 'message' && e.private).length, 3);

    // Live: the public reply arrived, nothing private before it.
    await customer.next('message', (m) => m.conversation === conversation && m.text === 'I will resend it');
    await roundTrip(customer);
    assertNothingPrivate(customer, 'live');

    // The private file is not the customer's to download, even with the customer's own token.
    const customerToken = await fileToken(customer, conversation);
    assert.equal(await downloadStatus(relay, conversation, file.id!, customerToken), 404);

    // Sync from the start answers the customer's stream only.
    assert.equal((await customer.request({ type: 'sync', conversation, after: 0 })).type, 'ack');
    const synced = await customer.next('history', (m) => m.conversation === conversation);
    assert.deepEqual(
      synced.events.map((e) => (e.type === 'message' ? e.text : e.type)),
      ['conversation-started', 'agent-joined', 'my parcel never came', 'I will resend it'],
    );
    assertNothingPrivate(customer, 'sync');

    // Recent conversations and their transcripts are the agents' alone.
    assert.equal((await customer.request({ type: 'recent' })).type, 'error');

    // A reconnect with the resume token replays the customer's stream only.
    await customer.close();
    const back = await relay.connect();
    await back.hello('customer', { resume: welcome.resumeToken });
    const replayed = await back.next('history', (m) => m.conversation === conversation);
    assert.equal(replayed.events.length, synced.events.length);
    assertNothingPrivate(back, 'replay after reconnect');

    // The end: the CRM's transcript keeps the private messages, marked private; the customer's stream never had them.
    assert.equal((await clients.owner.request({ type: 'ticket', conversation })).type, 'ack');
    assert.equal((await back.request({ type: 'end', conversation })).type, 'ack');
    await back.next('conversation-ended', (m) => m.conversation === conversation);
    assert.equal((await back.request({ type: 'rate', conversation, stars: 4, comment: 'fine' })).type, 'ack');
    await until(() => ['ticket', 'conversation.ended', 'conversation.rated'].every((e) => hooks.deliveries.some((d) => d.json.event === e)), 'the webhooks were delivered');
    const endedHook = hooks.deliveries.find((d) => d.json.event === 'conversation.ended')!;
    const transcript = (endedHook.json.data as { transcript: { events: Array<{ type: string; text?: string; private?: boolean }> } }).transcript;
    assert.deepEqual(
      transcript.events.filter((e) => e.type === 'message' && e.private).map((e) => e.text),
      [SECRETS[0], SECRETS[1], ''],
      'the CRM gets every private message, marked private',
    );
    const rated = hooks.deliveries.find((d) => d.json.event === 'conversation.rated')!;
    for (const secret of SECRETS) assert.ok(!rated.body.includes(secret), 'the rating carries no private text');

    // After the end, another reconnect still replays nothing private.
    await back.close();
    const later = await relay.connect();
    await later.hello('customer', { resume: welcome.resumeToken });
    await later.next('history', (m) => m.conversation === conversation);
    assertNothingPrivate(later, 'replay after the end');
  });

  it('recent lists an ended conversation, with its private notes, only for agents who may read it', async (t) => {
    const s = await scenario(t);
    const { conversation, clients } = s;
    assert.equal((await clients.owner.request({ type: 'send', conversation, text: SECRETS[0]!, private: true })).type, 'ack');
    await ended(s, 'customer');
    const listed = async (caller: Caller) => {
      assert.equal((await clients[caller].request({ type: 'recent' })).type, 'ack');
      const recent = await clients[caller].next('recent');
      return recent.conversations.find((c) => c.id === conversation);
    };
    const entries = Object.fromEntries(await Promise.all(ALL_AGENTS.map(async (caller) => [caller, await listed(caller)] as const)));
    const note = entries.owner?.events.find((e) => e.type === 'message' && e.private);
    assert.ok(note?.type === 'message' && note.text === SECRETS[0], 'the agents\' record keeps the private note');
    const seen = Object.fromEntries(ALL_AGENTS.map((caller) => [caller, !!entries[caller]]));
    // The owner and the operator serve QUEUE_A; the invited agent took part; B has nothing to do with it.
    assert.deepEqual(seen, { owner: true, otherQueueAgent: false, invitedAgent: true, operator: true });
  });
});

/** nanoid's alphabet. */
const UNGUESSABLE = /^[A-Za-z0-9_-]{21,}$/;

describe('ids cannot be guessed', () => {
  it('conversation and file ids are at least 21 random characters, and knowing one is not enough', async (t) => {
    const s = await scenario(t);
    const { relay, conversation, clients } = s;
    assert.match(conversation, UNGUESSABLE);
    const file = await upload(relay, conversation, await fileToken(clients.customer, conversation), 'my receipt');
    assert.equal(file.status, 201);
    assert.match(file.id!, UNGUESSABLE);
    const welcome = clients.customer.received.find((m) => m.type === 'welcome');
    assert.ok(welcome?.type === 'welcome');
    assert.match(welcome.resumeToken ?? '', UNGUESSABLE, 'the resume token is a credential too');

    // C2 knows C1's conversation id: writing, reading, typing, ending and file tokens are all refused.
    const other = clients.otherCustomer;
    const attempts: CommandInput[] = [
      { type: 'send', conversation, text: 'I am the customer, honest' },
      { type: 'sync', conversation, after: 0 },
      { type: 'typing', conversation, typing: true },
      { type: 'file-access', conversation },
      { type: 'end', conversation },
      { type: 'rate', conversation, stars: 1 },
    ];
    for (const command of attempts) {
      const reply = await other.request(command);
      assert.ok(reply.type === 'error' && REFUSALS.has(reply.code), `${command.type}: ${JSON.stringify(reply)}`);
    }
    await roundTrip(clients.customer);
    assert.ok(!clients.customer.frames.some((f) => f.includes('I am the customer, honest')), 'the forged message reached nobody');
    assert.ok(!other.received.some((m) => m.type === 'history'), 'C2 read nothing of the conversation');

    // The customer's file token does not open another conversation's files, nor does C2 get one.
    const token = await fileToken(clients.customer, conversation);
    assert.notEqual(await downloadStatus(relay, 'x'.repeat(21), file.id!, token), 200);
  });
});

/**
 * Hostile input (R3): property-based tests with fast-check throw random and mutated protocol
 * messages at a real relay — from customers, agents, operators and sockets that never said hello —
 * while a few real conversations go on, and check after every batch that:
 *
 * - the relay answers every frame exactly once, in order (a command's answer echoes its id), and
 *   the frames refused before reading (binary, too large, not JSON) and past the rate limit with
 *   their code;
 * - every error's code is one of `errorCodes` and its message shows no internals;
 * - no client receives anything outside the contract (`TestClient.violations`);
 * - the domain's invariants hold in `relay.relay.store`;
 * - nothing reached `Object.prototype`; and at the end the process still serves `/health` and a
 *   fresh hello.
 *
 * One fast-check run is one batch: every actor sends up to 64 frames (the rate limit's burst is 60,
 * so a few run past it on purpose), then the relay's clock moves 3 s, which refills every limiter.
 * The default, 220 batches, sends about 240,000 frames in about 50 s on 2 cores; set
 * `TISKI_FUZZ_RUNS` (batches) for a longer run and `TISKI_FUZZ_SEED` for other inputs (the seed is
 * fixed by default, so CI is deterministic, and printed with any failure).
 *
 * Findings do not stop the run: each kind is kept with its smallest frame, and the test fails at
 * the end listing them all, so one known bug does not hide the next.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc, { type Arbitrary } from 'fast-check';
import { ClientMessage, errorCodes, limits, PROTOCOL_VERSION, ServerMessage } from '../../protocol/index.js';
import { signToken } from '../../relay/auth/jwt.js';
import { leaksInternals, QUEUE_A, QUEUE_B, sleep, startTestRelay, until, type TestClient, type TestRelay } from './helpers.js';

const SEED = Number(process.env.TISKI_FUZZ_SEED ?? 20250301);
const BATCHES = Number(process.env.TISKI_FUZZ_RUNS ?? 220);
const QUEUE_OFFER = 'tarjoukset';
const BURST = 60;
/** Enough for the limiter to refill from empty: 3 s at 20 a second. */
const REFILL_MS = 3000;
const ANSWER_WAIT_MS = 15_000;

type Kind = 'customer' | 'agent' | 'operator' | 'stranger' | 'legit-customer' | 'legit-agent' | 'legit-operator';

interface Expected {
  frame: string;
  /** The id the answer must echo; undefined: none. */
  id: string | undefined;
  /** The error code when it follows from the frame alone. */
  code?: string;
  /** The answer cannot be an ack. */
  error?: boolean;
  /** The answer must be an ack. */
  ack?: boolean;
}

interface Actor {
  key: string;
  kind: Kind;
  client: TestClient;
  /** The participant's id once it said hello (`agent:<sub>` for agents). */
  id?: string;
  tokens: number;
  /** Told version-mismatch: the relay closes the socket, nothing more is sent on it. */
  closing: boolean;
  expected: Expected[];
  answers: number;
  scanned: number;
}

/** What an arbitrary may refer to: ids the relay knows now. */
interface World {
  batch: number;
  queues: string[];
  conversations: string[];
  customers: string[];
  agents: string[];
  offers: string[];
  requests: string[];
  participants: string[];
  messages: string[];
  invitations: string[];
  epoch: string;
}

interface Frame {
  data: string | Buffer;
}

const preview = (data: string | Buffer) =>
  typeof data === 'string' ? (data.length > 300 ? `${data.slice(0, 300)}… (${Buffer.byteLength(data)} bytes)` : data) : `<binary ${data.length} bytes: ${data.toString('hex').slice(0, 60)}>`;
const sizeOf = (data: string | Buffer) => (typeof data === 'string' ? Buffer.byteLength(data) : data.length);

// ---------------------------------------------------------------------------------------------
// Arbitraries

const wrongType: Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);

/** Mostly `valid`, sometimes a value of the wrong type. */
const v = <T>(valid: Arbitrary<T>): Arbitrary<T | unknown> => fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: wrongType });

/**
 * What the arbitraries refer to while one actor's frames are generated: the relay's ids now, and
 * the actor's. The arbitraries are built once (building them is the costly part) and read it.
 */
interface Scope {
  world: World;
  /** The actor's own conversations. */
  mine: readonly string[];
  key: string;
  /** An agent token for a new agent, which the relay will accept. */
  mint: (n: number, operator: boolean) => string;
}
const scope: { current?: Scope } = {};
const now = (): Scope => scope.current!;

/** One of the ids `ids` gives now, about `weight` times in `weight + 1`, else one of `others`. */
const among = (ids: () => readonly string[], others: Arbitrary<string>, weight = 6): Arbitrary<string> =>
  fc.tuple(fc.nat(), others).map(([n, other]) => {
    const known = ids();
    return known.length && n % (weight + 1) !== 0 ? known[Math.floor(n / (weight + 1)) % known.length]! : other;
  });

const oddIds = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'round-trip', 'x'.repeat(65), '');
const fakeId = fc.oneof({ weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 24 }) }, { weight: 1, arbitrary: oddIds });

const text: Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\t\n \u00a0',
      '\u200b',
      '\u202e‮abc',
      '\ud800',
      '🙂'.repeat(500),
      '🙂'.repeat(501),
      'x'.repeat(limits.messageLength),
      'x'.repeat(limits.messageLength + 1),
      `${' '.repeat(1500)}x`,
      '<img src=x onerror=alert(1)>',
      '{customer.name} {agent.name}',
      '\u0000\u0001\u001f',
    ),
  },
  { weight: 1, arbitrary: fc.nat(3000).map((n) => 'y'.repeat(n)) },
);

const num: Arbitrary<number> = fc.oneof(
  fc.integer({ min: -3, max: 12 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(-0, 0.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1e300, -1),
);

const commandTypes = ClientMessage.options.map((o) => o.shape.type.value);

/** The fields of each command type, valid or nearly, referring to what the relay knows. */
function commandShapes(): Record<string, Arbitrary<Record<string, unknown>>> {
  const queue = among(() => now().world.queues, fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,12}$/), fc.constantFrom('SUPPORT-EN', ' support-en', 'a'.repeat(65), '__proto__', 'constructor', 'hasownproperty', 'tostring')), 8);
  const conversation = among(() => now().mine, among(() => now().world.conversations, fakeId, 3), 3);
  const participant = among(() => now().world.participants, fakeId, 3);
  const offer = among(() => now().world.offers, fakeId);
  const request = among(() => now().world.requests, fakeId);
  const agents = () => now().world.agents;
  const mint = (operator: boolean) => fc.nat().map((n) => now().mint(n, operator));
  const wrapUp = fc.record({ reason: v(text), note: v(text), tags: v(fc.array(text, { maxLength: 12 })) }, { requiredKeys: [] });
  const target = fc.oneof(
    fc.record({ agent: v(among(agents, fakeId)) }),
    fc.record({ queue: v(queue) }),
    fc.record({ agent: among(agents, fakeId), queue }),
    fc.constant({}),
  );
  const signal = fc.oneof(
    fc.record({ kind: fc.constantFrom('offer', 'answer'), sdp: v(fc.oneof(text, fc.nat(13_000).map((n) => 's'.repeat(n)))) }),
    fc.record({ kind: fc.constant('candidate'), candidate: fc.record({ candidate: v(text), sdpMid: fc.option(text), sdpMLineIndex: fc.option(num) }, { requiredKeys: ['candidate'] }) }),
    fc.record({ kind: fc.constant('media'), muted: v(fc.boolean()), cameraOff: v(fc.boolean()) }),
    fc.record({ kind: v(fc.string({ maxLength: 8 })) }),
  );
  const token = fc.oneof(
    mint(false),
    mint(true),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGVzIjpbIm9wZXJhdG9yIl19.', 'a.b.c', 'x'.repeat(4097)),
    fc.nat().map((n) => signToken({ sub: `forged-${n}`, name: 'Forged', roles: ['agent', 'operator'], queues: ['*'] }, 'not-the-relay-secret-0123456789-abcdef', 1_735_722_000)),
  );
  const opt = <T extends Record<string, Arbitrary<unknown>>>(fields: T, required: Array<keyof T & string>) =>
    fc.record(fields, { requiredKeys: required }) as Arbitrary<Record<string, unknown>>;
  const empty = fc.constant({});
  return {
    hello: opt(
      {
        v: v(fc.oneof({ weight: 8, arbitrary: fc.constant(PROTOCOL_VERSION) }, { weight: 1, arbitrary: num })),
        role: v(fc.constantFrom('customer', 'agent', 'operator')),
        token: v(token),
        resume: v(fc.string({ maxLength: 140 })),
        epoch: v(fc.oneof(fc.constant(null).map(() => now().world.epoch), fc.string({ maxLength: 70 }))),
        streams: v(fc.array(fc.record({ conversation: v(conversation), after: v(num) }), { maxLength: 4 })),
      },
      ['v', 'role'],
    ),
    join: opt(
      {
        queue: v(queue),
        name: v(text),
        message: v(text),
        info: v(opt({ page: v(text), referrer: v(text), language: v(fc.string({ maxLength: 40 })), userAgent: v(text), answers: v(fc.array(fc.record({ label: text, value: text }), { maxLength: 3 })) }, [])),
        survey: v(fc.dictionary(fc.string({ maxLength: 12 }), v(text), { maxKeys: 3 })),
        identity: v(fc.oneof(fc.string({ maxLength: 30 }), fc.constant('a.b.c'))),
        media: v(fc.constantFrom('text', 'video', 'audio')),
        invitation: v(fc.oneof(among(() => now().world.invitations, fakeId), fc.constant('site:nope'))),
      },
      ['queue', 'name'],
    ),
    leave: empty,
    'sign-in': opt({ queues: v(fc.oneof(fc.array(queue, { maxLength: 4 }), fc.array(queue, { minLength: 51, maxLength: 52 }))) }, ['queues']),
    'sign-out': empty,
    presence: opt({ presence: v(fc.constantFrom('available', 'away', 'no-answer', 'offline')) }, ['presence']),
    pick: opt({ queue: v(queue), customer: v(participant) }, ['queue']),
    accept: opt({ offer: v(offer) }, ['offer']),
    reject: opt({ offer: v(offer) }, ['offer']),
    release: opt({ conversation: v(conversation) }, ['conversation']),
    'set-queue-open': opt({ queue: v(queue), open: v(fc.boolean()) }, ['queue', 'open']),
    'queue-log': opt({ queue: v(queue) }, ['queue']),
    send: opt(
      {
        conversation: v(conversation),
        text: v(text),
        private: v(fc.boolean()),
        attachments: v(fc.array(fakeId, { maxLength: 6 })),
        choices: v(fc.array(text, { maxLength: 11 })),
      },
      ['conversation', 'text'],
    ),
    choose: opt({ conversation: v(conversation), message: v(among(() => now().world.messages, fakeId)), option: v(num) }, ['conversation', 'message', 'option']),
    typing: opt({ conversation: v(conversation), typing: v(fc.boolean()), private: v(fc.boolean()) }, ['conversation', 'typing']),
    'canned-responses': opt({ queue: v(queue) }, ['queue']),
    'file-access': opt({ conversation: v(conversation) }, ['conversation']),
    end: opt({ conversation: v(conversation), wrapUp: v(wrapUp) }, ['conversation']),
    'wrap-up': opt({ conversation: v(conversation), wrapUp: v(wrapUp) }, ['conversation', 'wrapUp']),
    transfer: opt({ conversation: v(conversation), to: v(target) }, ['conversation', 'to']),
    invite: opt({ conversation: v(conversation), to: v(target) }, ['conversation', 'to']),
    'answer-request': opt({ request: v(request), accept: v(fc.boolean()) }, ['request', 'accept']),
    'cancel-request': opt({ request: v(request) }, ['request']),
    'end-conference': opt({ conversation: v(conversation) }, ['conversation']),
    'leave-conversation': opt({ conversation: v(conversation) }, ['conversation']),
    ticket: opt({ conversation: v(conversation) }, ['conversation']),
    directory: empty,
    recent: empty,
    stats: opt({ queue: v(queue), range: v(fc.constantFrom('today', '7d', '30d', '1y')) }, ['queue', 'range']),
    rate: opt({ conversation: v(conversation), stars: v(num), comment: v(text) }, ['conversation', 'stars']),
    'return-to-chat': opt({ conversation: v(conversation) }, ['conversation']),
    visit: opt({ page: v(text), title: v(text), language: v(fc.string({ maxLength: 40 })) }, ['page']),
    visitors: empty,
    'invite-visitor': opt({ visitor: v(among(() => now().world.customers, fakeId)), queue: v(queue), message: v(text) }, ['visitor', 'queue']),
    'dismiss-invitation': opt({ invitation: v(among(() => now().world.invitations, fakeId)) }, ['invitation']),
    'queue-status': empty,
    'offline-contact': opt({ queue: v(queue), name: v(text), email: v(fc.oneof(fc.emailAddress(), fc.string({ maxLength: 20 }))), message: v(text) }, ['queue', 'name', 'email', 'message']),
    contacts: opt({ queue: v(queue) }, ['queue']),
    'call-start': opt({ conversation: v(conversation) }, ['conversation']),
    'call-answer': opt({ conversation: v(conversation), accept: v(fc.boolean()) }, ['conversation', 'accept']),
    'call-end': opt({ conversation: v(conversation), reason: v(fc.constantFrom('hangup', 'failed', 'permission-denied', 'bored')) }, ['conversation', 'reason']),
    'call-signal': opt({ conversation: v(conversation), signal: v(signal) }, ['conversation', 'signal']),
    'call-connected': opt({ conversation: v(conversation) }, ['conversation']),
    sync: opt({ conversation: v(conversation), after: v(num) }, ['conversation', 'after']),
  };
}

const customerFavourites = new Set(['join', 'leave', 'send', 'typing', 'end', 'rate', 'return-to-chat', 'choose', 'visit', 'dismiss-invitation', 'sync', 'call-answer']);
const agentFavourites = new Set(['pick', 'send', 'end', 'wrap-up', 'transfer', 'invite', 'answer-request', 'accept', 'reject', 'release', 'sign-in', 'presence', 'call-start', 'invite-visitor', 'set-queue-open', 'end-conference', 'leave-conversation']);

/** Markers that mutations put into a command, replaced in its JSON text. */
const INJECT = '@@tiski-inject@@';
const injections = fc.constantFrom(
  '{"__proto__":{"polluted":"yes","isAdmin":true}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"__proto__":null,"toString":"x","valueOf":1}',
  '[{"__proto__":{"polluted":"yes"}}]',
);
const deepNesting = fc.tuple(fc.integer({ min: 2500, max: 3300 }), fc.boolean()).map(([depth, arrays]) =>
  arrays ? `${'['.repeat(depth * 3)}${']'.repeat(depth * 3)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
);

type Mutation =
  | { kind: 'drop'; key: number }
  | { kind: 'retype'; key: number; value: unknown }
  | { kind: 'extra'; key: string; value: unknown }
  | { kind: 'inject'; key: string; value: string }
  | { kind: 'prefix'; value: string }
  | { kind: 'duplicate-type'; type: string; first: boolean }
  | { kind: 'truncate'; at: number }
  | { kind: 'pad-to'; bytes: number };

const mutation: Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), key: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), key: fc.nat(), value: wrongType }),
  fc.record({ kind: fc.constant('extra' as const), key: fc.oneof(fc.string({ maxLength: 10 }), oddIds), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('inject' as const), key: fc.oneof(fc.constantFrom('info', 'wrapUp', 'to', 'signal', 'survey', 'extra', 'id', 'type'), fc.string({ maxLength: 6 })), value: fc.oneof({ weight: 4, arbitrary: injections }, { weight: 1, arbitrary: deepNesting }) }),
  fc.record({ kind: fc.constant('prefix' as const), value: injections.map((s) => s.slice(1, -1)) }),
  fc.record({ kind: fc.constant('duplicate-type' as const), type: fc.constantFrom(...commandTypes, 'teleport'), first: fc.boolean() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('pad-to' as const), bytes: fc.constantFrom(limits.frameBytes - 1, limits.frameBytes, limits.frameBytes + 1, limits.frameBytes + 2, 20_000) }),
);

function mutate(command: Record<string, unknown>, m: Mutation): string {
  const keys = Object.keys(command);
  const copy: Record<string, unknown> = { ...command };
  switch (m.kind) {
    case 'drop':
      delete copy[keys[m.key % keys.length]!];
      return JSON.stringify(copy);
    case 'retype':
      copy[keys[m.key % keys.length]!] = m.value;
      return JSON.stringify(copy);
    case 'extra':
      Object.defineProperty(copy, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
      return JSON.stringify(copy);
    case 'inject':
      Object.defineProperty(copy, m.key, { value: INJECT, enumerable: true, configurable: true, writable: true });
      return JSON.stringify(copy).replace(`"${INJECT}"`, m.value);
    case 'prefix':
      return `{${m.value},${JSON.stringify(copy).slice(1)}`;
    case 'duplicate-type': {
      const json = JSON.stringify(copy);
      return m.first ? `{"type":${JSON.stringify(m.type)},${json.slice(1)}` : `${json.slice(0, -1)},"type":${JSON.stringify(m.type)}}`;
    }
    case 'truncate': {
      const json = JSON.stringify(copy);
      return json.slice(0, m.at % json.length);
    }
    case 'pad-to': {
      const json = JSON.stringify(copy);
      const room = m.bytes - Buffer.byteLength(json) - ',"pad":""'.length;
      return room > 0 ? `${json.slice(0, -1)},"pad":"${'p'.repeat(room)}"}` : json;
    }
  }
}

/** One actor's frames for a batch: commands shaped by the schemas, their mutations, and plain noise. */
function framesFor(kind: 'customer' | 'agent' | 'stranger'): Arbitrary<Frame[]> {
  const shapes = commandShapes();
  const favourites = kind === 'customer' ? customerFavourites : kind === 'stranger' ? new Set(['hello']) : agentFavourites;
  const id = fc.oneof(
    { weight: 30, arbitrary: fc.nat().map((n) => `${now().key}-${now().world.batch}-${n.toString(36)}`) },
    { weight: 1, arbitrary: fc.constantFrom('dup', 'x'.repeat(64), 'x'.repeat(65), '__proto__', 'constructor') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 70 }) },
    { weight: 1, arbitrary: wrongType },
  );
  const command: Arbitrary<Record<string, unknown>> = fc.oneof(
    ...Object.entries(shapes).map(([type, fields]) => ({
      weight: favourites.has(type) ? 6 : 1,
      arbitrary: fc.tuple(id, fields).map(([cid, body]) => ({ type, id: cid, ...body })),
    })),
  );
  const noise: Arbitrary<string | Buffer> = fc.oneof(
    fc.json({ maxDepth: 3 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.uint8Array({ maxLength: 80 }).map((bytes) => Buffer.from(bytes)),
    fc.tuple(fc.constantFrom(...commandTypes), id, fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })).map(([type, cid, rest]) => JSON.stringify({ ...rest, type, id: cid })),
    fc.constantFrom('', ' ', 'null', '[]', '{}', '"hello"', '{"type":"hello"}', '{"id":""}', '{"id":"' + 'i'.repeat(500) + '"}', '1e999', '\ufeff{}'),
  );
  const frame: Arbitrary<string | Buffer> = fc.oneof(
    { weight: 9, arbitrary: command.map((c) => JSON.stringify(c)) },
    { weight: 6, arbitrary: fc.tuple(command, mutation).map(([c, m]) => mutate(c, m)) },
    { weight: 4, arbitrary: noise },
  );
  return fc.array(frame.map((data) => ({ data })), { minLength: 30, maxLength: BURST + 4, size: 'max' });
}

// ---------------------------------------------------------------------------------------------
// The run

class Findings {
  readonly #byKind = new Map<string, { detail: string; size: number; count: number }>();
  add(kind: string, detail: string, size = 0): void {
    const known = this.#byKind.get(kind);
    if (!known) this.#byKind.set(kind, { detail, size, count: 1 });
    else {
      known.count++;
      if (size < known.size) Object.assign(known, { detail, size });
    }
  }
  get size(): number {
    return this.#byKind.size;
  }
  report(): string {
    return [...this.#byKind].map(([kind, f]) => `- ${kind} (${f.count}×), smallest:\n    ${f.detail.replace(/\n/g, '\n    ')}`).join('\n');
  }
}

/** What the relay must answer `data` with, given what this socket sent before (and uses up a token). */
function predict(actor: Actor, data: string | Buffer, freshTokens: ReadonlySet<string>): Expected {
  const frame = preview(data);
  if (typeof data !== 'string') return { frame, id: undefined, code: 'invalid-message' };
  if (Buffer.byteLength(data) > limits.frameBytes) return { frame, id: undefined, code: 'frame-too-large' };
  const allowed = actor.tokens >= 1;
  if (allowed) actor.tokens--;
  let json: unknown;
  try {
    // The relay's UTF-8 decoder drops a byte order mark, as TextDecoder does by default.
    json = JSON.parse(data.replace(/^\ufeff/, ''));
  } catch {
    return { frame, id: undefined, code: allowed ? 'bad-json' : 'rate-limited' };
  }
  const rawId = (json as { id?: unknown } | null)?.id;
  // The relay echoes an id only as the contract allows it: 1 to 64 characters.
  const id = typeof rawId === 'string' && rawId.length > 0 ? rawId.slice(0, limits.commandIdLength) : undefined;
  // Past the burst, a command is refused under its id, once the id is read.
  if (!allowed) return { frame, id, code: 'rate-limited' };
  const parsed = ClientMessage.safeParse(json);
  if (!parsed.success) return { frame, id, code: 'invalid-message' };
  const command = parsed.data;
  if (command.type === 'hello') {
    if (actor.id) return { frame, id, code: 'already-connected' };
    if (command.v !== PROTOCOL_VERSION) {
      actor.closing = true;
      return { frame, id, code: 'version-mismatch' };
    }
    if (command.role === 'customer') {
      actor.id = 'customer:unknown-yet';
      return { frame, id };
    }
    if (!command.token) return { frame, id, code: 'token-invalid' };
    if (!freshTokens.has(command.token)) return { frame, id, error: true };
    actor.id = 'agent:unknown-yet';
    return { frame, id };
  }
  if (command.type === 'ping') return { frame, id, ack: true };
  if (!actor.id) return { frame, id, code: 'hello-required' };
  return { frame, id };
}

/** Checks the answers `actor` received so far against what its frames called for, in order. */
const answers = { ack: 0, codes: {} as Record<string, number> };

function checkAnswers(actor: Actor, findings: Findings): void {
  // Every frame as it arrived: an answer outside the contract still answers (and counts as a violation below).
  const { frames } = actor.client;
  for (; actor.scanned < frames.length; actor.scanned++) {
    let message: { type?: unknown; id?: unknown; code?: unknown; message?: unknown; self?: { id?: unknown } };
    try {
      message = JSON.parse(frames[actor.scanned]!) as typeof message;
    } catch {
      continue;
    }
    if (message.type === 'welcome' && actor.id?.endsWith(':unknown-yet')) actor.id = String(message.self?.id);
    if (message.type !== 'ack' && message.type !== 'error') continue;
    if (message.type === 'ack') answers.ack++;
    else answers.codes[String(message.code)] = (answers.codes[String(message.code)] ?? 0) + 1;
    const expected = actor.expected[actor.answers++];
    const where = `${actor.kind} ${actor.key}`;
    if (!expected) {
      findings.add('an answer no frame asked for', `${where} got ${JSON.stringify(message)}`);
      continue;
    }
    const size = expected.frame.length;
    const contract = ServerMessage.safeParse(message);
    if (!contract.success) {
      const issue = contract.error.issues[0]!;
      findings.add(
        `contract violation: an ${String(message.type)} the schema refuses (${issue.path.join('.')}: ${issue.message})`,
        `${where} sent ${expected.frame}\n  got ${JSON.stringify(message).slice(0, 300)}`,
        size,
      );
    }
    if (message.type === 'error') {
      if (!(errorCodes as readonly string[]).includes(String(message.code))) findings.add(`error code outside errorCodes: ${message.code}`, `${where} sent ${expected.frame}\n  got ${JSON.stringify(message)}`, size);
      // A message may quote what the client sent (a field name); only what the frame did not hold counts as leaked.
      if (leaksInternals(String(message.message)) && !leaksInternals(expected.frame)) findings.add(`error message leaks internals (${message.code})`, `${where} sent ${expected.frame}\n  got ${JSON.stringify(message)}`, size);
    }
    if (message.id !== expected.id) {
      findings.add('answer out of step with the frames (missing, doubled or wrong id)', `${where} sent ${expected.frame}\n  expected an answer with id ${JSON.stringify(expected.id)}, got ${JSON.stringify(message)}`, size);
    } else if (expected.code && !(message.type === 'error' && message.code === expected.code)) {
      findings.add(`answer other than ${expected.code}`, `${where} sent ${expected.frame}\n  got ${JSON.stringify(message)}`, size);
    } else if (expected.error && message.type !== 'error') {
      findings.add('ack for a frame that must be refused', `${where} sent ${expected.frame}\n  got ${JSON.stringify(message)}`, size);
    } else if (expected.ack && message.type !== 'ack') {
      findings.add('refusal of a frame that must be acknowledged', `${where} sent ${expected.frame}\n  got ${JSON.stringify(message)}`, size);
    }
  }
  // Answers were checked above, with the frame they answer; any other message outside the contract counts here.
  for (const violation of actor.client.violations.splice(0)) {
    if (/outside the contract: \{"type":"(ack|error)"/.test(violation)) continue;
    const sent = actor.expected[actor.answers - 1]?.frame ?? '(nothing yet)';
    findings.add(`contract violation: ${violation.replace(/:.*/s, '')} ${violation.match(/\{"type":"([^"]+)"/)?.[1] ?? ''}`, `${actor.kind} ${actor.key}: ${violation}\n  last frame answered: ${sent}`, sent.length);
  }
}

/** The domain's invariants, read straight from the store. */
function invariantBreaks(relay: TestRelay): Array<[string, string]> {
  const store = relay.relay.store;
  const breaks: Array<[string, string]> = [];
  const queues = [...store.queues()];
  const customers = [...store.customers()];
  for (const customer of customers) {
    const listedIn = queues.filter((q) => q.waiting.includes(customer.id)).map((q) => q.config.id);
    if (customer.waiting) {
      if (listedIn.length !== 1 || listedIn[0] !== customer.waiting.queue) breaks.push(['a waiting customer is listed in exactly their queue', `${customer.id} waits in ${customer.waiting.queue}, listed in [${listedIn}]`]);
      const live = [...store.conversations()].filter((c) => !c.ended && c.customer === customer.id).map((c) => c.id);
      if (live.length) breaks.push(['a waiting customer is in no live conversation', `${customer.id} waits in ${customer.waiting.queue} and is in ${live}`]);
    } else if (listedIn.length) breaks.push(['a customer not waiting is in no waiting list', `${customer.id} listed in [${listedIn}]`]);
  }
  for (const queue of queues) {
    if (new Set(queue.waiting).size !== queue.waiting.length) breaks.push(['a waiting list has no duplicates', `${queue.config.id}: ${queue.waiting}`]);
    for (const id of queue.waiting) {
      if (store.customer(id)?.waiting?.queue !== queue.config.id) breaks.push(['a waiting list holds only customers waiting there', `${queue.config.id} lists ${id}, who waits in ${store.customer(id)?.waiting?.queue ?? 'no queue'}`]);
    }
    for (const id of queue.agents) {
      const agent = store.agent(id);
      if (!agent?.signedIn || !agent.queues.includes(queue.config.id)) breaks.push(['a queue serves only agents signed in to it', `${queue.config.id} lists ${id}`]);
    }
  }
  const liveCount = new Map<string, number>();
  for (const conversation of store.conversations()) {
    for (const [name, stream] of [['log', conversation.log], ['customerLog', conversation.customerLog]] as const) {
      if (stream.some((e, i) => e.seq !== i + 1 || e.conversation !== conversation.id)) {
        breaks.push([`a conversation's ${name} runs 1..n without gaps`, `${conversation.id}: ${JSON.stringify(stream.map((e) => [e.seq, e.type]))}`]);
      }
    }
    for (const event of conversation.customerLog) {
      if ((event.type === 'message' && event.private) || event.type === 'wrapped-up' || event.type === 'rated') {
        breaks.push(['no private event in a customer stream', `${conversation.id}: ${JSON.stringify(event)}`]);
      }
    }
    if (conversation.ended) continue;
    for (const id of [conversation.agent, ...conversation.guests]) {
      liveCount.set(id, (liveCount.get(id) ?? 0) + 1);
      if (!store.agent(id)?.conversations.has(conversation.id)) breaks.push(["a live conversation's agents hold it", `${conversation.id} of ${id}`]);
    }
    const customer = store.customer(conversation.customer);
    if (customer && customer.conversation !== conversation.id) breaks.push(["a live conversation is its customer's", `${conversation.id}; customer ${customer.id} is in ${customer.conversation}`]);
  }
  for (const agent of store.agents()) {
    for (const id of agent.conversations) {
      const conversation = store.conversation(id);
      if (!conversation || conversation.ended || (conversation.agent !== agent.id && !conversation.guests.has(agent.id))) {
        breaks.push(["an agent's conversations are live ones they own or were invited to", `${agent.id} holds ${id} (${conversation ? (conversation.ended ? 'ended' : `owned by ${conversation.agent}`) : 'gone'})`]);
      }
    }
    if ((liveCount.get(agent.id) ?? 0) !== agent.conversations.size) breaks.push(["an agent's count of conversations adds up", `${agent.id}: ${agent.conversations.size} held, ${liveCount.get(agent.id) ?? 0} live`]);
    if (agent.signedIn) {
      for (const queue of agent.queues) if (!store.queue(queue)?.agents.has(agent.id)) breaks.push(['a signed-in agent is listed by their queues', `${agent.id} in ${queue}`]);
    }
  }
  const waitingCount = customers.filter((c) => c.waiting).length;
  const listed = queues.reduce((n, q) => n + q.waiting.length, 0);
  if (waitingCount !== listed) breaks.push(['waiting customers add up to the waiting lists', `${waitingCount} customers waiting, ${listed} listed`]);
  return breaks;
}

function worldOf(relay: TestRelay, batch: number): World {
  const store = relay.relay.store;
  const newest = <T>(items: Iterable<T>, n: number) => [...items].slice(-n);
  const conversations = newest(store.conversations(), 40);
  return {
    batch,
    queues: [...store.queues()].map((q) => q.config.id),
    conversations: conversations.map((c) => c.id),
    customers: newest(store.customers(), 40).map((c) => c.id),
    agents: [...store.agents()].map((a) => a.id),
    participants: [],
    offers: [...store.offers()].map((o) => o.id),
    requests: [...store.requests()].map((r) => r.id),
    messages: conversations.flatMap((c) => [...c.choices.keys(), ...[...c.messageIds.keys()].slice(-2)]),
    invitations: [...store.customers()].flatMap((c) => (c.invitation ? [c.invitation.id] : [])),
    epoch: '',
  };
}

/** Commands of the real conversations going on, from the store's state: join, pick, talk, end. */
function legitCommands(relay: TestRelay, actor: Actor, partner: Actor, queue: string, n: number): Array<Record<string, unknown>> {
  const store = relay.relay.store;
  const out: Array<Record<string, unknown>> = [];
  const id = () => `${actor.key}-legit-${n}-${out.length}`;
  if (actor.kind === 'legit-operator') {
    for (const q of store.queues()) if (!q.open) out.push({ type: 'set-queue-open', id: id(), queue: q.config.id, open: true });
    return out;
  }
  if (actor.kind === 'legit-customer') {
    const customer = store.customer(actor.id!);
    const live = customer?.conversation && !store.conversation(customer.conversation)?.ended ? customer.conversation : undefined;
    if (live) for (let i = 0; i < 1 + (n % 3); i++) out.push({ type: 'send', id: id(), conversation: live, text: `Question ${n}.${i} from ${actor.key}` });
    else if (!customer?.waiting) out.push({ type: 'join', id: id(), queue, name: `Legit ${actor.key}`, message: 'I need help' });
    return out;
  }
  const agent = store.agent(actor.id!);
  if (!agent) return out;
  if (!agent.signedIn || !agent.queues.includes(queue)) out.push({ type: 'sign-in', id: id(), queues: [queue] });
  if (agent.presence !== 'available') out.push({ type: 'presence', id: id(), presence: 'available' });
  if (agent.offer) out.push({ type: 'accept', id: id(), offer: agent.offer });
  const waiting = store.customer(partner.id!)?.waiting;
  if (waiting?.queue === queue && store.queue(queue)?.config.routing === 'pick') out.push({ type: 'pick', id: id(), queue, customer: partner.id });
  for (const conversation of agent.conversations) {
    if (store.conversation(conversation)?.agent !== agent.id) continue;
    out.push({ type: 'send', id: id(), conversation, text: `Answer ${n} from ${actor.key}` });
    if (n % 9 === 4) out.push({ type: 'end', id: id(), conversation, wrapUp: { note: 'solved' } });
  }
  return out;
}

describe('hostile input', () => {
  // Minimised from the run below: the relay echoes any string id of a refused frame, the empty one
  // included, but the contract's `ErrorEvent.id` is a CommandId (1–64 characters).
  it('answers a frame whose id is empty with an error inside the contract', async (t) => {
    const relay = await startTestRelay(t);
    const client = await relay.connect();
    client.sendRaw('{"id":""}');
    await until(() => client.frames.length > 0, 'the answer');
    const answer = JSON.parse(client.frames[0]!) as ServerMessage;
    assert.equal(answer.type === 'error' && answer.code, 'invalid-message');
    assert.deepEqual(client.violations, [], 'the answer is outside the contract');
  });

  it(`survives ${BATCHES} batches of random and mutated messages from every role (seed ${SEED})`, { timeout: 15 * 60_000 }, async (t) => {
    const relay = await startTestRelay(t, { extraQueues: [{ id: QUEUE_OFFER, name: 'Tarjoukset', routing: 'offer', video: true, returnMinutes: 5 }], queueA: { returnMinutes: 5, wrapUpReasons: ['solved', 'spam'] } });
    const findings = new Findings();
    const freshTokens = new Set<string>();
    const prototypeKeys = JSON.stringify([Object.getOwnPropertyNames(Object.prototype), Object.getOwnPropertyNames(Array.prototype)]);
    const crashes: string[] = [];
    const onCrash = (error: Error) => crashes.push(error.stack ?? String(error));
    process.on('uncaughtException', onCrash);
    t.after(() => process.off('uncaughtException', onCrash));

    const actors: Actor[] = [];
    const newActor = (key: string, kind: Kind, client: TestClient, id?: string): Actor => {
      const actor: Actor = { key, kind, client, tokens: BURST, closing: false, expected: [], answers: 0, scanned: client.frames.length, ...(id ? { id } : {}) };
      actors.push(actor);
      return actor;
    };
    const agentActor = async (key: string, kind: Kind, queues: string[], operator: boolean) => {
      const { client } = await relay.agent(key, queues, ['*'], operator ? { roles: ['agent', 'operator'] } : {});
      return newActor(key, kind, client, `agent:${key}`);
    };
    const legit: Array<{ customer: Actor; agent: Actor; queue: string }> = [];
    for (const [i, queue] of [QUEUE_A, QUEUE_B, QUEUE_OFFER].entries()) {
      const { client, welcome } = await relay.customer(`Legit ${i}`);
      legit.push({ customer: newActor(`lc${i}`, 'legit-customer', client, welcome.self.id), agent: await agentActor(`la${i}`, 'legit-agent', [queue], false), queue });
    }
    await agentActor('lop', 'legit-operator', [], true);
    for (let i = 0; i < 12; i++) {
      const { client, welcome } = await relay.customer();
      newActor(`c${i}`, 'customer', client, welcome.self.id);
    }
    for (let i = 0; i < 6; i++) await agentActor(`a${i}`, i < 2 ? 'operator' : 'agent', [QUEUE_A, QUEUE_B, QUEUE_OFFER], i < 2);
    const strangerSlots = 6;
    for (let i = 0; i < strangerSlots; i++) newActor(`s${i}`, 'stranger', await relay.connect());
    const epoch = actors[0]!.client.received.find((m): m is Extract<ServerMessage, { type: 'welcome' }> => m.type === 'welcome')!.epoch;

    let batch = 0;
    let frames = 0;
    const started = Date.now();
    const mint = (key: string) => (n: number, operator: boolean) => {
      const token = relay.token({ sub: `fz-${batch}-${key}-${n}`, roles: operator ? ['agent', 'operator'] : ['agent'] });
      freshTokens.add(token);
      return token;
    };
    const arbitraries = { customer: framesFor('customer'), agent: framesFor('agent'), stranger: framesFor('stranger') };
    const framesOf = (kind: keyof typeof arbitraries) => arbitraries[kind];

    const runBatch = async (g: fc.GeneratorValue): Promise<void> => {
      batch++;
      relay.clock.advance(REFILL_MS);
      // Sockets that never said hello are new every batch; the old ones, now customers or agents, go (and their grace runs).
      for (const actor of actors.filter((a) => a.kind === 'stranger')) {
        if (!actor.id && !actor.closing) continue;
        actors.splice(actors.indexOf(actor), 1);
        if (!actor.closing) await actor.client.close();
        newActor(actor.key, 'stranger', await relay.connect());
      }
      const world = { ...worldOf(relay, batch), epoch };
      world.participants = [...world.customers, ...world.agents];
      const store = relay.relay.store;
      const plans: Array<[Actor, Array<string | Buffer>]> = [];
      for (const actor of actors) {
        actor.tokens = BURST;
        if (actor.kind.startsWith('legit')) {
          const pair = legit.find((p) => p.customer === actor || p.agent === actor);
          const commands = legitCommands(relay, actor, pair ? (pair.customer === actor ? pair.agent : pair.customer) : actor, pair?.queue ?? QUEUE_A, batch);
          plans.push([actor, commands.map((c) => JSON.stringify(c))]);
          continue;
        }
        const customer = actor.id ? store.customer(actor.id) : undefined;
        const mine = customer ? customer.history : actor.id ? [...(store.agent(actor.id)?.conversations ?? [])] : [];
        scope.current = { world, mine, key: actor.key, mint: mint(actor.key) };
        const planned = g(framesOf, actor.kind === 'operator' ? 'agent' : (actor.kind as 'customer' | 'agent' | 'stranger'));
        plans.push([actor, planned.map((f) => f.data)]);
      }
      // Interleaved: one frame from each actor in turn.
      const longest = Math.max(...plans.map(([, p]) => p.length));
      for (let i = 0; i < longest; i++) {
        for (const [actor, planned] of plans) {
          const data = planned[i];
          if (data === undefined || actor.closing) continue;
          actor.expected.push(predict(actor, data, freshTokens));
          if (typeof data === 'string') actor.client.sendRaw(data);
          else actor.client.sendRaw(data);
          frames++;
        }
      }
      // Every frame answered: wait for the count, then check the answers in order.
      const deadline = Date.now() + ANSWER_WAIT_MS;
      for (;;) {
        for (const actor of actors) checkAnswers(actor, findings);
        const behind = actors.filter((a) => a.answers < a.expected.length);
        if (!behind.length) break;
        if (crashes.length) throw new Error(`the relay threw:\n${crashes.join('\n')}`);
        if (Date.now() > deadline) {
          const actor = behind[0]!;
          const missing = actor.expected[actor.answers]!;
          throw new Error(`batch ${batch}: ${behind.length} sockets are missing answers; ${actor.kind} ${actor.key} has ${actor.answers} of ${actor.expected.length}, the first unanswered frame: ${missing.frame}`);
        }
        await sleep(2);
      }
      for (const actor of actors.filter((a) => a.closing)) {
        const { code } = await Promise.race([actor.client.closed, sleep(2000).then(() => ({ code: -1 }))]);
        if (code !== 4400) findings.add('a version mismatch closes with 4400', `${actor.kind} ${actor.key} closed with ${code}`);
      }
      for (const [invariant, detail] of invariantBreaks(relay)) findings.add(`invariant: ${invariant}`, `batch ${batch}: ${detail}`);
      if (JSON.stringify([Object.getOwnPropertyNames(Object.prototype), Object.getOwnPropertyNames(Array.prototype)]) !== prototypeKeys || ({} as Record<string, unknown>).polluted !== undefined) {
        findings.add('Object.prototype polluted', `batch ${batch}`);
      }
      if (crashes.length) throw new Error(`the relay threw:\n${crashes.join('\n')}`);
    };

    const details = await fc.check(
      fc.asyncProperty(fc.gen(), async (g) => {
        await runBatch(g);
      }),
      { seed: SEED, numRuns: BATCHES, endOnFailure: true },
    );
    const seconds = (Date.now() - started) / 1000;
    const store = relay.relay.store;
    const conversations = [...store.conversations()];
    t.diagnostic(`${frames} frames in ${batch} batches, ${seconds.toFixed(1)} s (seed ${SEED}); ${answers.ack} acks; ` +
      `${conversations.length} conversations kept (${conversations.filter((c) => !c.ended).length} live, ${conversations.reduce((n, c) => n + c.log.length, 0)} events); ` +
      `errors: ${Object.entries(answers.codes).sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(', ')}`);
    if (details.failed) {
      assert.fail(`seed ${SEED}, batch ${batch} of ${BATCHES} (TISKI_FUZZ_SEED=${SEED} TISKI_FUZZ_RUNS=${batch} replays it): ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`);
    }

    // Late answers would be doubled ones: let them arrive, then count again.
    await sleep(200);
    for (const actor of actors) checkAnswers(actor, findings);
    const health = await fetch(`http://localhost:${relay.relay.port}/health`);
    assert.equal(health.status, 200, 'the relay still answers /health');
    assert.equal(((await health.json()) as { status: string }).status, 'ok');
    const fresh = await relay.connect();
    assert.equal((await fresh.hello('customer')).type, 'welcome', 'the relay still welcomes a new customer');
    assert.equal(findings.size, 0, `seed ${SEED}: the relay broke its promises:\n${findings.report()}`);
  });
});

/**
 * The shared mode (R6) across two relay processes and one Redis: customers on relay A, agents on
 * relay B (and the other way round) converse as if on one relay — routing by pick and by offer,
 * messages in one order, typing, presence, statistics, transfers, invitations, private messages,
 * files and the operators' API. Two agents on two relays picking one customer: exactly one wins.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServerEvent } from '../../protocol/index.js';
import { sharedCluster, type ClusterClient } from './cluster-fixture.js';
import type { SharedRelay } from './relay-process.js';
import { eventsOf, gaplessSeqs, replyCode, roundTrip, until, type TestClient } from './helpers.js';

const queues = [
  { id: 'talk', name: 'Talk', maxConversationsPerAgent: 5 },
  { id: 'offers', name: 'Offers', routing: 'offer' as const, offerTimeoutSeconds: 60 },
  { id: 'handover', name: 'Handover' },
  { id: 'billing', name: 'Billing' },
  { id: 'race', name: 'Race', maxConversationsPerAgent: 50 },
  { id: 'files', name: 'Files' },
  { id: 'rona', name: 'No answer', routing: 'offer' as const, offerTimeoutSeconds: 5 },
  { id: 'video', name: 'Video', video: true },
];

const messageIds = (client: TestClient, conversation: string) => eventsOf(client, conversation).flatMap((e) => (e.type === 'message' ? [e.messageId] : []));

describe('two relays sharing one state', () => {
  const cluster = sharedCluster({ customerGraceSeconds: 600, agentGraceSeconds: 600, queues });

  it('a customer on A and an agent on B: waiting line, presence, pick, messages in one order, typing and statistics', async (t) => {
    const c = cluster.use(t);
    if (!c) return;
    const [a, b] = c.relays as [SharedRelay, SharedRelay];
    const alice = await c.agent(t, b, 'alice', ['talk']);
    const olga = await c.agent(t, a, 'olga', ['talk'], { roles: ['agent', 'operator'], name: 'Olga' });
    const maija = await c.customer(t, a, 'Maija', 'talk');
    const maijaId = maija.welcome.self.id;

    // The agent on B sees the customer of A waiting.
    await alice.client.next('queue', (m) => m.queue.id === 'talk' && m.queue.waiting.some((w) => w.id === maijaId && w.name === 'Maija'));
    // A colleague on A sees the agent of B go away and come back.
    assert.equal((await alice.client.request({ type: 'presence', presence: 'away' })).type, 'ack');
    await olga.client.next('queue', (m) => m.queue.agents.some((agent) => agent.id === 'agent:alice' && agent.presence === 'away'));
    assert.equal((await alice.client.request({ type: 'presence', presence: 'available' })).type, 'ack');
    await olga.client.next('queue', (m) => m.queue.agents.some((agent) => agent.id === 'agent:alice' && agent.presence === 'available'));

    const conversation = await c.pick(alice, 'talk');
    await maija.client.next('conversation-started', (m) => m.conversation === conversation);

    // Both sides write without waiting for each other; both hold one order.
    for (let i = 0; i < 5; i++) {
      maija.client.command({ type: 'send', conversation, text: `Maija ${i}` });
      alice.client.command({ type: 'send', conversation, text: `Alice ${i}` });
    }
    const everyone = () => messageIds(maija.client, conversation).length === 10 && messageIds(alice.client, conversation).length === 10;
    await roundTrip(maija.client);
    await roundTrip(alice.client);
    await until(everyone, 'both hold the ten messages', 5000);
    assert.deepEqual(messageIds(alice.client, conversation), messageIds(maija.client, conversation));
    gaplessSeqs(eventsOf(maija.client, conversation), 'the customer');
    gaplessSeqs(eventsOf(alice.client, conversation), 'the agent');

    // Typing crosses both ways.
    alice.client.command({ type: 'typing', conversation, typing: true });
    await maija.client.next('typing', (m) => m.conversation === conversation && m.who.id === 'agent:alice');
    maija.client.command({ type: 'typing', conversation, typing: true });
    await alice.client.next('typing', (m) => m.conversation === conversation && m.who.id === maijaId);

    // The operator on A reads the statistics the pick on B counted, over the WebSocket and over HTTP.
    assert.equal((await alice.client.request({ type: 'end', conversation })).type, 'ack');
    await maija.client.next('conversation-ended', (m) => m.conversation === conversation);
    assert.equal((await olga.client.request({ type: 'stats', queue: 'talk', range: 'today' })).type, 'ack');
    const { report } = await olga.client.next('stats');
    assert.deepEqual([report.totals.accepted, report.totals.handled], [1, 1]);
    assert.deepEqual(report.agents.map((agent) => [agent.id, agent.figures.handled]), [['agent:alice', 1]]);
    const overHttp = await fetch(`${b.url}/stats?queue=talk`, { headers: { authorization: `Bearer ${c.token('olga', { roles: ['agent', 'operator'] })}`, connection: 'close' } });
    assert.equal(overHttp.status, 200);
    assert.deepEqual(((await overHttp.json()) as typeof report).totals, report.totals);
  });

  it('offers the customer of A to the available agent on B, who accepts', async (t) => {
    const c = cluster.use(t);
    if (!c) return;
    const [a, b] = c.relays as [SharedRelay, SharedRelay];
    const bea = await c.agent(t, b, 'bea', ['offers']);
    const pekka = await c.customer(t, a, 'Pekka', 'offers');
    const { offer } = await bea.client.next('offer', (m) => m.offer.customer.id === pekka.welcome.self.id);
    const accepted = await bea.client.request({ type: 'accept', offer: offer.id });
    assert.ok(accepted.type === 'ack' && accepted.conversation, JSON.stringify(accepted));
    await pekka.client.next('conversation-started', (m) => m.conversation === accepted.conversation);
    assert.equal((await pekka.client.request({ type: 'send', conversation: accepted.conversation, text: 'Hei!' })).type, 'ack');
    assert.equal((await bea.client.next('message', (m) => m.conversation === accepted.conversation)).text, 'Hei!');
  });

  it('an offer left unanswered on B goes to the next agent, on A, and turns the first no-answer (RONA)', async (t) => {
    const c = cluster.use(t);
    if (!c) return;
    const [a, b] = c.relays as [SharedRelay, SharedRelay];
    const jon = await c.agent(t, b, 'jon', ['rona']);
    const kim = await c.agent(t, a, 'kim', ['rona']);
    // The leader's clock offers in the order the agents became idle: Jon signed in first.
    const lotta = await c.customer(t, a, 'Lotta', 'rona');
    const first = await jon.client.next('offer', (m) => m.offer.customer.id === lotta.welcome.self.id);
    assert.deepEqual(await jon.client.next('offer-withdrawn', (m) => m.offer === first.offer.id, 8000), { type: 'offer-withdrawn', offer: first.offer.id, reason: 'timeout' });
    assert.equal((await jon.client.next('agent-state', (m) => m.presence === 'no-answer')).presence, 'no-answer');
    await kim.client.next('queue', (m) => m.queue.agents.some((agent) => agent.id === 'agent:jon' && agent.presence === 'no-answer'));
    const second = await kim.client.next('offer', (m) => m.offer.customer.id === lotta.welcome.self.id, 8000);
    assert.equal((await kim.client.request({ type: 'accept', offer: second.offer.id })).type, 'ack');
    await lotta.client.next('conversation-started');
  });

  it('video signalling: the agent on B calls the customer on A; offers, answers and candidates cross', async (t) => {
    const c = cluster.use(t);
    if (!c) return;
    const [a, b] = c.relays as [SharedRelay, SharedRelay];
    const liv = await c.agent(t, b, 'liv', ['video']);
    const mona = await c.customer(t, a, 'Mona', 'video');
    const conversation = await c.pick(liv, 'video');
    assert.equal((await liv.client.request({ type: 'call-start', conversation })).type, 'ack');
    await mona.client.next('call', (m) => m.conversation === conversation && m.state === 'asked');
    assert.equal((await mona.client.request({ type: 'call-answer', conversation, accept: true })).type, 'ack');
    await liv.client.next('call', (m) => m.conversation === conversation && m.state === 'started');
    assert.equal((await liv.client.request({ type: 'call-signal', conversation, signal: { kind: 'offer', sdp: 'v=0 offer from B' } })).type, 'ack');
    const offered = await mona.client.next('call-signal', (m) => m.conversation === conversation);
    assert.deepEqual(offered.signal, { kind: 'offer', sdp: 'v=0 offer from B' });
    assert.equal((await mona.client.request({ type: 'call-signal', conversation, signal: { kind: 'answer', sdp: 'v=0 answer from A' } })).type, 'ack');
    assert.deepEqual((await liv.client.next('call-signal', (m) => m.conversation === conversation)).signal, { kind: 'answer', sdp: 'v=0 answer from A' });
    const candidate = { kind: 'candidate' as const, candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };
    assert.equal((await mona.client.request({ type: 'call-signal', conversation, signal: candidate })).type, 'ack');
    assert.deepEqual((await liv.client.next('call-signal', (m) => m.conversation === conversation)).signal, candidate);
  });

  it('transfers to an agent on the other relay and invites one back; a private message never reaches the customer', async (t) => {
    const c = cluster.use(t);
    if (!c) return;
    const [a, b] = c.relays as [SharedRelay, SharedRelay];
    const secret = 'refund already approved, do not mention it';
    const bob = await c.agent(t, b, 'bob', ['handover']);
    const carol = await c.agent(t, a, 'carol', ['billing']);
    const dave = await c.agent(t, b, 'dave', ['billing']);
    const kaisa = await c.customer(t, a, 'Kaisa', 'handover');
    const conversation = await c.pick(bob, 'handover');
    await kaisa.client.request({ type: 'send', conversation, text: 'A question about my bill' });

    // Bob on B hands the conversation to Carol on A.
    const transfer = await bob.client.request({ type: 'transfer', conversation, to: { agent: 'agent:carol' } });
    assert.ok(transfer.type === 'ack' && transfer.request, JSON.stringify(transfer));
    const asked = await carol.client.next('request', (m) => m.request.id === transfer.request);
    assert.equal(asked.request.kind, 'transfer');
    assert.equal((await carol.client.request({ type: 'answer-request', request: transfer.request, accept: true })).type, 'ack');
    assert.equal((await kaisa.client.next('agent-joined', (m) => m.conversation === conversation)).agent.id, 'agent:carol');
    await bob.client.next('request-ended', (m) => m.request === transfer.request);

    // Carol on A invites Dave on B, who writes privately, then to the customer.
    const invite = await carol.client.request({ type: 'invite', conversation, to: { agent: 'agent:dave' } });
    assert.ok(invite.type === 'ack' && invite.request, JSON.stringify(invite));
    await dave.client.next('request', (m) => m.request.id === invite.request);
    assert.equal((await dave.client.request({ type: 'answer-request', request: invite.request, accept: true })).type, 'ack');
    await kaisa.client.next('agent-joined', (m) => m.conversation === conversation && m.agent.id === 'agent:dave');
    assert.equal((await dave.client.request({ type: 'send', conversation, text: secret, private: true })).type, 'ack');
    await carol.client.next('message', (m) => m.conversation === conversation && m.text === secret);
    assert.equal((await dave.client.request({ type: 'send', conversation, text: 'Hello Kaisa, I am looking at it too' })).type, 'ack');
    await kaisa.client.next('message', (m) => m.text === 'Hello Kaisa, I am looking at it too');
    assert.equal((await carol.client.request({ type: 'send', conversation, text: 'Your bill is fixed' })).type, 'ack');
    await kaisa.client.next('message', (m) => m.text === 'Your bill is fixed');
    await roundTrip(kaisa.client);
    await roundTrip(dave.client);

    for (const frame of kaisa.client.frames) {
      assert.ok(!frame.includes(secret), `the private message reached the customer: ${frame}`);
      assert.doesNotMatch(frame, /"private"/);
    }
    assert.deepEqual(
      eventsOf(kaisa.client, conversation).flatMap((e) => (e.type === 'message' ? [e.text] : [])),
      ['A question about my bill', 'Hello Kaisa, I am looking at it too', 'Your bill is fixed'],
    );
    gaplessSeqs(eventsOf(kaisa.client, conversation), 'the customer');
    // The owner on A and the guest on B hold the same agents' stream, private message included.
    await roundTrip(carol.client);
    const forCarol = eventsOf(carol.client, conversation);
    const forDave = eventsOf(dave.client, conversation);
    gaplessSeqs(forCarol, 'the new owner');
    assert.deepEqual(forDave, forCarol);
    assert.ok(forCarol.some((e) => e.type === 'message' && e.text === secret && e.private));
  });

  it('two agents on two relays picking one customer: exactly one wins, twenty times over', async (t) => {
    const c = cluster.use(t);
    if (!c) return;
    const [a, b] = c.relays as [SharedRelay, SharedRelay];
    const erik = await c.agent(t, a, 'erik', ['race']);
    const fiona = await c.agent(t, b, 'fiona', ['race']);
    const wins = { erik: 0, fiona: 0 };
    for (let round = 0; round < 20; round++) {
      const customer: ClusterClient = await c.customer(t, round % 2 ? a : b, `Racer ${round}`, 'race');
      const id: string = customer.welcome.self.id;
      const [forErik, forFiona]: Array<ServerEvent<'ack'> | ServerEvent<'error'>> = await Promise.all([
        erik.client.request({ type: 'pick', queue: 'race', customer: id }, 5000),
        fiona.client.request({ type: 'pick', queue: 'race', customer: id }, 5000),
      ]);
      const answers = [replyCode(forErik!), replyCode(forFiona!)];
      assert.equal(answers.filter((answer) => answer === 'ack').length, 1, `round ${round}: ${JSON.stringify([forErik, forFiona])}`);
      const winner = (forErik!.type === 'ack' ? forErik : forFiona) as ServerEvent<'ack'>;
      if (forErik!.type === 'ack') wins.erik++;
      else wins.fiona++;
      const started: ServerEvent<'conversation-started'> = await customer.client.next('conversation-started');
      assert.equal(started.conversation, winner.conversation);
      await roundTrip(customer.client);
      assert.equal(customer.client.received.filter((m) => m.type === 'conversation-started').length, 1, 'the customer is in one conversation');
      await customer.client.close();
    }
    t.diagnostic(`picks won: erik on A ${wins.erik}, fiona on B ${wins.fiona}`);
  });

  it('a file uploaded through A downloads through B', async (t) => {
    const c = cluster.use(t);
    if (!c) return;
    const [a, b] = c.relays as [SharedRelay, SharedRelay];
    const gus = await c.agent(t, b, 'gus', ['files']);
    const hanna = await c.customer(t, a, 'Hanna', 'files');
    const conversation = await c.pick(gus, 'files');
    const token = async (client: TestClient) => {
      assert.equal((await client.request({ type: 'file-access', conversation })).type, 'ack');
      return (await client.next('file-access', (m) => m.conversation === conversation)).token;
    };
    const bytes = Buffer.from('Order 4711: two chairs, one table.\n');
    const uploaded = await fetch(`${a.url}/files/${conversation}?name=order.txt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token(hanna.client)}`, 'content-length': String(bytes.length), connection: 'close' },
      body: new Uint8Array(bytes),
    });
    assert.equal(uploaded.status, 201, await uploaded.clone().text());
    const file = (await uploaded.json()) as { id: string };
    assert.equal((await hanna.client.request({ type: 'send', conversation, text: '', attachments: [file.id] })).type, 'ack');
    await gus.client.next('message', (m) => m.conversation === conversation && !!m.attachments?.length);
    const downloaded = await fetch(`${b.url}/files/${conversation}/${file.id}?access=${await token(gus.client)}`, { headers: { connection: 'close' } });
    assert.equal(downloaded.status, 200);
    assert.deepEqual(Buffer.from(await downloaded.arrayBuffer()), bytes);
    const stranger = await fetch(`${b.url}/files/${conversation}/${file.id}`, { headers: { connection: 'close' } });
    assert.equal(stranger.status, 401);
  });

  it('the operators’ API on B creates a queue a customer on A joins', async (t) => {
    const c = cluster.use(t);
    if (!c) return;
    const [a, b] = c.relays as [SharedRelay, SharedRelay];
    const body = JSON.stringify({ id: 'returns', name: 'Returns' });
    const created = await fetch(`${b.url}/admin/queues`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token('olli', { roles: ['agent', 'operator'] })}`, 'content-type': 'application/json', 'content-length': String(body.length), connection: 'close' },
      body,
    });
    assert.equal(created.status, 201, await created.clone().text());
    const again = await fetch(`${a.url}/admin/queues`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token('olli', { roles: ['agent', 'operator'] })}`, 'content-type': 'application/json', 'content-length': String(body.length), connection: 'close' },
      body,
    });
    assert.equal(again.status, 409, 'the queue exists for every relay');
    const ida = await c.customer(t, a, 'Ida', 'returns');
    assert.ok(ida.client.received.some((m) => m.type === 'waiting'));
  });
});

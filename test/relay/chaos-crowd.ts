/**
 * Ten senders in one conversation, each on a connection of its own: the customer in two tabs,
 * the owning agent in two, and three invited agents in two each — everyone the protocol lets
 * write into one conversation.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import type { CommandInput, ServerEvent } from '../../protocol/index.js';
import { ChaosParticipant, type ParticipantOptions } from './chaos-participant.js';
import type { Random } from './chaos-random.js';
import { StreamWitness } from './chaos-witness.js';
import { QUEUE_A, QUEUE_B, type TestRelay } from './helpers.js';

export interface Crowd {
  conversation: string;
  /** Every tab, each one sender and one reader. */
  tabs: ChaosParticipant[];
  witness: StreamWitness;
}

const isType =
  <T extends ServerEvent['type']>(type: T, where: (m: ServerEvent<T>) => boolean = () => true) =>
  (m: { type: string }): m is ServerEvent<T> =>
    m.type === type && where(m as ServerEvent<T>);

/** Gathers the crowd; every tab closes for good when the test ends. */
export async function gatherCrowd(t: TestContext, relay: TestRelay, random: Random): Promise<Crowd> {
  const witness = new StreamWitness();
  const made: ChaosParticipant[] = [];
  t.after(() => made.forEach((p) => p.stop()));
  const tab = (name: string, options: Partial<ParticipantOptions> & Pick<ParticipantOptions, 'role'>) => {
    const participant = new ChaosParticipant({ name, url: relay.wsUrl, clock: relay.clock.read, random: random.fork(), witness, ...options });
    made.push(participant);
    return participant;
  };
  const answered = async (p: ChaosParticipant, command: CommandInput): Promise<ServerEvent<'ack'>> => {
    const reply = await p.command(command);
    if (reply?.type !== 'ack') assert.fail(`${p.name}: ${command.type} was refused: ${JSON.stringify(reply)}`);
    return reply;
  };

  const customer = tab('customer tab 1', { role: 'customer' });
  await customer.start();
  await answered(customer, { type: 'join', queue: QUEUE_A, name: 'Crowded customer' });
  const ownerToken = relay.token({ sub: 'owner' });
  const owner = tab('owner tab 1', { role: 'agent', token: ownerToken });
  await owner.start();
  await answered(owner, { type: 'sign-in', queues: [QUEUE_A] });
  const conversation = (await answered(owner, { type: 'pick', queue: QUEUE_A })).conversation!;
  const tabs = [customer, owner];
  tabs.push(tab('customer tab 2', { role: 'customer', resume: customer.resumeToken! }));
  tabs.push(tab('owner tab 2', { role: 'agent', token: ownerToken }));

  for (const sub of ['guest-1', 'guest-2', 'guest-3']) {
    const token = relay.token({ sub });
    const guest = tab(`${sub} tab 1`, { role: 'agent', token });
    await guest.start();
    await answered(guest, { type: 'sign-in', queues: [QUEUE_B] });
    const request = (await answered(owner, { type: 'invite', conversation, to: { agent: `agent:${sub}` } })).request!;
    await guest.waitFor(isType('request', (m) => m.request.id === request));
    await answered(guest, { type: 'answer-request', request, accept: true });
    await owner.waitFor(isType('agent-joined', (m) => m.agent.id === `agent:${sub}`));
    tabs.push(guest, tab(`${sub} tab 2`, { role: 'agent', token }));
  }
  await Promise.all(tabs.filter((t) => t.connections === 0).map((t) => t.start()));
  return { conversation, tabs, witness };
}

/** Sends `count` messages from `sender`, at most `window` unanswered at a time. */
export async function sendMany(sender: ChaosParticipant, conversation: string, count: number, window: number): Promise<void> {
  const inFlight = new Set<Promise<unknown>>();
  for (let i = 1; i <= count; i++) {
    if (inFlight.size >= window) await Promise.race(inFlight);
    const sending: Promise<unknown> = sender.send(conversation, `${sender.name} #${i}`).finally(() => inFlight.delete(sending));
    inFlight.add(sending);
  }
  await Promise.all(inFlight);
}

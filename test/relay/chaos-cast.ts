/**
 * The people of the chaos test: customers in conversations with agents, spread over queues, every
 * page connected through the proxy. Each agent serves `perAgent` conversations of one queue.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { WS_PATH, type CommandInput, type ServerEvent } from '../../protocol/index.js';
import { ChaosParticipant, type ParticipantOptions } from './chaos-participant.js';
import type { Random } from './chaos-random.js';
import { StreamWitness } from './chaos-witness.js';
import { until, type TestRelay } from './helpers.js';
import type { NetProxy } from './net-proxy.js';

export interface CastShape {
  queues: readonly string[];
  agentsPerQueue: number;
  perAgent: number;
}

export interface CastConversation {
  id: string;
  customer: ChaosParticipant;
  agent: ChaosParticipant;
}

export interface Cast {
  customers: ChaosParticipant[];
  agents: ChaosParticipant[];
  conversations: CastConversation[];
  witness: StreamWitness;
}

/** Queues in the relay config's shape for a cast: agents pick, up to `perAgent` each. */
export const castQueues = (shape: CastShape) => shape.queues.map((id) => ({ id, name: `Chaos ${id}`, maxConversationsPerAgent: shape.perAgent }));

/** Connects everyone and starts every conversation; every page closes for good when the test ends. */
export async function startCast(t: TestContext, relay: TestRelay, proxy: NetProxy, random: Random, shape: CastShape): Promise<Cast> {
  const witness = new StreamWitness();
  const everyone: ChaosParticipant[] = [];
  t.after(() => everyone.forEach((p) => p.stop()));
  const page = (name: string, options: Partial<ParticipantOptions> & Pick<ParticipantOptions, 'role'>) => {
    const participant = new ChaosParticipant({
      name,
      url: `ws://127.0.0.1:${proxy.port}${WS_PATH}`,
      clock: relay.clock.read,
      random: random.fork(),
      witness,
      proxy,
      ...options,
    });
    everyone.push(participant);
    return participant;
  };
  const acked = async (p: ChaosParticipant, command: CommandInput): Promise<ServerEvent<'ack'>> => {
    const reply = await p.command(command);
    if (reply?.type !== 'ack') assert.fail(`${p.name}: ${command.type} was refused: ${JSON.stringify(reply)}`);
    return reply;
  };

  const agents: ChaosParticipant[] = [];
  const customers: ChaosParticipant[] = [];
  await Promise.all(
    shape.queues.flatMap((queue) =>
      Array.from({ length: shape.agentsPerQueue }, async (_, n) => {
        const sub = `${queue}-agent-${n + 1}`;
        const agent = page(sub, { role: 'agent', token: relay.token({ sub, queues: [queue], maxConversations: shape.perAgent }) });
        agents.push(agent);
        await agent.start();
        await acked(agent, { type: 'sign-in', queues: [queue] });
      }),
    ),
  );
  await Promise.all(
    shape.queues.flatMap((queue) =>
      Array.from({ length: shape.agentsPerQueue * shape.perAgent }, async (_, n) => {
        const customer = page(`${queue}-customer-${n + 1}`, { role: 'customer' });
        customers.push(customer);
        await customer.start();
        await acked(customer, { type: 'join', queue, name: customer.name });
      }),
    ),
  );
  const started: string[] = [];
  await Promise.all(
    agents.map(async (agent) => {
      const queue = shape.queues.find((q) => agent.name.startsWith(`${q}-agent-`))!;
      for (let i = 0; i < shape.perAgent; i++) started.push((await acked(agent, { type: 'pick', queue })).conversation!);
    }),
  );
  const byId = new Map(everyone.map((p) => [p.id!, p]));
  const conversations = started.map((id) => {
    const stored = relay.relay.store.conversation(id)!;
    return { id, customer: byId.get(stored.customer)!, agent: byId.get(stored.agent)! };
  });
  await until(() => conversations.every((c) => c.customer.views.has(c.id) && c.agent.views.has(c.id)), 'everyone holds their conversations', 10_000);
  return { customers, agents, conversations, witness };
}

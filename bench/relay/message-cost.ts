/**
 * Where the Tiski relay's CPU per chat message goes, in process and without sockets: the steps
 * ws-endpoint.ts and SocketRegistry.apply take for one `send` frame, timed one by one over many
 * messages (conversations of 50 messages each, as in a real day, not one endless log).
 */
import { nanoid } from 'nanoid';
import { ClientMessage } from '../../protocol/index.js';
import { parseConfig } from '../../relay/config.js';
import type { Actor } from '../../relay/domain/model.js';
import { RelayDomain } from '../../relay/domain/relay-domain.js';
import { MemoryRelayStore } from '../../relay/domain/store.js';
import { messageTexts } from './texts.js';
import { relayServices } from '../../relay/auth/relay-services.js';

export interface StepCost {
  step: string;
  /** Microseconds per message. */
  us: number;
}

const PER_CONVERSATION = 50;

export function messageCost(messages: number): StepCost[] {
  const config = parseConfig({ secret: 'message-cost-secret-message-cost-secret', queues: [{ id: 'q', name: 'Q', maxConversationsPerAgent: 50, alertAfterSeconds: 0 }] });
  const store = new MemoryRelayStore(config.queues);
  const domain = new RelayDomain({ store, config, newId: nanoid, services: relayServices() });
  const now = Date.now();
  const conversations: { id: string; customer: Actor }[] = [];
  let agent: Actor | undefined;
  for (let i = 0; i < Math.ceil(messages / PER_CONVERSATION); i++) {
    // Each agent takes 50 conversations, the most a token allows.
    if (i % 50 === 0) {
      agent = domain.connectAgent({ sub: `a${i}`, name: 'Agent', roles: ['agent'], queues: ['*'], maxConversations: 50, exp: 2e9 }, now).actor;
      domain.handle(agent, { type: 'sign-in', id: 'sign-in', queues: ['q'] }, now);
    }
    const { actor: customer } = domain.connectCustomer(undefined, now);
    domain.handle(customer, { type: 'join', id: `j${i}`, queue: 'q', name: 'Customer' }, now);
    const picked = domain.handle(agent!, { type: 'pick', id: `p${i}`, queue: 'q' }, now);
    const ack = picked.find((e) => e.kind === 'send' && e.event.type === 'ack');
    if (ack?.kind !== 'send' || ack.event.type !== 'ack' || !ack.event.conversation) throw new Error('pick failed');
    conversations.push({ id: ack.event.conversation, customer });
  }
  const conversationOf = (i: number) => conversations[Math.floor(i / PER_CONVERSATION)]!;
  const texts = messageTexts(1024);
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const frames = Array.from({ length: messages }, (_, i) => {
    const c = conversationOf(i);
    return encoder.encode(JSON.stringify({ type: 'send', id: `m${i}`, conversation: c.id, text: texts[i & 1023] })).buffer;
  });

  const steps: StepCost[] = [];
  const time = (step: string, work: (i: number) => void) => {
    const warm = Math.min(2000, messages / 4);
    for (let i = 0; i < warm; i++) work(i);
    const started = performance.now();
    for (let i = warm; i < messages; i++) work(i);
    steps.push({ step, us: ((performance.now() - started) / (messages - warm)) * 1000 });
  };
  const parsed: unknown[] = new Array(messages);
  time('UTF-8 decode + JSON.parse of the frame', (i) => (parsed[i] = JSON.parse(decoder.decode(frames[i]!))));
  const commands = parsed.map((json) => ClientMessage.parse(json));
  time('zod: ClientMessage.safeParse', (i) => ClientMessage.safeParse(parsed[i]));
  const effects: ReturnType<RelayDomain['handle']>[] = new Array(messages);
  time('domain.handle(send): rules, log, routeOffers', (i) => {
    const command = commands[i]!;
    if (command.type !== 'send') throw new Error('not a send');
    effects[i] = domain.handle(conversationOf(i).customer, command, now);
  });
  const refused = effects.find((list) => list?.some((e) => e.kind === 'send' && e.event.type === 'error'));
  if (refused) throw new Error(`a message was refused: ${JSON.stringify(refused)}`);
  time('JSON.stringify of its effects (ack + 2 published events)', (i) => {
    for (const effect of effects[i]!) if (effect.kind === 'send' || effect.kind === 'publish') JSON.stringify(effect.event);
  });
  return steps;
}

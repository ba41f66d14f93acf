/**
 * What must hold of the relay's state after every step, whatever raced: each customer in at most
 * one place, each live conversation with one owner within capacity, offers and requests pointing
 * both ways, and streams numbered 1..n. Read straight from the store.
 */
import { capacityIn } from '../../relay/domain/agents.js';
import type { RelayStore } from '../../relay/domain/store.js';

export function storeBreaks(store: RelayStore): string[] {
  const breaks: string[] = [];
  const queues = [...store.queues()];
  const conversations = [...store.conversations()];
  const live = conversations.filter((c) => !c.ended);

  for (const customer of store.customers()) {
    const listedIn = queues.filter((q) => q.waiting.includes(customer.id)).map((q) => q.config.id);
    const liveIn = live.filter((c) => c.customer === customer.id).map((c) => c.id);
    const places = listedIn.length + liveIn.length;
    if (places > 1) breaks.push(`customer ${customer.id} is in ${places} places: waiting in [${listedIn}], live in [${liveIn}]`);
    if (customer.waiting && (listedIn.length !== 1 || listedIn[0] !== customer.waiting.queue)) {
      breaks.push(`customer ${customer.id} waits in ${customer.waiting.queue} but is listed in [${listedIn}]`);
    }
    if (!customer.waiting && listedIn.length) breaks.push(`customer ${customer.id} waits nowhere but is listed in [${listedIn}]`);
    const returning = customer.waiting?.returning ? store.conversation(customer.waiting.returning) : undefined;
    if (returning && !returning.ended) breaks.push(`customer ${customer.id} waits to return to ${returning.id}, which is live`);
    if (customer.conversation !== liveIn[0]) {
      breaks.push(`customer ${customer.id} is in conversation ${customer.conversation ?? 'none'} by their record, live in [${liveIn}]`);
    }
  }

  for (const queue of queues) {
    if (new Set(queue.waiting).size !== queue.waiting.length) breaks.push(`queue ${queue.config.id} lists a customer twice: ${queue.waiting}`);
    for (const id of queue.waiting) if (!store.customer(id)) breaks.push(`queue ${queue.config.id} lists ${id}, whom the relay forgot`);
    for (const id of queue.agents) {
      const agent = store.agent(id);
      if (!agent?.signedIn || !agent.queues.includes(queue.config.id)) breaks.push(`queue ${queue.config.id} counts ${id} among its agents, who does not serve it`);
    }
  }

  for (const conversation of conversations) {
    for (const [name, stream] of [['agents’', conversation.log], ['customer’s', conversation.customerLog]] as const) {
      if (stream.some((e, i) => e.seq !== i + 1 || e.conversation !== conversation.id)) {
        breaks.push(`the ${name} stream of ${conversation.id} does not run 1..n: ${stream.map((e) => e.seq)}`);
      }
    }
    if (conversation.ended) {
      if (conversation.transfer || conversation.invitation) breaks.push(`ended conversation ${conversation.id} still has a request pending`);
      continue;
    }
    const owner = store.agent(conversation.agent);
    if (!owner?.conversations.has(conversation.id)) breaks.push(`owner ${conversation.agent} of live ${conversation.id} does not list it`);
    if (conversation.guests.has(conversation.agent)) breaks.push(`owner ${conversation.agent} of ${conversation.id} is also its guest`);
    if (!store.customer(conversation.customer)) breaks.push(`live ${conversation.id} belongs to a customer the relay forgot`);
    for (const guest of conversation.guests) {
      if (!store.agent(guest)?.conversations.has(conversation.id)) breaks.push(`guest ${guest} of live ${conversation.id} does not list it`);
    }
  }

  for (const agent of store.agents()) {
    for (const id of agent.conversations) {
      const conversation = store.conversation(id);
      const inside = conversation && !conversation.ended && (conversation.agent === agent.id || conversation.guests.has(agent.id));
      if (!inside) breaks.push(`agent ${agent.id} lists ${id}, which they are not in or which ended`);
    }
    // Conversations held and a pending offer count against capacity (Q6).
    const load = agent.conversations.size + (agent.offer ? 1 : 0);
    const owned = live.filter((c) => c.agent === agent.id);
    for (const conversation of owned) {
      const capacity = capacityIn(store, agent, conversation.queue);
      if (load > capacity) breaks.push(`agent ${agent.id} holds ${agent.conversations.size} conversations${agent.offer ? ' and an offer' : ''}, more than the ${capacity} allowed in ${conversation.queue}`);
    }
    if (agent.signedIn) {
      for (const id of agent.queues) if (!store.queue(id)?.agents.has(agent.id)) breaks.push(`agent ${agent.id} serves ${id}, which does not count them`);
    }
    if (agent.offer) {
      const offer = store.offer(agent.offer);
      if (offer?.agent !== agent.id) breaks.push(`agent ${agent.id} points at offer ${agent.offer}, which is not theirs or gone`);
    }
  }

  for (const offer of store.offers()) {
    const waiting = store.customer(offer.customer)?.waiting;
    const agent = store.agent(offer.agent);
    if (waiting?.offer !== offer.id || waiting.queue !== offer.queue) breaks.push(`offer ${offer.id} of ${offer.customer}, whose waiting record does not point at it`);
    if (agent?.offer !== offer.id) breaks.push(`offer ${offer.id} to ${offer.agent}, who does not point at it`);
    if (agent && (!agent.signedIn || !agent.queues.includes(offer.queue))) breaks.push(`offer ${offer.id} to ${offer.agent}, who does not serve ${offer.queue}`);
  }
  for (const customer of store.customers()) {
    const id = customer.waiting?.offer;
    if (id && store.offer(id)?.customer !== customer.id) breaks.push(`customer ${customer.id} points at offer ${id}, which is not theirs or gone`);
  }

  for (const request of store.requests()) {
    const conversation = store.conversation(request.conversation);
    if (!conversation || conversation.ended) {
      breaks.push(`${request.kind} ${request.id} is pending for ${request.conversation}, which is not live`);
      continue;
    }
    const slot = request.kind === 'transfer' ? conversation.transfer : conversation.invitation;
    if (slot !== request.id) breaks.push(`${request.kind} ${request.id} is pending but ${conversation.id} points at ${slot ?? 'none'}`);
    if (request.from !== conversation.agent) breaks.push(`${request.kind} ${request.id} from ${request.from} is pending for ${conversation.id}, which ${conversation.agent} owns now`);
  }
  for (const conversation of conversations) {
    for (const [kind, id] of [['transfer', conversation.transfer], ['invite', conversation.invitation]] as const) {
      const request = id ? store.request(id) : undefined;
      if (id && (request?.kind !== kind || request.conversation !== conversation.id)) breaks.push(`${conversation.id} points at ${kind} ${id}, which is gone or another's`);
    }
  }
  return breaks;
}

/** Everything a command could change, in a comparable form: a refused command leaves it as it was. */
export function storeDigest(store: RelayStore): string {
  return JSON.stringify({
    queues: [...store.queues()].map((q) => [q.config.id, q.open, q.waiting, [...q.agents], q.log.length, q.contacts.length]),
    customers: [...store.customers()].map((c) => [
      c.id,
      c.name,
      c.disconnectedAt,
      c.waiting ? { ...c.waiting, declinedBy: [...c.waiting.declinedBy] } : null,
      c.conversation,
      c.history,
      c.invitation ?? null,
      c.info ?? null,
    ]),
    agents: [...store.agents()].map((a) => [a.id, a.signedIn, a.presence, a.queues, [...a.conversations], a.offer, a.idleSince, a.disconnectedAt]),
    conversations: [...store.conversations()].map((c) => [
      c.id,
      c.queue,
      c.agent,
      [...c.guests],
      [...c.formerAgents],
      c.ended,
      c.endedAt,
      c.log.length,
      c.customerLog.length,
      c.transfer,
      c.invitation,
      c.messageIds.size,
      c.rating ?? null,
      c.call ?? null,
    ]),
    offers: [...store.offers()],
    requests: [...store.requests()].map((r) => ({ ...r, candidates: [...r.candidates], declined: [...r.declined] })),
  });
}

import type { Command, Visitor } from '../../../protocol/index.js';
import { done, refuse, type DomainContext, type HandlerContext, type Outcome } from '../context.js';
import { send, type Effect } from '../effects.js';
import type { Customer } from '../model.js';

/** How long an agent's invitation waits for the visitor's answer. */
export const invitationMs = 2 * 60_000;
/** Visitors listed at most, the newest arrivals first. */
const visitorsListed = 200;

/** A page's address without its query and fragment: forms put what people type there (`?email=…`). */
const pathOf = (page: string) => page.split(/[?#]/, 1)[0] ?? '';

/** The visitor tells where they are (W10): kept while connected, for agents looking for someone to invite. */
export function visit(ctx: HandlerContext, command: Command<'visit'>): Outcome {
  const customer = ctx.store.customer(ctx.actor.id);
  if (!customer) return refuse('forbidden', 'only customers say where they are');
  customer.visit = {
    page: pathOf(command.page),
    since: customer.visit?.since ?? ctx.now,
    ...(command.title ? { title: command.title } : {}),
    ...(command.language ? { language: command.language } : {}),
  };
  return done();
}

/** On the site now, neither waiting nor chatting: someone an agent may invite. */
const isVisitor = (customer: Customer) => !!customer.visit && customer.disconnectedAt === undefined && !customer.waiting && !customer.conversation;

/** Signed-in agents see who is on the site now. */
export function visitors(ctx: HandlerContext): Outcome {
  const agent = ctx.store.agent(ctx.actor.id);
  if (!agent?.signedIn) return refuse('not-signed-in', 'sign in to see the visitors');
  const list: Visitor[] = [...ctx.store.customers()]
    .filter(isVisitor)
    .sort((a, b) => b.visit!.since - a.visit!.since)
    .slice(0, visitorsListed)
    .map(({ id, visit, invitation }) => ({
      id,
      page: visit!.page,
      since: visit!.since,
      ...(visit!.title ? { title: visit!.title } : {}),
      ...(visit!.language ? { language: visit!.language } : {}),
      ...(invitation ? { invitedBy: ctx.store.agent(invitation.from)?.name ?? '' } : {}),
    }));
  return done([send(agent.id, { type: 'visitors', visitors: list })]);
}

/** An agent invites a visitor to chat in one of the queues they serve; one invitation at a time per visitor. */
export function inviteVisitor(ctx: HandlerContext, command: Command<'invite-visitor'>): Outcome {
  const agent = ctx.store.agent(ctx.actor.id);
  if (!agent?.signedIn || !agent.queues.includes(command.queue)) return refuse('not-signed-in', `sign in to the queue "${command.queue}" before inviting to it`);
  const queue = ctx.store.queue(command.queue);
  if (!queue?.open) return refuse('queue-closed', `the queue "${command.queue}" is closed`);
  const visitor = ctx.store.customer(command.visitor);
  if (!visitor || !isVisitor(visitor)) return refuse('customer-unavailable', 'that visitor has left the site, or is already waiting or chatting');
  if (visitor.invitation) return refuse('request-pending', 'that visitor has an invitation to answer already');
  const invitation = { id: ctx.newId(), queue: queue.config.id, from: agent.id, expiresAt: ctx.now + invitationMs, ...(command.message ? { message: command.message } : {}) };
  visitor.invitation = invitation;
  const { id, queue: queueId, expiresAt, message } = invitation;
  return done([send(visitor.id, { type: 'invitation', invitation: { id, queue: queueId, from: agent.name, expiresAt, ...(message ? { message } : {}) } })], undefined, id);
}

/** The visitor says no to an agent's invitation. */
export function dismissInvitation(ctx: HandlerContext, command: Command<'dismiss-invitation'>): Outcome {
  const customer = ctx.store.customer(ctx.actor.id);
  if (!customer?.invitation || customer.invitation.id !== command.invitation) return refuse('invitation-unknown', 'there is no such invitation for you');
  return done(endInvitation(customer, 'dismissed'));
}

/** Closes the visitor's pending invitation and tells the agent who sent it (and the visitor, unless they answered). */
export function endInvitation(customer: Customer, outcome: 'accepted' | 'dismissed' | 'expired' | 'gone'): Effect[] {
  const invitation = customer.invitation;
  if (!invitation) return [];
  delete customer.invitation;
  const ended = { type: 'invitation-ended' as const, invitation: invitation.id, visitor: customer.id, outcome };
  return outcome === 'expired' ? [send(invitation.from, ended), send(customer.id, ended)] : [send(invitation.from, ended)];
}

/** Invitations nobody answered in time. */
export function expireInvitations(ctx: DomainContext): Effect[] {
  return [...ctx.store.customers()].flatMap((customer) => (customer.invitation && customer.invitation.expiresAt <= ctx.now ? endInvitation(customer, 'expired') : []));
}

import type { Command, CommandType, DomainCommand } from '../../../protocol/index.js';
import type { HandlerContext, Outcome } from '../context.js';
import { setPresence, signIn, signOut } from './agent-presence.js';
import { endConference, leaveConversation } from './conference.js';
import { callAnswer, callConnected, callEnd, callSignal, callStart } from './calls.js';
import { cannedResponses } from './canned-responses.js';
import { rate } from './rating.js';
import { returnToChat } from './return-to-chat.js';
import { dismissInvitation, inviteVisitor, visit, visitors } from './proactive.js';
import { contacts, offlineContact, queueStatus } from './offline-contacts.js';
import { choose, end, sendMessage, sync } from './conversation.js';
import { fileAccess } from '../files.js';
import { typing } from '../typing.js';
import { join, leave } from './customer-queue.js';
import { accept, reject } from './offer-answers.js';
import { pick } from './pick.js';
import { queueLog, setQueueOpen } from './queue-admin.js';
import { directory, recent, ticket } from './records.js';
import { release } from './release.js';
import { answerRequest, cancelRequest, invite, transfer } from './requests.js';
import { stats } from './stats.js';
import { wrapUp } from './wrap-up.js';

type Handler<T extends CommandType> = (ctx: HandlerContext, command: Command<T>) => Outcome;
type Role = HandlerContext['actor']['role'];

export interface Route<T extends CommandType> {
  roles: readonly Role[];
  handle: Handler<T>;
}

/** Every command the domain handles, with the roles allowed to send it. */
export const routes: { [T in DomainCommand['type']]: Route<T> } = {
  join: { roles: ['customer'], handle: join },
  leave: { roles: ['customer'], handle: leave },
  'sign-in': { roles: ['agent'], handle: signIn },
  'sign-out': { roles: ['agent'], handle: signOut },
  presence: { roles: ['agent'], handle: setPresence },
  pick: { roles: ['agent'], handle: pick },
  accept: { roles: ['agent'], handle: accept },
  reject: { roles: ['agent'], handle: reject },
  release: { roles: ['agent'], handle: release },
  'set-queue-open': { roles: ['agent'], handle: setQueueOpen },
  'queue-log': { roles: ['agent'], handle: queueLog },
  send: { roles: ['customer', 'agent'], handle: sendMessage },
  choose: { roles: ['customer'], handle: choose },
  typing: { roles: ['customer', 'agent'], handle: typing },
  'canned-responses': { roles: ['agent'], handle: cannedResponses },
  'file-access': { roles: ['customer', 'agent'], handle: fileAccess },
  end: { roles: ['customer', 'agent'], handle: end },
  'wrap-up': { roles: ['agent'], handle: wrapUp },
  transfer: { roles: ['agent'], handle: transfer },
  invite: { roles: ['agent'], handle: invite },
  'answer-request': { roles: ['agent'], handle: answerRequest },
  'cancel-request': { roles: ['agent'], handle: cancelRequest },
  'end-conference': { roles: ['agent'], handle: endConference },
  'leave-conversation': { roles: ['agent'], handle: leaveConversation },
  ticket: { roles: ['agent'], handle: ticket },
  directory: { roles: ['agent'], handle: directory },
  recent: { roles: ['agent'], handle: recent },
  stats: { roles: ['agent'], handle: stats },
  rate: { roles: ['customer'], handle: rate },
  'return-to-chat': { roles: ['customer'], handle: returnToChat },
  visit: { roles: ['customer'], handle: visit },
  visitors: { roles: ['agent'], handle: visitors },
  'invite-visitor': { roles: ['agent'], handle: inviteVisitor },
  'dismiss-invitation': { roles: ['customer'], handle: dismissInvitation },
  'queue-status': { roles: ['customer'], handle: queueStatus },
  'offline-contact': { roles: ['customer'], handle: offlineContact },
  contacts: { roles: ['agent'], handle: contacts },
  'call-start': { roles: ['agent'], handle: callStart },
  'call-answer': { roles: ['customer'], handle: callAnswer },
  'call-end': { roles: ['customer', 'agent'], handle: callEnd },
  'call-signal': { roles: ['customer', 'agent'], handle: callSignal },
  'call-connected': { roles: ['customer', 'agent'], handle: callConnected },
  sync: { roles: ['customer', 'agent'], handle: sync },
};

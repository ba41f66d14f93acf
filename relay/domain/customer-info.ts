import type { Command, ConversationCustomerInfo, ServerMessage } from '../../protocol/index.js';
import type { HandlerContext } from './context.js';
import type { Queue } from './model.js';
import { redactForQueue } from './redaction.js';

/**
 * What agents will see about a joining customer (C4): the survey's checked answers and the widget's
 * details as given (masked in a queue with `redactPii`), and the identity's attributes only when the relay verified them (W6).
 * The customer is told the outcome of an identity check; a refused identity leaves them
 * unverified, never half-verified.
 */
export function customerInfo(
  ctx: HandlerContext,
  queue: Queue,
  command: Command<'join'>,
  answers: Array<{ label: string; value: string }> = [],
): { info?: ConversationCustomerInfo; identity?: ServerMessage & { type: 'identity' } } {
  const redact = (text: string) => redactForQueue(queue, 'customer', text);
  const info: ConversationCustomerInfo = {};
  const given = command.info;
  if (answers.length) info.answers = answers.map(({ label, value }) => ({ label, value: redact(value) }));
  // Addresses carry what the customer typed into forms (`?email=…`): masked like the answers.
  if (given?.page) info.page = redact(given.page);
  if (given?.referrer) info.referrer = redact(given.referrer);
  if (given?.language) info.language = given.language;
  if (given?.userAgent) info.userAgent = given.userAgent;
  let identity: (ServerMessage & { type: 'identity' }) | undefined;
  if (command.identity) {
    const verified = ctx.services.verifyIdentity(command.identity, ctx.actor.id, ctx.now);
    if (verified.ok) {
      info.verified = Object.fromEntries(Object.entries(verified.attributes).map(([key, value]) => [key, redact(value)]));
      identity = { type: 'identity', verified: true };
    } else {
      identity = { type: 'identity', verified: false, code: verified.code, message: verified.message };
    }
  }
  return { ...(Object.keys(info).length ? { info } : {}), ...(identity ? { identity } : {}) };
}

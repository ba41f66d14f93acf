import type { DomainContext } from './context.js';
import type { Effect } from './effects.js';

/**
 * Ended conversations are kept `recentMinutes` for agents to look back at (C16), or as long as
 * their customer may return to them (W5), then forgotten with their files.
 */
export function forgetOldConversations(ctx: DomainContext): Effect[] {
  const effects: Effect[] = [];
  for (const conversation of [...ctx.store.conversations()]) {
    const keepMs = Math.max(ctx.config.recentMinutes, ctx.store.queue(conversation.queue)?.config.returnMinutes ?? 0) * 60_000;
    if (!conversation.ended || conversation.endedAt === undefined || ctx.now - conversation.endedAt < keepMs) continue;
    ctx.store.removeConversation(conversation.id);
    if (conversation.files.size) effects.push({ kind: 'remove-files', conversation: conversation.id });
    const customer = ctx.store.customer(conversation.customer);
    if (customer) customer.history = customer.history.filter((id) => id !== conversation.id);
  }
  return effects;
}

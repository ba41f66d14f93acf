import type { DomainContext } from './context.js';
import type { Effect } from './effects.js';

/** Ended conversations are kept `recentMinutes` for agents to look back at (C16), then forgotten with their files. */
export function forgetOldConversations(ctx: DomainContext): Effect[] {
  const effects: Effect[] = [];
  const keepMs = ctx.config.recentMinutes * 60_000;
  for (const conversation of [...ctx.store.conversations()]) {
    if (!conversation.ended || conversation.endedAt === undefined || ctx.now - conversation.endedAt < keepMs) continue;
    ctx.store.removeConversation(conversation.id);
    if (conversation.files.size) effects.push({ kind: 'remove-files', conversation: conversation.id });
    const customer = ctx.store.customer(conversation.customer);
    if (customer) customer.history = customer.history.filter((id) => id !== conversation.id);
  }
  return effects;
}

import type { DomainContext } from './context.js';

/** Ended conversations are kept `recentMinutes` for agents to look back at (C16), then forgotten. */
export function forgetOldConversations(ctx: DomainContext): void {
  const keepMs = ctx.config.recentMinutes * 60_000;
  for (const conversation of [...ctx.store.conversations()]) {
    if (!conversation.ended || conversation.endedAt === undefined || ctx.now - conversation.endedAt < keepMs) continue;
    ctx.store.removeConversation(conversation.id);
    const customer = ctx.store.customer(conversation.customer);
    if (customer) customer.history = customer.history.filter((id) => id !== conversation.id);
  }
}

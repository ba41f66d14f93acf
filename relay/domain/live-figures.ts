import type { DomainContext } from './context.js';
import { shownPresence } from './agents.js';
import type { StatsBook } from './stats/stats-book.js';

export interface QueueLiveFigures {
  queue: string;
  waiting: number;
  longestWaitSeconds: number;
  agents: Record<'available' | 'away' | 'no-answer' | 'offline', number>;
}

/** The relay's state now, for metrics: read at scrape time, so nothing is counted twice. */
export function liveFigures(ctx: DomainContext): { queues: QueueLiveFigures[]; conversationsActive: number; offers: ReturnType<StatsBook['offerTotals']> } {
  const queues = [...ctx.store.queues()].map((queue): QueueLiveFigures => {
    let oldest = ctx.now;
    for (const id of queue.waiting) oldest = Math.min(oldest, ctx.store.customer(id)?.waiting?.joinedAt ?? ctx.now);
    const agents = { available: 0, away: 0, 'no-answer': 0, offline: 0 };
    for (const id of queue.agents) {
      const agent = ctx.store.agent(id);
      if (agent) agents[shownPresence(agent)]++;
    }
    return { queue: queue.config.id, waiting: queue.waiting.length, longestWaitSeconds: (ctx.now - oldest) / 1000, agents };
  });
  let conversationsActive = 0;
  for (const conversation of ctx.store.conversations()) if (!conversation.ended) conversationsActive++;
  return { queues, conversationsActive, offers: ctx.store.stats.offerTotals() };
}

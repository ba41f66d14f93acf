import type { ParticipantId, StatsRange, StatsReport } from '../../../protocol/index.js';
import type { AdminResult, DomainContext } from '../context.js';
import type { Queue, Waiting } from '../model.js';
import { queueTimeZone } from '../queue-zone.js';
import type { CountedAgent, StatsMoment } from './stats-book.js';

/** Now, in the queue's hours: where the domain counts what just happened there (Q5). */
export const statsAt = (ctx: DomainContext, queue: Queue): StatsMoment => ({
  queue: queue.config.id,
  timeZone: queueTimeZone(queue.config),
  now: ctx.now,
});

export const queueReport = (ctx: DomainContext, queue: Queue, range: StatsRange): StatsReport =>
  ctx.store.stats.report(statsAt(ctx, queue), range, (id) => ctx.store.agent(id)?.name);

/** For the operators' HTTP API: one queue's report, or every queue's when none is named. */
export function statsReports(ctx: DomainContext, queueId: string | undefined, range: StatsRange): AdminResult {
  if (queueId === undefined) return { ok: true, effects: [], body: { reports: [...ctx.store.queues()].map((q) => queueReport(ctx, q, range)) } };
  const queue = ctx.store.queue(queueId);
  if (!queue) return { ok: false, status: 404, message: `there is no queue "${queueId}"` };
  return { ok: true, effects: [], body: queueReport(ctx, queue, range) };
}

/** How long a waiting customer has been in line: since joining, or since a release put them back. */
export const waitedMs = (ctx: DomainContext, waiting: Waiting): number => ctx.now - (waiting.backInLineAt ?? waiting.joinedAt);

/** An agent as the book counts them, named while the store still knows them. */
export function countedAgent(ctx: DomainContext, id: ParticipantId): CountedAgent {
  const agent = ctx.store.agent(id);
  return agent ? { id, name: agent.name } : { id };
}

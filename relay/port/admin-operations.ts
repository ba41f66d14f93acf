import { StatsRange } from '../../protocol/index.js';
import { QueueConfig } from '../config.js';
import { createQueue, deleteQueue, listQueues, removeAgent, setQueueOpen, updateQueue } from '../domain/admin.js';
import type { AdminResult, DomainContext } from '../domain/context.js';
import type { Effect } from '../domain/effects.js';
import type { RelayDomain } from '../domain/relay-domain.js';
import { statsReports } from '../domain/stats/queue-stats.js';

/**
 * What an operator asks of the HTTP API (C14, Q5), as plain data: the in-memory relay runs it at
 * once, the shared mode sends it to the leader (relay/cluster).
 */
export type AdminOperation =
  | { op: 'list-queues' }
  | { op: 'create-queue'; body: unknown }
  | { op: 'update-queue'; id: string; body: unknown }
  | { op: 'set-queue-open'; id: string; open: boolean; by: string }
  | { op: 'delete-queue'; id: string }
  | { op: 'remove-agent'; sub: string }
  | { op: 'stats'; queue?: string | undefined; range: string };

/** Who asks: an operator's token the transport verified. Whether an operator removed its agent since is the domain's to say. */
export interface Operator {
  sub: string;
  name: string;
  issuedAt?: number | undefined;
}

/** An HTTP answer: its status and JSON body (none for 204). */
export interface AdminReply {
  status: number;
  body?: unknown;
}

/** Runs an operator's request against the domain: the answer, and the effects for the sockets. */
export function runAdminOperation(domain: RelayDomain, now: number, operation: AdminOperation, operator: Operator): { reply: AdminReply; effects: Effect[] } {
  if (domain.isRemoved(operator.sub, operator.issuedAt)) return refused({ status: 401, body: { error: 'an operator removed this agent; sign in again with a new token' } });
  return domain.admin(now, (ctx) => {
    const outcome = operate(ctx, operation);
    if (!('ok' in outcome)) return refused(outcome);
    if (!outcome.ok) return refused({ status: outcome.status, body: { error: outcome.message } });
    return { reply: { status: outcome.body === undefined ? 204 : 200, body: outcome.body }, effects: outcome.effects };
  });
}

const refused = (reply: AdminReply) => ({ reply, effects: [] });

function operate(ctx: DomainContext, operation: AdminOperation): AdminResult | AdminReply {
  switch (operation.op) {
    case 'list-queues':
      return listQueues(ctx);
    case 'create-queue': {
      const result = parsed(operation.body);
      if (!('config' in result)) return result;
      const created = createQueue(ctx, result.config);
      return created.ok ? { status: 201, body: created.body } : created;
    }
    case 'update-queue': {
      const current = ctx.store.queue(operation.id);
      if (!current) return { status: 404, body: { error: `there is no queue "${operation.id}"` } };
      const result = parsed({ ...current.config, ...(operation.body as object), id: current.config.id });
      return 'config' in result ? updateQueue(ctx, result.config) : result;
    }
    case 'set-queue-open':
      return setQueueOpen(ctx, operation.id, operation.open, operation.by);
    case 'delete-queue':
      return deleteQueue(ctx, operation.id);
    case 'remove-agent':
      return removeAgent(ctx, operation.sub);
    case 'stats': {
      const range = StatsRange.safeParse(operation.range);
      if (!range.success) return { status: 400, body: { error: 'range is one of "today", "7d" and "30d"' } };
      return statsReports(ctx, operation.queue, range.data);
    }
  }
}

function parsed(raw: unknown): { config: QueueConfig } | AdminReply {
  const result = QueueConfig.safeParse(raw);
  if (result.success) return { config: result.data };
  return { status: 400, body: { error: 'invalid queue', issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } };
}

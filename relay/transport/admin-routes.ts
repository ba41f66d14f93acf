import { StatsRange } from '../../protocol/index.js';
import { verifyToken } from '../auth/jwt.js';
import { QueueConfig } from '../config.js';
import { createQueue, deleteQueue, listQueues, removeAgent, setQueueOpen, updateQueue, type AdminResult } from '../domain/admin.js';
import type { DomainContext } from '../domain/context.js';
import type { RelayDomain } from '../domain/relay-domain.js';
import { statsReports } from '../domain/stats/queue-stats.js';
import { readBody } from './http-body.js';
import { statusLine } from './http-exchange.js';
import type { HttpRequest, HttpResponse, TemplatedApp } from './native-uws.js';
import type { SocketRegistry } from './socket-registry.js';

export interface AdminRoutesOptions {
  domain: RelayDomain;
  registry: SocketRegistry;
  secret: string;
  /** The `aud` operator tokens must name, when set. */
  audience?: string | undefined;
  clock: () => number;
}

const bodyLimit = 256 * 1024;

type Reply = { status: number; body?: unknown };

/**
 * The operators' HTTP API (C14): queues created, changed, opened, closed and deleted, agents
 * removed, statistics read (Q5). Every request carries an operator's token as `Authorization: Bearer …`.
 */
export function mountAdminRoutes(app: TemplatedApp, options: AdminRoutesOptions): void {
  const { domain, registry, clock } = options;

  /** Checks the caller, reads and parses the body when asked, runs the action, answers. */
  const route =
    (
      needsBody: boolean,
      action: (ctx: { params: string[]; query: URLSearchParams; body: unknown; operator: string }) => (c: DomainContext) => AdminResult | Reply,
    ) =>
    (res: HttpResponse, req: HttpRequest) => {
      const authorization = req.getHeader('authorization');
      // Read now (req is only valid during this callback), decoded after the caller is known.
      const rawParams = [0, 1].map((i) => req.getParameter(i) ?? '');
      const query = new URLSearchParams(req.getQuery() ?? '');
      const answer = (reply: Reply): void => {
        res.cork(() => {
          res.writeStatus(statusLine(reply.status)).writeHeader('content-type', 'application/json').writeHeader('cache-control', 'no-store');
          res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
        });
      };
      const caller = authorize(authorization, options, clock());
      if ('status' in caller) return answer(caller);
      const params = decodeParams(rawParams);
      if (!params) return answer({ status: 400, body: { error: 'the path is not valid percent-encoding' } });
      const run = (body: unknown): void => {
        const outcome = domain.admin(clock(), action({ params, query, body, operator: caller.name }));
        if (!('ok' in outcome)) return answer(outcome);
        if (!outcome.ok) return answer({ status: outcome.status, body: { error: outcome.message } });
        registry.apply(outcome.effects);
        answer({ status: outcome.body === undefined ? 204 : 200, body: outcome.body });
      };
      if (!needsBody) return run(undefined);
      void readBody(res, bodyLimit).then((raw) => {
        if (raw === undefined) return;
        if (raw === 'too-large') return answer({ status: 413, body: { error: `the body is larger than ${bodyLimit} bytes` } });
        try {
          run(JSON.parse(raw.toString('utf8') || 'null'));
        } catch {
          answer({ status: 400, body: { error: 'the body is not JSON' } });
        }
      });
    };

  const parsed = (raw: unknown): { config: QueueConfig } | Reply => {
    const result = QueueConfig.safeParse(raw);
    if (result.success) return { config: result.data };
    return { status: 400, body: { error: 'invalid queue', issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } };
  };

  app.get('/admin/queues', route(false, () => (ctx) => listQueues(ctx)));
  app.post(
    '/admin/queues',
    route(true, ({ body }) => (ctx) => {
      const result = parsed(body);
      return 'config' in result ? created(createQueue(ctx, result.config)) : result;
    }),
  );
  app.put(
    '/admin/queues/:id',
    route(true, ({ params, body }) => (ctx) => {
      const current = ctx.store.queue(params[0]!);
      if (!current) return { status: 404, body: { error: `there is no queue "${params[0]}"` } };
      const result = parsed({ ...current.config, ...(body as object), id: current.config.id });
      return 'config' in result ? updateQueue(ctx, result.config) : result;
    }),
  );
  app.post('/admin/queues/:id/open', route(false, ({ params, operator }) => (ctx) => setQueueOpen(ctx, params[0]!, true, operator)));
  app.post('/admin/queues/:id/close', route(false, ({ params, operator }) => (ctx) => setQueueOpen(ctx, params[0]!, false, operator)));
  app.del('/admin/queues/:id', route(false, ({ params }) => (ctx) => deleteQueue(ctx, params[0]!)));
  app.del('/admin/agents/:sub', route(false, ({ params }) => (ctx) => removeAgent(ctx, params[0]!)));
  app.get(
    '/stats',
    route(false, ({ query }) => (ctx) => {
      const range = StatsRange.safeParse(query.get('range') ?? 'today');
      if (!range.success) return { status: 400, body: { error: 'range is one of "today", "7d" and "30d"' } };
      return statsReports(ctx, query.get('queue') ?? undefined, range.data);
    }),
  );
}

/** decodeURIComponent throws on malformed escapes (`%E0%A4%A`): that must be a 400, not an uncaught exception. */
function decodeParams(raw: string[]): string[] | undefined {
  try {
    return raw.map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
}

function created(result: AdminResult): AdminResult | Reply {
  return result.ok ? { status: 201, body: result.body } : result;
}

/** The operator behind a bearer token: valid, for this relay's audience, and not of an agent an operator removed since. */
function authorize(header: string, { secret, audience, domain }: AdminRoutesOptions, now: number): { name: string } | Reply {
  const token = /^Bearer (.+)$/i.exec(header)?.[1];
  if (!token) return { status: 401, body: { error: 'send an operator token as "Authorization: Bearer <token>"' } };
  const verified = verifyToken(token, secret, Math.floor(now / 1000), audience);
  if (!verified.ok) return { status: 401, body: { error: verified.message } };
  if (domain.isRemoved(verified.claims.sub, verified.claims.iat)) return { status: 401, body: { error: 'an operator removed this agent; sign in again with a new token' } };
  if (!verified.claims.roles.includes('operator')) return { status: 403, body: { error: 'this needs the operator role' } };
  return { name: verified.claims.name };
}


import { verifyToken } from '../auth/jwt.js';
import type { AdminOperation, AdminReply, Operator } from '../port/admin-operations.js';
import { after, internalFault, reportFault, type DomainPort } from '../port/domain-port.js';
import { readBody } from './http-body.js';
import { statusLine } from './http-exchange.js';
import type { HttpRequest, HttpResponse, TemplatedApp } from './native-uws.js';

export interface AdminRoutesOptions {
  domain: DomainPort;
  secret: string;
  /** The `aud` operator tokens must name, when set. */
  audience?: string | undefined;
  clock: () => number;
}

const bodyLimit = 256 * 1024;

type Request = { params: string[]; query: URLSearchParams; body: unknown; operator: Operator };

/**
 * The operators' HTTP API (C14): queues created, changed, opened, closed and deleted, agents
 * removed, statistics read (Q5). Every request carries an operator's token as `Authorization: Bearer …`.
 */
export function mountAdminRoutes(app: TemplatedApp, options: AdminRoutesOptions): void {
  const { domain, clock } = options;

  /** Checks the token, reads and parses the body when asked, has the domain run the operation, answers. */
  const route =
    (needsBody: boolean, operation: (request: Request) => AdminOperation) =>
    (res: HttpResponse, req: HttpRequest) => {
      const authorization = req.getHeader('authorization');
      // Read now (req is only valid during this callback), decoded after the caller is known.
      const rawParams = [0, 1].map((i) => req.getParameter(i) ?? '');
      const query = new URLSearchParams(req.getQuery() ?? '');
      let aborted = false;
      const answer = (reply: AdminReply): void => {
        if (aborted) return;
        res.cork(() => {
          res.writeStatus(statusLine(reply.status)).writeHeader('content-type', 'application/json').writeHeader('cache-control', 'no-store');
          res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
        });
      };
      const operator = verified(authorization, options, clock());
      if ('status' in operator) return answer(operator);
      const params = decodeParams(rawParams);
      if (!params) return answer({ status: 400, body: { error: 'the path is not valid percent-encoding' } });
      const run = (body: unknown): void => {
        // In the shared mode the answer comes from the leader, after this callback returned.
        res.onAborted(() => {
          aborted = true;
        });
        try {
          after(domain.admin(operation({ params, query, body, operator }), operator), answer);
        } catch (error) {
          reportFault("an operator's request", error);
          answer({ status: 500, body: { error: internalFault.code, message: internalFault.message } });
        }
      };
      if (!needsBody) return run(undefined);
      void readBody(res, bodyLimit).then((raw) => {
        if (raw === undefined) return;
        if (raw === 'too-large') return answer({ status: 413, body: { error: `the body is larger than ${bodyLimit} bytes` } });
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8') || 'null');
        } catch {
          return answer({ status: 400, body: { error: 'the body is not JSON' } });
        }
        run(body);
      });
    };

  app.get('/admin/queues', route(false, () => ({ op: 'list-queues' })));
  app.post('/admin/queues', route(true, ({ body }) => ({ op: 'create-queue', body })));
  app.put('/admin/queues/:id', route(true, ({ params, body }) => ({ op: 'update-queue', id: params[0]!, body })));
  app.post('/admin/queues/:id/open', route(false, ({ params, operator }) => ({ op: 'set-queue-open', id: params[0]!, open: true, by: operator.name })));
  app.post('/admin/queues/:id/close', route(false, ({ params, operator }) => ({ op: 'set-queue-open', id: params[0]!, open: false, by: operator.name })));
  app.del('/admin/queues/:id', route(false, ({ params }) => ({ op: 'delete-queue', id: params[0]! })));
  app.del('/admin/agents/:sub', route(false, ({ params }) => ({ op: 'remove-agent', sub: params[0]! })));
  app.get('/stats', route(false, ({ query }) => ({ op: 'stats', queue: query.get('queue') ?? undefined, range: query.get('range') ?? 'today' })));
}

/** decodeURIComponent throws on malformed escapes (`%E0%A4%A`): that must be a 400, not an uncaught exception. */
function decodeParams(raw: string[]): string[] | undefined {
  try {
    return raw.map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
}

/** The operator behind a bearer token, valid and for this relay's audience; whether an operator removed its agent since is the domain's to say. */
function verified(header: string, { secret, audience }: AdminRoutesOptions, now: number): Operator | AdminReply {
  const token = /^Bearer (.+)$/i.exec(header)?.[1];
  if (!token) return { status: 401, body: { error: 'send an operator token as "Authorization: Bearer <token>"' } };
  const result = verifyToken(token, secret, Math.floor(now / 1000), audience);
  if (!result.ok) return { status: 401, body: { error: result.message } };
  const { sub, name, iat, roles } = result.claims;
  if (!roles.includes('operator')) return { status: 403, body: { error: 'this needs the operator role' } };
  return { sub, name, issuedAt: iat };
}

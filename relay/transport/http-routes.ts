import { randomUUID } from 'node:crypto';
import { signJwt, signToken } from '../auth/jwt.js';
import type { HttpResponse, TemplatedApp } from './native-uws.js';
import { staticFileHeaders } from './security-headers.js';
import { readStaticFile, type StaticMount } from './static-files.js';

export interface HttpRoutesOptions {
  /** Folders served as they are and allowlists of single files, first match wins. */
  mounts: ReadonlyArray<StaticMount>;
  /** Set only in development: the secret demo tokens are signed with. */
  devSecret?: string;
  /** Set only in development: the identity secret demo customers' identities are signed with (W6). */
  devIdentitySecret?: string;
  queueIds: () => string[];
  connections: () => number;
  clock: () => number;
}

const json = (res: HttpResponse, status: string, body: unknown) =>
  res.cork(() => {
    res.writeStatus(status).writeHeader('content-type', 'application/json').writeHeader('cache-control', 'no-store').end(JSON.stringify(body));
  });

export function mountHttpRoutes(app: TemplatedApp, options: HttpRoutesOptions): void {
  const startedAt = options.clock();
  app.get('/health', (res) => {
    json(res, '200 OK', { status: 'ok', uptimeSeconds: Math.round((options.clock() - startedAt) / 1000), connections: options.connections() });
  });

  app.get('/dev/token', (res, req) => {
    const secret = options.devSecret;
    if (!secret) {
      json(res, '404 Not Found', { error: 'development sign-in is off: this relay has a production secret' });
      return;
    }
    const params = new URLSearchParams(req.getQuery() ?? '');
    const name = (params.get('name') ?? '').trim().slice(0, 80);
    if (!name) {
      json(res, '400 Bad Request', { error: 'name is required' });
      return;
    }
    const sub = params.get('sub')?.trim().slice(0, 64) || name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const token = signToken({ sub, name, roles: ['agent', 'operator'], queues: ['*'] }, secret, Math.floor(options.clock() / 1000));
    json(res, '200 OK', { token });
  });

  app.get('/dev/identity', (res, req) => {
    const secret = options.devIdentitySecret;
    if (!secret) {
      json(res, '404 Not Found', { error: 'development identities are off: this relay has a production secret' });
      return;
    }
    const params = new URLSearchParams(req.getQuery() ?? '');
    const name = (params.get('name') ?? '').trim().slice(0, 80);
    const email = (params.get('email') ?? '').trim().slice(0, 254);
    if (!name) {
      json(res, '400 Bad Request', { error: 'name is required' });
      return;
    }
    const now = Math.floor(options.clock() / 1000);
    const sub = `demo-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    const token = signJwt({ sub, name, ...(email ? { email } : {}), attributes: { plan: 'Spot price' }, iat: now, exp: now + 3600, jti: randomUUID() }, secret);
    json(res, '200 OK', { token });
  });

  app.get('/*', (res, req) => {
    const file = readStaticFile(options.mounts, req.getUrl());
    res.cork(() => {
      if (!file) {
        res.writeStatus('404 Not Found').writeHeader('content-type', 'text/plain').end('Not found');
        return;
      }
      for (const [name, value] of staticFileHeaders(file)) res.writeHeader(name, value);
      res.end(file.body);
    });
  });
}

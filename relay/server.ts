import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { nanoid } from 'nanoid';
import type { RelayConfig } from './config.js';
import { relayServices } from './auth/relay-services.js';
import { RelayDomain } from './domain/relay-domain.js';
import { DiskFileStore } from './files/file-store.js';
import { MemoryRelayStore } from './domain/store.js';
import { mountAdminRoutes } from './transport/admin-routes.js';
import { mountFileRoutes } from './transport/file-routes.js';
import { mountHttpRoutes } from './transport/http-routes.js';
import { mountMetricsRoute } from './transport/metrics-route.js';
import { RelayMetrics } from './metrics/relay-metrics.js';
import { liveFigures } from './domain/live-figures.js';
import { WebhookSender } from './webhooks/webhook-sender.js';
import { uws, type us_listen_socket } from './transport/native-uws.js';
import { closeCodes, SocketRegistry } from './transport/socket-registry.js';
import { mountWsEndpoint } from './transport/ws-endpoint.js';

export interface RelayOptions {
  config: RelayConfig;
  /** 0 picks a free port. */
  port: number;
  host?: string;
  clock?: () => number;
  /** Serve examples/ and dist/ (on by default). */
  serveFiles?: boolean;
}

export interface RunningRelay {
  port: number;
  url: string;
  store: MemoryRelayStore;
  webhooks: WebhookSender;
  /** True when agents may get demo tokens from /dev/token. */
  development: boolean;
  close(): void;
}

const root = fileURLToPath(new URL('..', import.meta.url));

export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const clock = options.clock ?? Date.now;
  const { config } = options;
  const development = !config.secret;
  const secret = config.secret ?? randomBytes(32).toString('hex');
  const store = new MemoryRelayStore(config.queues);
  // Development signs demo identities at /dev/identity with a secret of its own, as it signs agents' tokens.
  const identitySecret = config.identitySecret ?? (development ? randomBytes(32).toString('hex') : undefined);
  const services = relayServices({
    ...(identitySecret ? { identitySecret } : {}),
    ...(config.fileSecret ? { fileSecret: config.fileSecret } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
  });
  const domain = new RelayDomain({ store, config, newId: nanoid, services, epoch: nanoid() });

  const webhooks = new WebhookSender({ targets: config.webhooks, clock });
  const app = uws.App();
  const files = await DiskFileStore.open(config.dataDir, config.attachments.quotaBytes);
  const registry = new SocketRegistry(app, { webhooks, files });
  mountWsEndpoint(app, { domain, registry, secret, audience: config.audience, allowedOrigins: config.allowedOrigins, idleSeconds: config.idleSeconds, maxConnectionsPerAddress: config.maxConnectionsPerAddress, clock });
  mountAdminRoutes(app, { domain, registry, secret, audience: config.audience, clock });
  mountFileRoutes(app, {
    domain,
    files,
    fileSecret: services.fileSecret,
    attachments: config.attachments,
    clock,
  });
  const metrics = new RelayMetrics();
  mountMetricsRoute(app, {
    metrics,
    token: config.metricsToken,
    input: () => ({
      connections: registry.connectionsByRole(),
      ...domain.admin(clock(), liveFigures),
      messagesRelayed: registry.messagesRelayed,
      webhooks: webhooks.stats,
    }),
  });
  mountHttpRoutes(app, {
    mounts: options.serveFiles === false ? [] : [
      { prefix: '/dist/', dir: `${root}dist` },
      // The framework example's ES modules (examples/framework.html), file by file: nothing else of node_modules.
      {
        prefix: '/vendor/',
        files: {
          'preact.js': `${root}node_modules/preact/dist/preact.mjs`,
          'preact-hooks.js': `${root}node_modules/preact/hooks/dist/hooks.mjs`,
          'htm.js': `${root}node_modules/htm/dist/htm.mjs`,
        },
      },
      { prefix: '/', dir: `${root}examples` },
    ],
    ...(development ? { devSecret: secret } : {}),
    ...(development && identitySecret ? { devIdentitySecret: identitySecret } : {}),
    queueIds: () => config.queues.map((q) => q.id),
    connections: () => registry.connections,
    clock,
  });

  const listenSocket = await new Promise<us_listen_socket>((resolve, reject) => {
    app.listen(options.host ?? '0.0.0.0', options.port, (socket) =>
      socket ? resolve(socket) : reject(new Error(`the relay could not listen on port ${options.port}`)),
    );
  });
  const port = uws.us_socket_local_port(listenSocket);
  domain.tick(clock());
  const ticker = setInterval(() => {
    const now = clock();
    registry.endExpired(now);
    registry.apply(domain.tick(now));
  }, 1000);

  return {
    port,
    url: `http://localhost:${port}`,
    store,
    webhooks,
    development,
    close() {
      clearInterval(ticker);
      metrics.close();
      webhooks.close();
      uws.us_listen_socket_close(listenSocket);
      registry.closeAll(closeCodes.shutdown, 'relay shutting down, reconnect');
    },
  };
}

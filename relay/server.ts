import { fileURLToPath } from 'node:url';
import type { RelayBackend } from './backend.js';
import { startSharedState } from './cluster/shared-state.js';
import type { RelayConfig } from './config.js';
import type { MemoryRelayStore } from './domain/store.js';
import { startLocalState } from './local-state.js';
import { RelayMetrics } from './metrics/relay-metrics.js';
import { mountAdminRoutes } from './transport/admin-routes.js';
import { mountFileRoutes } from './transport/file-routes.js';
import { mountHttpRoutes } from './transport/http-routes.js';
import { mountMetricsRoute } from './transport/metrics-route.js';
import { uws, type us_listen_socket } from './transport/native-uws.js';
import { closeCodes } from './transport/socket-registry.js';
import { mountWsEndpoint } from './transport/ws-endpoint.js';
import { WebhookSender } from './webhooks/webhook-sender.js';

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
  /** The in-memory store (in the shared mode: the leader's while this relay leads). */
  readonly store: MemoryRelayStore;
  webhooks: WebhookSender;
  /** True when agents may get demo tokens from /dev/token. */
  development: boolean;
  /** This run's epoch (R2): the saved one when the state was restored; in the shared mode, the shared state's. */
  epoch: string;
  /** Whether this run carries on the state a planned restart saved (or, in the shared mode, a state Redis held). */
  restored: boolean;
  /** Set in the shared mode: this relay's id among the relays sharing the state. */
  sharedAs?: string | undefined;
  /** Stops at once and keeps nothing (tests). */
  close(): void;
  /**
   * A planned stop (SIGTERM): stops accepting and closes every socket with "restarting,
   * reconnect", then writes the whole state to `<dataDir>/relay-state.json` for the next start
   * (in the shared mode: hands over to the other relays).
   */
  shutdown(): Promise<void>;
}

/** After the sockets are closed and before the state is written: close handshakes finish, and webhooks under way get a moment. */
const closingMs = 200;
const webhookGraceMs = 2000;

const root = fileURLToPath(new URL('..', import.meta.url));

export async function startRelay(options: RelayOptions): Promise<RunningRelay> {
  const clock = options.clock ?? Date.now;
  const { config } = options;
  const development = !config.secret;
  const webhooks = new WebhookSender({ targets: config.webhooks, clock });
  const app = uws.App();
  const backend: RelayBackend = config.redis ? await startSharedState({ ...config, redis: config.redis }, app, webhooks, clock) : await startLocalState(config, app, webhooks, clock);
  const { domain, registry, secrets } = backend;

  mountWsEndpoint(app, { domain, registry, secret: secrets.agents, audience: config.audience, allowedOrigins: config.allowedOrigins, idleSeconds: config.idleSeconds, maxConnectionsPerAddress: config.maxConnectionsPerAddress, clock });
  mountAdminRoutes(app, { domain, secret: secrets.agents, audience: config.audience, clock });
  mountFileRoutes(app, { domain, files: backend.files, fileSecret: secrets.files, attachments: config.attachments, clock });
  const metrics = new RelayMetrics();
  mountMetricsRoute(app, {
    metrics,
    token: config.metricsToken,
    input: () => ({
      connections: registry.connectionsByRole(),
      ...domain.figures(),
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
    ...(development ? { devSecret: secrets.agents } : {}),
    ...(development && secrets.identities ? { devIdentitySecret: secrets.identities } : {}),
    queueIds: () => config.queues.map((q) => q.id),
    connections: () => registry.connections,
    clock,
  });

  const listenSocket = await new Promise<us_listen_socket>((resolve, reject) => {
    app.listen(options.host ?? '0.0.0.0', options.port, (socket) =>
      socket ? resolve(socket) : reject(new Error(`the relay could not listen on port ${options.port}`)),
    );
  }).catch((error: Error) => {
    backend.close();
    throw error;
  });
  const port = uws.us_socket_local_port(listenSocket);
  const ticker = setInterval(() => {
    const now = clock();
    registry.endExpired(now);
    backend.tick(now);
  }, 1000);

  let stopped = false;
  const stop = (): boolean => {
    if (stopped) return false;
    stopped = true;
    clearInterval(ticker);
    uws.us_listen_socket_close(listenSocket);
    registry.closeAll(closeCodes.shutdown, 'relay restarting, reconnect');
    return true;
  };

  return {
    port,
    url: `http://localhost:${port}`,
    get store() {
      return backend.store();
    },
    webhooks,
    development,
    epoch: backend.epoch,
    restored: backend.restored,
    sharedAs: backend.sharedAs,
    close() {
      if (!stop()) return;
      backend.close();
      metrics.close();
      webhooks.close();
    },
    async shutdown() {
      // Closed sockets carry no more commands; an operator's request still under way is in what is written.
      if (!stop()) throw new Error('the relay is already stopped');
      await new Promise((resolve) => setTimeout(resolve, config.webhooks.length ? webhookGraceMs : closingMs));
      console.log(`tiski relay: ${await backend.save()}`);
      backend.close();
      metrics.close();
      webhooks.close();
    },
  };
}

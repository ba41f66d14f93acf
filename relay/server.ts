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
import { CommandReplies } from './domain/command-replies.js';
import { deleteQueue } from './domain/admin.js';
import { decodeSnapshot, encodeSnapshot, type MadeSecrets, type RelaySnapshot } from './persistence/relay-snapshot.js';
import { captureRelayState, filesInUse, restoreRelayState } from './persistence/relay-state.js';
import { takeSnapshotFile, writeSnapshotFile } from './persistence/snapshot-file.js';

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
  /** This run's epoch (R2): the saved one when the state was restored. */
  epoch: string;
  /** Whether this run carries on the state a planned restart saved. */
  restored: boolean;
  /** Stops at once and keeps nothing (tests). */
  close(): void;
  /**
   * A planned stop (SIGTERM): stops accepting and closes every socket with "restarting,
   * reconnect", then writes the whole state to `<dataDir>/relay-state.json` for the next start.
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
  const saved = await takeSavedState(config.dataDir, clock());
  const development = !config.secret;
  const made = (given: string | undefined, kept: string | undefined) => (given ? undefined : (kept ?? randomBytes(32).toString('hex')));
  // Secrets the relay makes when the config has none: kept over a planned restart, so tokens signed with them stay good.
  const madeSecrets: MadeSecrets = {
    agents: made(config.secret, saved?.secrets.agents),
    // Development signs demo identities at /dev/identity with a secret of its own, as it signs agents' tokens.
    identities: development ? made(config.identitySecret, saved?.secrets.identities) : undefined,
    files: made(config.fileSecret, saved?.secrets.files),
  };
  const secret = config.secret ?? madeSecrets.agents!;
  const identitySecret = config.identitySecret ?? madeSecrets.identities;
  const store = new MemoryRelayStore(config.queues);
  const replies = new CommandReplies();
  const services = relayServices({
    ...(identitySecret ? { identitySecret } : {}),
    fileSecret: config.fileSecret ?? madeSecrets.files!,
    ...(config.audience ? { audience: config.audience } : {}),
  });
  const epoch = saved?.epoch ?? nanoid();
  const domain = new RelayDomain({ store, config, newId: nanoid, services, replies, epoch });
  const holders = { store, replies, identityTokens: services.identityTokens };
  const droppedQueues = saved ? restoreRelayState(saved, holders, clock(), config.queues).droppedQueues : [];

  const webhooks = new WebhookSender({ targets: config.webhooks, clock });
  const app = uws.App();
  const files = await DiskFileStore.open(config.dataDir, config.attachments.quotaBytes, filesInUse(store));
  const registry = new SocketRegistry(app, { webhooks, files });
  // Queues taken out of the config file while the relay was down go as if an operator deleted them (C14).
  for (const id of droppedQueues) {
    const deleted = domain.admin(clock(), (ctx) => deleteQueue(ctx, id));
    if (deleted.ok) registry.apply(deleted.effects);
  }
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
    store,
    webhooks,
    development,
    epoch,
    restored: !!saved,
    close() {
      if (!stop()) return;
      metrics.close();
      webhooks.close();
    },
    async shutdown() {
      // Closed sockets carry no more commands; an operator's request still under way is in what is written.
      if (!stop()) throw new Error('the relay is already stopped');
      await new Promise((resolve) => setTimeout(resolve, config.webhooks.length ? webhookGraceMs : closingMs));
      const now = clock();
      const snapshot = captureRelayState(holders, { epoch, now, configuredQueues: config.queues, secrets: madeSecrets });
      const path = writeSnapshotFile(config.dataDir, encodeSnapshot(snapshot));
      const { sizes } = store;
      console.log(`tiski relay: state saved to ${path} (${sizes.conversations} conversations, ${sizes.customers} customers, ${sizes.waiting} waiting)`);
      metrics.close();
      webhooks.close();
    },
  };
}

/** The state a planned restart left in `dataDir`, taken out of it; an unusable one is set aside and said so. */
async function takeSavedState(dataDir: string, now: number): Promise<RelaySnapshot | undefined> {
  const taken = await takeSnapshotFile(dataDir, (text) => {
    const decoded = decodeSnapshot(text);
    return decoded.ok ? { ok: true, value: decoded.snapshot } : decoded;
  }, now);
  if (!taken.found) return undefined;
  if (!taken.ok) {
    console.error(`tiski relay: the saved state was not restored (${taken.reason}); it was moved to ${taken.setAside}. Starting afresh with a new epoch: clients resynchronise.`);
    return undefined;
  }
  const { store, epoch, savedAt } = taken.value;
  console.log(`tiski relay: restored the state saved at ${new Date(savedAt).toISOString()} (epoch ${epoch}): ${store.conversations.length} conversations, ${store.customers.length} customers, ${store.agents.length} agents`);
  return taken.value;
}

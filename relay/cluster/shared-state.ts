import { randomBytes } from 'node:crypto';
import { nanoid } from 'nanoid';
import type { RelayBackend, RelaySecrets } from '../backend.js';
import type { RelayConfig, SharedModeConfig } from '../config.js';
import { MemoryRelayStore } from '../domain/store.js';
import type { TemplatedApp } from '../transport/native-uws.js';
import { SocketRegistry } from '../transport/socket-registry.js';
import type { WebhookSender } from '../webhooks/webhook-sender.js';
import { clusterKeys, type ClusterKeys } from './cluster-keys.js';
import { ClusterDomainPort } from './cluster-port.js';
import type { Batch, Envelope } from './inputs.js';
import { Leader } from './leader.js';
import { acquire, LeaseKeeper, leaseMs } from './lease.js';
import { connectRedis, warnIfEvicting, type RedisClient } from './redis-client.js';
import { SharedFileStore } from './shared-file-store.js';
import { loadSharedState } from './shared-state-loader.js';

/** Sent by a relay that just took the lead, after the inputs it published before: when it comes back, they all have. */
interface Marker {
  marker: string;
}

/** A relay that stops renewing its presence this long counts as gone. */
const presenceMs = 5_000;
const presenceEveryMs = 1_500;
/** How long a leader stopping on purpose may take to store what it decided. */
const handOverMs = 2_000;

/**
 * The shared mode (R6). Every relay serves WebSockets and HTTP; one of them at a time — the holder
 * of a lease in Redis — runs the domain and decides (leader.ts). Why one decider: agents serve
 * several queues, and their capacity, transfers and invitations cross queues, so a routing
 * decision stays atomic by construction when one process applies inputs one at a time; and the
 * domain's work is a small share of a relay's (sockets, JSON and fan-out stay spread over all).
 *
 * The durable store is Redis: a snapshot of the whole state and a journal of every input decided
 * since, written before any effect is shown. The leader's in-memory store (the same
 * MemoryRelayStore the embedded relay uses, behind the same RelayStore interface) is its working
 * copy: handlers and transports are the same in both modes. When the leader goes away, the relay
 * that takes the lease loads the snapshot, replays the journal, keeps the epoch, and carries on;
 * relays send it what the last leader left unanswered.
 */
export async function startSharedState(config: RelayConfig & { redis: SharedModeConfig }, app: TemplatedApp, webhooks: WebhookSender, clock: () => number): Promise<RelayBackend> {
  const relay = nanoid(10);
  const keys = clusterKeys(config.redis.keyPrefix);
  const redis = await connectRedis(config.redis.url, 'commands');
  await warnIfEvicting(redis);
  const subscriber = await connectRedis(config.redis.url, 'channels');
  // Taking the lease never waits behind a large commit or snapshot (a worker thread keeps it, lease.ts).
  const leaseConnection = await connectRedis(config.redis.url, 'lease');
  const secrets = await sharedSecrets(redis, keys, config);
  const files = await SharedFileStore.open(config.dataDir, config.attachments.quotaBytes);
  const registry = new SocketRegistry(app, { webhooks, files });

  /** This relay's time as leader, from taking the lease to losing or giving it up. */
  interface Term {
    lease: LeaseKeeper;
    leader?: Leader;
    /** Whether this relay's own inputs may go straight to its leader. */
    direct: boolean;
  }
  let term: Term | undefined;
  let closed = false;
  // Inputs of one turn go to the leader in one message.
  let outgoing: Array<Envelope | Marker> = [];
  const publishInput = (message: Envelope | Marker) => {
    if (outgoing.push(message) > 1) return;
    setImmediate(() => {
      const messages = outgoing;
      outgoing = [];
      void redis.publish(keys.inputs, JSON.stringify(messages)).catch(() => {});
    });
  };
  const port = new ClusterDomainPort(relay, registry, (envelope) => {
    // This relay's own inputs go straight to its leader once those it published before it led have arrived there.
    if (term?.leader && term.direct) term.leader.accept(envelope);
    else publishInput(envelope);
  });
  await subscriber.subscribe(keys.batches, (message) => port.receive(JSON.parse(message) as Batch));

  const present = () => redis.set(keys.presence(relay), String(Date.now()), { expiration: { type: 'PX', value: presenceMs } }).catch(() => {});
  await present();
  const epoch = await sharedEpoch(redis, keys);

  const stepDown = (reason: string) => {
    if (!term) return;
    const { leader, lease } = term;
    term = undefined;
    leader?.stop();
    lease.stop();
    void subscriber.unsubscribe(keys.inputs).catch(() => {});
    console.error(`tiski relay: ${relay} stopped leading: ${reason}`);
  };

  /** Takes the lead when nobody holds it: loads the state, then decides. */
  const campaign = async () => {
    if (term || closed) return;
    const value = await acquire(leaseConnection, keys, relay).catch(() => undefined);
    if (!value || closed) return;
    const started = Date.now();
    const current: Term = { lease: new LeaseKeeper(config.redis.url, keys, value, (reason) => stepDown(reason)), direct: false };
    term = current;
    try {
      const early: Envelope[] = [];
      await subscriber.subscribe(keys.inputs, (message) => {
        for (const received of JSON.parse(message) as Array<Envelope | Marker>) {
          if ('marker' in received) {
            if (received.marker === relay && term === current) current.direct = true;
          } else if (current.leader) current.leader.accept(received);
          else early.push(received);
        }
      });
      const loaded = await loadSharedState(redis, keys, { config, secrets });
      if (term !== current) return;
      const leader = new Leader({ redis, keys, relay, lease: current.lease, machine: loaded.machine, journal: loaded.journal, snapshotSeconds: config.redis.snapshotSeconds, clock, onLost: stepDown });
      current.leader = leader;
      current.lease.loaded();
      for (const envelope of early) leader.accept(envelope);
      publishInput({ marker: relay });
      const how = loaded.restored ? `its snapshot and ${loaded.replayed} journaled inputs replayed` : 'a new state';
      console.log(`tiski relay: ${relay} leads the shared state now (fence ${current.lease.fence}, epoch ${loaded.machine.epoch}, ${how} in ${Date.now() - started} ms)`);
      const leading = () => term === current && !current.lease.lost;
      files.removeStrays((id) => !!leader.machine.store.conversation(id), started, leading).catch((error: Error) => console.error(`tiski relay: removing files of forgotten conversations failed: ${error.message}`));
    } catch (error) {
      if (term !== current) return;
      // Given up at once, not held for the loading lease's 30 s: another relay may manage.
      await current.lease.release().catch(() => {});
      stepDown(`taking over failed: ${(error as Error).message}`);
    }
  };

  const timers = [
    setInterval(() => void present(), presenceEveryMs),
    setInterval(() => void campaign(), leaseMs / 3),
    setInterval(() => port.retry(Date.now()), 1_000),
  ];
  await campaign();

  const shutDown = async (planned: boolean): Promise<void> => {
    if (closed) return;
    closed = true;
    for (const timer of timers) clearInterval(timer);
    files.close();
    const leading = term;
    term = undefined;
    if (planned && leading?.leader) await leading.leader.finish(handOverMs).catch(() => {});
    else {
      leading?.leader?.stop();
      await leading?.lease.release().catch(() => {});
    }
    await redis.del(keys.presence(relay)).catch(() => {});
    await Promise.all([redis.close(), subscriber.close(), leaseConnection.close()]).catch(() => {});
  };

  return {
    domain: port,
    registry,
    files,
    secrets,
    epoch,
    restored: false,
    sharedAs: relay,
    store: () => term?.leader?.machine.store ?? new MemoryRelayStore([]),
    tick() {},
    async save() {
      // The sockets' closes reach the leader first: their participants count as disconnected from now.
      const until = Date.now() + handOverMs;
      while (port.unanswered > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      const leading = !!term?.leader;
      await shutDown(true);
      return leading ? 'handed the shared state over: the last decisions are stored and the lease is free' : 'left the shared state to the other relays';
    },
    close() {
      void shutDown(false);
    },
  };
}

/** The epoch of the shared state (R2), made when Redis has none. */
async function sharedEpoch(redis: RedisClient, keys: ClusterKeys): Promise<string> {
  await redis.set(keys.epoch, nanoid(), { condition: 'NX' });
  return (await redis.get(keys.epoch))!;
}

/**
 * The secrets every relay must share to check each other's tokens: the config's, and for those it
 * does not give, secrets made once and kept in Redis (a relay could not check a token another
 * signed with a secret of its own). Configure them to keep them out of Redis.
 */
async function sharedSecrets(redis: RedisClient, keys: ClusterKeys, config: RelayConfig): Promise<RelaySecrets> {
  const development = !config.secret;
  const missing = [!config.secret && 'agents', !config.fileSecret && 'files', development && !config.identitySecret && 'identities'].filter((name): name is string => !!name);
  for (const name of missing) await redis.hSetNX(keys.secrets, name, randomBytes(32).toString('hex'));
  const kept = missing.length ? await redis.hGetAll(keys.secrets) : {};
  return {
    agents: config.secret ?? kept.agents!,
    identities: config.identitySecret ?? (development ? kept.identities : undefined),
    files: config.fileSecret ?? kept.files!,
  };
}

import { randomBytes } from 'node:crypto';
import { nanoid } from 'nanoid';
import { relayServices } from './auth/relay-services.js';
import type { RelayBackend } from './backend.js';
import type { RelayConfig } from './config.js';
import { deleteQueue } from './domain/admin.js';
import { CommandReplies } from './domain/command-replies.js';
import { RelayDomain } from './domain/relay-domain.js';
import { MemoryRelayStore } from './domain/store.js';
import { DiskFileStore } from './files/disk-file-store.js';
import { decodeSnapshot, encodeSnapshot, type MadeSecrets, type RelaySnapshot } from './persistence/relay-snapshot.js';
import { captureRelayState, filesInUse, restoreRelayState } from './persistence/relay-state.js';
import { takeSnapshotFile, writeSnapshotFile } from './persistence/snapshot-file.js';
import { LocalDomainPort } from './port/local-domain-port.js';
import type { TemplatedApp } from './transport/native-uws.js';
import { SocketRegistry } from './transport/socket-registry.js';
import type { WebhookSender } from './webhooks/webhook-sender.js';

/**
 * The embedded default: queues and conversations in this process's memory, decided in the same
 * turn a request arrives. A planned stop writes them to `<dataDir>/relay-state.json` and the next
 * start carries on with them.
 */
export async function startLocalState(config: RelayConfig, app: TemplatedApp, webhooks: WebhookSender, clock: () => number): Promise<RelayBackend> {
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
  const secrets = { agents: config.secret ?? madeSecrets.agents!, identities: config.identitySecret ?? madeSecrets.identities, files: config.fileSecret ?? madeSecrets.files! };
  const store = new MemoryRelayStore(config.queues);
  const replies = new CommandReplies();
  const services = relayServices({
    ...(secrets.identities ? { identitySecret: secrets.identities } : {}),
    fileSecret: secrets.files,
    ...(config.audience ? { audience: config.audience } : {}),
  });
  const epoch = saved?.epoch ?? nanoid();
  const domain = new RelayDomain({ store, config, newId: nanoid, services, replies, epoch });
  const holders = { store, replies, identityTokens: services.identityTokens };
  const droppedQueues = saved ? restoreRelayState(saved, holders, clock(), config.queues).droppedQueues : [];

  const files = await DiskFileStore.open(config.dataDir, config.attachments.quotaBytes, filesInUse(store));
  const registry = new SocketRegistry(app, { webhooks, files });
  // Queues taken out of the config file while the relay was down go as if an operator deleted them (C14).
  for (const id of droppedQueues) {
    const deleted = domain.admin(clock(), (ctx) => deleteQueue(ctx, id));
    if (deleted.ok) registry.apply(deleted.effects);
  }
  const port = new LocalDomainPort(domain, registry, clock);
  domain.tick(clock());
  return {
    domain: port,
    registry,
    files,
    secrets,
    epoch,
    restored: !!saved,
    store: () => store,
    tick: (now) => port.tick(now),
    async save() {
      const snapshot = captureRelayState(holders, { epoch, now: clock(), configuredQueues: config.queues, secrets: madeSecrets });
      const path = writeSnapshotFile(config.dataDir, encodeSnapshot(snapshot));
      const { sizes } = store;
      return `state saved to ${path} (${sizes.conversations} conversations, ${sizes.customers} customers, ${sizes.waiting} waiting)`;
    },
    close() {},
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

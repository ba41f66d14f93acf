import type { IdentityTokenLedger } from '../auth/identity.js';
import type { QueueConfig } from '../config.js';
import type { CommandReplies } from '../domain/command-replies.js';
import type { Queue } from '../domain/model.js';
import { newQueue, type MemoryRelayStore, type StoreSnapshot } from '../domain/store.js';
import type { MadeSecrets, RelaySnapshot } from './relay-snapshot.js';

/** Whatever holds the relay's state between commands. */
export interface RelayStateHolders {
  store: MemoryRelayStore;
  replies: CommandReplies;
  identityTokens: IdentityTokenLedger;
}

/** The relay's whole state now, as live objects: encode it before anything changes. */
export function captureRelayState(
  holders: RelayStateHolders,
  run: { epoch: string; now: number; configuredQueues: readonly QueueConfig[]; secrets: MadeSecrets },
): RelaySnapshot {
  return {
    epoch: run.epoch,
    savedAt: run.now,
    configuredQueues: run.configuredQueues.map((q) => q.id),
    store: holders.store.snapshot(),
    replies: holders.replies.snapshot(),
    identityTokens: holders.identityTokens.snapshot(run.now),
    secrets: run.secrets,
  };
}

/**
 * Puts a snapshot's state back in place. Nobody is connected after a restart, so everyone counts
 * as gone since `now`: grace periods and the resume window start again from the restart. Offers,
 * transfers, invitations and call set-ups get back the time the relay was down.
 *
 * Queues: those of the config file take the file's settings (a changed `open` applies, as when an
 * operator changes it), those added through the admin API come back as they were, a queue new in
 * the file starts empty. A queue the file named when the state was saved but names no more is
 * returned in `droppedQueues`: the caller deletes it as an operator would.
 */
export function restoreRelayState(snapshot: RelaySnapshot, holders: RelayStateHolders, now: number, configured: readonly QueueConfig[]): { droppedQueues: string[] } {
  const { store } = snapshot;
  const pause = Math.max(0, now - snapshot.savedAt);
  for (const offer of store.offers) offer.expiresAt += pause;
  for (const request of store.requests) request.expiresAt += pause;
  for (const customer of store.customers) {
    customer.disconnectedAt = now;
    if (customer.invitation) customer.invitation.expiresAt += pause;
  }
  for (const agent of store.agents) agent.disconnectedAt = now;
  for (const conversation of store.conversations) if (conversation.call?.deadline !== undefined) conversation.call.deadline += pause;

  const { queues, droppedQueues } = mergeQueues(store.queues, new Set(snapshot.configuredQueues), configured);
  holders.store.restore({ ...store, queues } satisfies StoreSnapshot);
  holders.replies.restore(snapshot.replies);
  holders.identityTokens.restore(snapshot.identityTokens, now);
  return { droppedQueues };
}

function mergeQueues(saved: readonly Queue[], savedFromFile: ReadonlySet<string>, configured: readonly QueueConfig[]): { queues: Queue[]; droppedQueues: string[] } {
  const byId = new Map(saved.map((queue) => [queue.config.id, queue]));
  const queues = configured.map((config) => {
    const queue = byId.get(config.id);
    if (!queue) return newQueue(config);
    if (queue.config.open !== config.open) queue.open = config.open;
    if (JSON.stringify(queue.config.schedule) !== JSON.stringify(config.schedule)) delete queue.nextScheduleChange;
    queue.config = config;
    return queue;
  });
  const inFile = new Set(configured.map((config) => config.id));
  const others = saved.filter((queue) => !inFile.has(queue.config.id));
  return {
    queues: [...queues, ...others],
    droppedQueues: others.filter((queue) => savedFromFile.has(queue.config.id)).map((queue) => queue.config.id),
  };
}

/** The uploaded files of the conversations the store holds, by conversation: those are kept on disk. */
export function filesInUse(store: MemoryRelayStore): Map<string, Set<string>> {
  const files = new Map<string, Set<string>>();
  for (const conversation of store.conversations()) if (conversation.files.size) files.set(conversation.id, new Set(conversation.files.keys()));
  return files;
}

/**
 * Puts a snapshot's state back exactly as it was taken, for a relay taking over the shared state
 * (relay/cluster): participants connected then still are, through other relays, and the journal
 * replayed after it brings the state up to the last decision.
 */
export function loadRelayState(snapshot: RelaySnapshot, holders: RelayStateHolders): void {
  holders.store.restore(snapshot.store);
  holders.replies.restore(snapshot.replies);
  holders.identityTokens.restore(snapshot.identityTokens, snapshot.savedAt);
}

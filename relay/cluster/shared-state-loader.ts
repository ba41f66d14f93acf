import { nanoid } from 'nanoid';
import type { ClusterKeys } from './cluster-keys.js';
import { DomainMachine, type MachineSetup, type MachineSnapshot } from './domain-machine.js';
import type { JournalEntry } from './inputs.js';
import type { RedisClient } from './redis-client.js';

const replayChunk = 1_000;

/**
 * The shared state as Redis holds it, for a relay that just took the lease: the last snapshot,
 * then every journal entry after it decided again through the domain (their effects went out
 * when they were first decided). The epoch stays the same, so clients resume. When Redis holds
 * nothing yet — or lost everything — the state starts empty under a new epoch.
 */
export async function loadSharedState(
  redis: RedisClient,
  keys: ClusterKeys,
  setup: Omit<MachineSetup, 'epoch'>,
): Promise<{ machine: DomainMachine; journal: string; replayed: number; restored: boolean }> {
  const snapshot = (await redis.hGetAll(keys.snapshot)) as Partial<MachineSnapshot>;
  let epoch = await redis.get(keys.epoch);
  if (!epoch) {
    await redis.set(keys.epoch, nanoid(), { condition: 'NX' });
    epoch = (await redis.get(keys.epoch))!;
  }
  const restored = !!(snapshot.relay && snapshot.cluster && snapshot.journal);
  const machine = restored ? DomainMachine.restore({ ...setup, epoch }, snapshot as MachineSnapshot) : new DomainMachine({ ...setup, epoch });
  let journal = restored ? snapshot.journal! : '0';
  let replayed = 0;
  for (let from = restored ? `(${journal}` : '-'; ; ) {
    const chunk = (await redis.xRange(keys.journal, from, '+', { COUNT: replayChunk })) ?? [];
    for (const { id, message } of chunk) {
      for (const entry of JSON.parse(message.e!) as JournalEntry[]) {
        machine.replay(entry);
        replayed++;
      }
      journal = id;
    }
    if (chunk.length < replayChunk) break;
    from = `(${journal}`;
  }
  return { machine, journal, replayed, restored: restored || replayed > 0 };
}

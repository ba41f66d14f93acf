/**
 * The leader's planned stop in the shared mode (R6), in process with a Redis that misbehaves: it
 * ends within its time, whether Redis never answers the commit under way or refuses it late, and
 * takes no snapshot that could hold a decision the journal does not.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterKeys } from '../../relay/cluster/cluster-keys.js';
import { DomainMachine } from '../../relay/cluster/domain-machine.js';
import { Leader } from '../../relay/cluster/leader.js';
import type { LeaseKeeper } from '../../relay/cluster/lease.js';
import type { RedisClient } from '../../relay/cluster/redis-client.js';
import { parseConfig } from '../../relay/config.js';
import { FILE_SECRET, IDENTITY_SECRET, QUEUE_A, SECRET, sleep } from './helpers.js';

const setup = {
  config: parseConfig({ secret: SECRET, queues: [{ id: QUEUE_A, name: 'A' }] }),
  secrets: { agents: SECRET, identities: IDENTITY_SECRET, files: FILE_SECRET },
  epoch: 'epoch-1',
};

/** A Redis whose first script call (the leader's first commit) succeeds and whose later ones wait for `answer`. */
function stalledRedis() {
  const scripts: string[] = [];
  let answer: (error?: Error) => void = () => {};
  const redis = {
    evalSha: (sha: string) => {
      scripts.push(sha);
      if (scripts.length === 1) return Promise.resolve([1, '1-0']);
      return new Promise((resolve, reject) => (answer = (error) => (error ? reject(error) : resolve([scripts.length, `${scripts.length}-0`]))));
    },
  };
  return { redis: redis as unknown as RedisClient, scripts, answer: (error?: Error) => answer(error) };
}

/** The leader's own timers do not keep a process alive (its sockets do, in a relay): the test does. */
function leaderOn(redis: RedisClient, t: { after(fn: () => void): void }) {
  const alive = setInterval(() => {}, 1_000);
  const lease = { value: 'relay-a/1', released: false, stop() {}, async release() { this.released = true; } };
  const leader = new Leader({ redis, keys: clusterKeys('t:'), relay: 'relay-a', lease: lease as unknown as LeaseKeeper, machine: new DomainMachine(setup), journal: '0-0', snapshotSeconds: 3_600, clock: Date.now, onLost: () => {} });
  t.after(() => {
    leader.stop();
    clearInterval(alive);
  });
  return { leader, lease };
}

describe("the leader's planned stop", () => {
  it('ends within its time and gives the lease up when Redis never answers the commit under way; no snapshot', async (t) => {
    const { redis, scripts } = stalledRedis();
    const { leader, lease } = leaderOn(redis, t);
    await sleep(20);
    leader.accept({ id: 'relay-b:1', relay: 'relay-b', n: 1, answeredBelow: 1, input: { kind: 'tick' } });
    await sleep(20);
    const started = Date.now();
    await leader.finish(200);
    assert.ok(Date.now() - started < 1_000, `stopped after ${Date.now() - started} ms`);
    assert.ok(lease.released, 'the lease was given up');
    assert.equal(scripts.length, 2, 'the first commit and the one Redis never answered; no snapshot after it');
  });

  it('ends when the commit under way is refused after its time ran out', async (t) => {
    const { redis, answer } = stalledRedis();
    const { leader } = leaderOn(redis, t);
    await sleep(20);
    leader.accept({ id: 'relay-b:1', relay: 'relay-b', n: 1, answeredBelow: 1, input: { kind: 'tick' } });
    await sleep(20);
    const finished = leader.finish(100).then(() => 'finished');
    await sleep(200);
    answer(new Error('Socket closed unexpectedly'));
    assert.equal(await Promise.race([finished, sleep(2_000).then(() => 'hung')]), 'finished');
  });
});

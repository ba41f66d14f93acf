import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertConversation, caughtUp } from './chaos-checks.js';
import { ClockDriver } from './chaos-clock.js';
import { gatherCrowd, sendMany } from './chaos-crowd.js';
import { chaosSeed, Random, withSeed } from './chaos-random.js';
import { startTestRelay, until } from './helpers.js';

const seed = chaosSeed();

describe('ten senders in one conversation', () => {
  it('give one gapless order of all 10 000 messages, seen identically by every participant', async (t) => {
    t.diagnostic(`TISKI_CHAOS_SEED=${seed}`);
    await withSeed(seed, async () => {
      const relay = await startTestRelay(t, { customerGraceSeconds: 600, agentGraceSeconds: 600 });
      const { conversation, tabs, witness } = await gatherCrowd(t, relay, new Random(seed));
      assert.equal(tabs.length, 10);
      // The relay's clock runs ten times as fast as real time, so each sender may send 180 a (real) second within the limit.
      const driver = new ClockDriver(relay.clock, 10);
      t.after(() => driver.stop());
      const started = performance.now();
      await Promise.all(tabs.map((tab) => sendMany(tab, conversation, 1000, 32)));
      await until(() => caughtUp(relay.relay.store, conversation, tabs), 'every tab holds the whole conversation', 20_000);
      t.diagnostic(`10 000 messages sent and delivered to 10 tabs in ${Math.round(performance.now() - started)} ms`);
      const tally = assertConversation(relay.relay.store, conversation, tabs, tabs);
      assert.equal(tally.acked, 10_000);
      const authors = relay.relay.store.conversation(conversation)!.log.flatMap((e) => (e.type === 'message' ? [e.author.id] : []));
      assert.equal(authors.length, 10_000);
      // Sent together, not one sender after another: the order interleaves the participants.
      const turns = authors.filter((author, i) => i > 0 && author !== authors[i - 1]).length;
      assert.ok(turns > 1000, `the order changes author only ${turns} times`);
      assert.deepEqual(tabs.flatMap((tab) => tab.violations), []);
      assert.deepEqual(witness.conflicts, []);
    });
  });
});

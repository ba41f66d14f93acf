/**
 * Chaos (R2): many conversations through drops, outages and reloads, then every participant's
 * history of every conversation must be exactly what was sent, in one order, without duplicates.
 *
 * How the network and time are simulated, and why it is honest:
 * - Every page reaches the relay through a TCP proxy (net-proxy.ts), the network. It cuts
 *   connections (both ends see the close) and black-holes them (bytes stop both ways, nothing
 *   closes), as a dead Wi-Fi or a sleeping laptop does. Pages also close or kill their own sockets.
 * - The relay's heartbeat (uWS idle timeout, idleSeconds 12) runs on real time; its domain time
 *   (resume window 120 s, grace periods) on a FakeClock that follows real time and that the test
 *   moves ahead by hand.
 * - A 5 s outage is a real 5 s black hole. It begins right after the connection carried a ping,
 *   so the relay's idle timer starts with it. With idleSeconds 12 the relay closes such a silent
 *   connection 8 to 12 s into the silence (measured: uWS pings, then closes unanswered, on timers
 *   that tick every 4 s), so the connection must live through 5 s: held bytes arrive late,
 *   nothing is lost, the page does not reconnect. (With idleSeconds 8 the close came as early as
 *   4.1 s into the silence: a 5 s outage could end it.)
 * - 30 s and 110 s outages are black holes the relay's heartbeat notices for real (within 8 to
 *   16 s), closing its ends. The relay's clock is then moved on so that exactly 30 s or 110 s have
 *   passed on it since the silence began when each group's network comes back: the resume window
 *   and the grace periods (600 s here, so places are kept) see the whole outage. Back online, a
 *   page learns its socket died (a late close, as a reset on its next write would tell it), as the
 *   elements' client learns it by probing when the browser says it is online again; bytes held
 *   during the outage are delivered or dropped at random. It reconnects and must be resumed.
 * - A page reload throws the client away with all it held and starts a new one with what a page
 *   keeps: a customer's resume token from storage, an agent's token; it gets whole histories.
 * - Clients send below the relay's per-connection rate limit, paced on the relay's own clock.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { castQueues, startCast, type CastShape } from './chaos-cast.js';
import { Chatter } from './chaos-chatter.js';
import { assertConversation, caughtUp } from './chaos-checks.js';
import { ClockDriver } from './chaos-clock.js';
import { gatherCrowd, sendMany } from './chaos-crowd.js';
import { Monkey } from './chaos-monkey.js';
import { longOutages } from './chaos-outages.js';
import { chaosSeed, Random, withSeed } from './chaos-random.js';
import { sleep, startTestRelay, until } from './helpers.js';
import { NetProxy } from './net-proxy.js';

const seed = chaosSeed();

describe('200 conversations on one relay', () => {
  const shape: CastShape = { queues: ['chaos-1', 'chaos-2', 'chaos-3', 'chaos-4'], agentsPerQueue: 2, perAgent: 25 };

  it('through random drops from both ends, silent outages of 5, 30 and 110 s and page reloads, leave every history exactly as sent', async (t) => {
    t.diagnostic(`TISKI_CHAOS_SEED=${seed}`);
    await withSeed(seed, async () => {
      const random = new Random(seed);
      const relay = await startTestRelay(t, { idleSeconds: 12, customerGraceSeconds: 600, agentGraceSeconds: 600, extraQueues: castQueues(shape) });
      const proxy = await NetProxy.start({ host: '127.0.0.1', port: relay.relay.port });
      t.after(() => proxy.close());
      const driver = new ClockDriver(relay.clock);
      t.after(() => driver.stop());
      const cast = await startCast(t, relay, proxy, random.fork(), shape);
      const pages = [...cast.customers, ...cast.agents];
      assert.equal(cast.conversations.length, 200);

      const chatter = new Chatter(cast, random.fork());
      const monkey = new Monkey(pages, random.fork(), 100);
      const [thirty, hundredTen] = [0, 1].map(() => {
        const customers = random.sample(cast.customers.filter((p) => !monkey.spared.has(p)), 5);
        const agent = random.pick(cast.agents.filter((p) => !monkey.spared.has(p)));
        for (const page of [...customers, agent]) monkey.spared.add(page);
        return [...customers, agent];
      });
      const mischief = monkey.run();
      await sleep(2000);
      const outages = await longOutages(relay, driver, random.fork(), [
        { seconds: 30, pages: thirty! },
        { seconds: 110, pages: hundredTen! },
      ]);
      // Chance decides the rest; these make sure both sides reload at least once.
      await Promise.all([monkey.strikeNow('reload', cast.agents, 1), monkey.strikeNow('reload', cast.customers, 3)]);
      await sleep(8000);
      monkey.stop();
      await mischief;
      await chatter.stop();
      await until(() => pages.every((p) => p.ready && p.inFlight === 0), 'every page online with every command answered', 20_000);
      await until(() => cast.conversations.every((c) => caughtUp(relay.relay.store, c.id, [c.customer, c.agent])), 'every page holding all of its conversations', 20_000);

      const total = { acked: 0, abandoned: 0, abandonedApplied: 0, resent: 0, resentAfterApplied: 0 };
      for (const { id, customer, agent } of cast.conversations) {
        const tally = assertConversation(relay.relay.store, id, [customer, agent], [customer, agent]);
        for (const key of Object.keys(total) as Array<keyof typeof total>) total[key] += tally[key];
      }
      assert.ok(total.resentAfterApplied > 0, 'messages the relay had applied were resent after drops');
      assert.deepEqual(pages.flatMap((p) => p.violations), []);
      assert.deepEqual(cast.witness.conflicts, []);
      assert.deepEqual(pages.flatMap((p) => p.notRecovered.map((c) => `${p.name}: ${c}`)), [], 'every reconnect within the window is resumed');
      const sizes = relay.relay.store.sizes;
      assert.deepEqual([sizes.customers, sizes.agents, sizes.conversations], [200, 8, 200], 'nobody twice, nothing lost or ended');
      assert.ok([...relay.relay.store.conversations()].every((c) => !c.ended));

      for (const report of outages) {
        assert.ok(report.resumed.every((n) => n > 0), `every page back from the ${report.seconds} s outage was resumed: ${JSON.stringify(report)}`);
        assert.ok(report.goneMs.every((ms) => ms < 120_000), `within the resume window: ${JSON.stringify(report)}`);
      }
      assert.ok(monkey.shortOutages.length >= 3, `${monkey.shortOutages.length} outages of 5 s`);
      assert.deepEqual(monkey.shortOutages.filter((o) => !o.survived), [], 'every connection lives through 5 s of silence');
      const reloadedCustomers = cast.customers.filter((p) => p.reloads > 0).length;
      const reloadedAgents = cast.agents.filter((p) => p.reloads > 0).length;
      assert.ok(reloadedCustomers >= 5 && reloadedAgents >= 1, `reloads: ${reloadedCustomers} customers, ${reloadedAgents} agents`);
      const drops = monkey.counts['client-close'] + monkey.counts['client-terminate'] + monkey.counts['network-cut'] + monkey.counts['answers-lost'];
      assert.ok(drops >= 100, `${drops} drops`);
      t.diagnostic(
        `mischief ${JSON.stringify(monkey.counts)}; reconnects ${pages.reduce((n, p) => n + p.connections, 0) - pages.length}; ` +
          `messages ${JSON.stringify(total)}; ` +
          `outages ${JSON.stringify(outages.map(({ seconds, noticedAfterMs, goneMs }) => ({ seconds, noticedAfterMs, goneMs: Math.max(...goneMs) })))}`,
      );
    });
  });
});

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

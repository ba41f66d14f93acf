import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUEUE_A, replyCode, startTestRelay } from './helpers.js';

describe('heartbeats', () => {
  it('show an agent whose tab died without closing offline to colleagues within the idle time; a quiet but live tab stays', async (t) => {
    const relay = await startTestRelay(t, { idleSeconds: 8, agentGraceSeconds: 600 });
    const watcher = await relay.agent('watcher', [QUEUE_A]);
    const signIn = async (sub: string, autoPong: boolean) => {
      const client = await relay.connect({ autoPong });
      await client.hello('agent', { token: relay.token({ sub }) });
      assert.equal(replyCode(await client.request({ type: 'sign-in', queues: [QUEUE_A] })), 'ack');
      return client;
    };
    await signIn('dead', false);
    await signIn('quiet', true);
    const presenceOf = (snapshot: { queue: { agents: Array<{ id: string; presence: string }> } }, sub: string) => snapshot.queue.agents.find((a) => a.id === `agent:${sub}`)?.presence;
    await watcher.client.next('queue', (m) => presenceOf(m, 'dead') === 'available' && presenceOf(m, 'quiet') === 'available');
    const started = Date.now();
    const offline = await watcher.client.next('queue', (m) => presenceOf(m, 'dead') === 'offline', 30_000);
    const seconds = (Date.now() - started) / 1000;
    assert.ok(seconds < 30, `offline after ${seconds} s`);
    assert.equal(presenceOf(offline, 'quiet'), 'available', 'a tab that answers pings stays, however quiet');
    assert.equal(relay.relay.store.agent('agent:dead')?.signedIn, true, 'still signed in for its grace: a reload resumes');
  });
});

/**
 * A fault of the domain (a bug) on one request, in the in-memory relay: the request is answered
 * with an `internal` error naming its id, and the relay goes on serving everyone. Uncaught, the
 * exception would end the process — and with it every conversation, unsaved.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QUEUE_A, startTestRelay } from './helpers.js';

describe('a fault of the domain on one request', () => {
  it('answers it as an internal error and the relay goes on', async (t) => {
    const relay = await startTestRelay(t);
    t.mock.method(console, 'error', () => {});
    const { client } = await relay.customer('Maija');
    const store = relay.relay.store;
    const queue = t.mock.method(store, 'queue', () => {
      throw new Error('a bug in the domain');
    });
    const failed = await client.request({ type: 'join', queue: QUEUE_A, name: 'Maija' });
    assert.ok(failed.type === 'error', JSON.stringify(failed));
    assert.equal(failed.code, 'internal');
    assert.equal(failed.message, 'the relay could not carry this out');

    queue.mock.restore();
    assert.equal((await client.request({ type: 'join', queue: QUEUE_A, name: 'Maija' })).type, 'ack');
    const other = await relay.customer('Pekka', QUEUE_A);
    assert.equal(other.welcome.type, 'welcome', 'the relay still serves newcomers');
  });
});

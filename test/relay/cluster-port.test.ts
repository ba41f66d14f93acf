/**
 * A relay of the shared mode (R6) asking the leader, in process: what it sends, and what an HTTP
 * request hears when no leader answers. With no leader (one just died, the next is loading),
 * reads give up with 503 after 10 s and are forgotten; an operator's request hears 503 but stays
 * on its way; a stored file waits for its record however long.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClusterDomainPort } from '../../relay/cluster/cluster-port.js';
import type { Envelope } from '../../relay/cluster/inputs.js';
import type { SocketRegistry } from '../../relay/transport/socket-registry.js';

/** A relay whose inputs go nowhere: nobody leads. */
function leaderless() {
  const sent: Envelope[] = [];
  // Requests over HTTP never touch the sockets.
  const port = new ClusterDomainPort('relay-a', {} as SocketRegistry, (envelope) => sent.push(envelope));
  return { port, sent };
}

const settled = async <T>(promise: Promise<T>): Promise<T | 'pending'> => Promise.race([promise, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);

describe('a relay asking a leader that does not answer', () => {
  it('numbers its inputs and tells, with each, below which number it has every answer', () => {
    const { port, sent } = leaderless();
    void port.mayUpload('customer:1', 'c1');
    void port.fileFor('customer:1', 'c1', 'f1');
    assert.deepEqual(
      sent.map(({ id, n, answeredBelow }) => ({ id, n, answeredBelow })),
      [
        { id: 'relay-a:1', n: 1, answeredBelow: 1 },
        { id: 'relay-a:2', n: 2, answeredBelow: 1 },
      ],
    );
  });

  it('answers a read 503 after 10 s and forgets it; an operator 503 too, but keeps the operation on its way; a stored file waits', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const { port } = leaderless();
    const upload = port.mayUpload('customer:1', 'c1');
    const download = port.fileFor('customer:1', 'c1', 'f1');
    const operation = port.admin({ op: 'delete-queue', id: 'old' }, { sub: 'ops', name: 'Operations' });
    const stored = port.fileStored('customer:1', 'c1', { id: 'f1', name: 'a.txt', type: 'text/plain', size: 1 });
    t.mock.timers.tick(9_999);
    assert.equal(await settled(upload), 'pending');
    t.mock.timers.tick(1);
    assert.deepEqual(await upload, { ok: false, status: 503, code: 'no-decision', message: 'No relay could decide in time (one may be taking over); try again in a few seconds.' });
    assert.equal((await download).ok, false);
    assert.equal((await operation).status, 503);
    assert.match(JSON.stringify((await operation).body), /may still take effect/);
    t.mock.timers.tick(60_000);
    assert.equal(await settled(stored), 'pending');
    // The reads are forgotten; the operation and the stored file still wait for a leader.
    assert.equal(port.unanswered, 2);
  });
});

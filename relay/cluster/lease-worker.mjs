// Extends the lease from a thread of its own (lease.ts starts it), so that the relay's event loop
// being busy — a large snapshot, garbage collection, a burst of work on a starved CPU — does not
// lose the lease. It stops extending it when the relay's own thread has not beaten for `stallMs`:
// a relay that hangs is replaced. Plain JavaScript: worker threads run without the TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import { createClient } from '@redis/client';

const { url, leaseKey, value, renewScript, releaseScript, shared, renewEveryMs, stallMs, leaseMs } = workerData;
/** [0]: the relay's thread's beats, counted; [1]: the time to live to ask for (ms). */
const beat = new BigInt64Array(shared);
// Monotonic time: a step of the wall clock neither fakes a stall nor hides one.
const now = () => performance.now();
let beats = Atomics.load(beat, 0);
let beatAt = now();
const redis = createClient({ url, socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 1000) } });
redis.on('error', () => {});

let validUntil = now() + leaseMs;
let done = false;
let timer;

function lose(reason) {
  if (done) return;
  done = true;
  clearInterval(timer);
  parentPort.postMessage({ lost: reason });
}

async function renew() {
  if (done) return;
  const at = now();
  const ttl = Number(Atomics.load(beat, 1));
  const counted = Atomics.load(beat, 0);
  if (counted !== beats) [beats, beatAt] = [counted, at];
  // While the state loads (a long lease) a long synchronous decode is no stall.
  const stallLimit = Math.max(stallMs, ttl);
  if (at - beatAt > stallLimit) return lose(`the relay's event loop has not moved for ${Math.round(stallLimit / 1000)} s`);
  if (at > validUntil + leaseMs) return lose('the lease could not be extended in time');
  try {
    const renewed = await redis.eval(renewScript, { keys: [leaseKey], arguments: [value, String(ttl)] });
    if (renewed === 1) validUntil = Math.max(validUntil, at + ttl);
    else lose('another relay holds the lease');
  } catch {
    // Redis unreachable: tried again in a second, until the lease has surely lapsed.
  }
}

parentPort.on('message', async (message) => {
  if (message !== 'release') return;
  done = true;
  clearInterval(timer);
  await redis.eval(releaseScript, { keys: [leaseKey], arguments: [value] }).catch(() => {});
  parentPort.postMessage({ released: true });
  await redis.close().catch(() => {});
});

await redis.connect();
timer = setInterval(() => void renew(), renewEveryMs);
void renew();

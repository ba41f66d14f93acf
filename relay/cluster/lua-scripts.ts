/**
 * The Lua scripts through which the leader writes to Redis. Redis runs each one whole, with
 * nothing else in between: a check of the lease and the writes it guards cannot be separated,
 * so a relay that lost the lease (paused, cut off, slow) can never write or publish again.
 */
import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-client.js';

const shas = new Map<string, string>();

/** Runs a script by its SHA1 (Redis keeps it once loaded), sending its text only when Redis does not know it yet. */
export async function runScript(redis: RedisClient, script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown> {
  let sha = shas.get(script);
  if (!sha) shas.set(script, (sha = createHash('sha1').update(script).digest('hex')));
  try {
    return await redis.evalSha(sha, options);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return redis.eval(script, options);
  }
}

/**
 * Takes the lease when nobody holds it. KEYS: lease, fence. ARGV: relay id, lease ms.
 * The fence counter goes up at every takeover, so each term of each leader has its own lease value.
 * Returns the lease value, or false.
 */
export const acquireLease = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local fence = redis.call('INCR', KEYS[2])
local value = ARGV[1] .. '/' .. fence
redis.call('SET', KEYS[1], value, 'PX', ARGV[2])
return value
`;

/** Extends the lease if it is still ours. KEYS: lease. ARGV: lease value, lease ms. Returns 1 or 0. */
export const renewLease = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** Gives the lease up if it is still ours (a planned stop), so another relay takes over at once. KEYS: lease. ARGV: lease value. */
export const releaseLease = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

/**
 * One commit: appends the inputs decided (a JSON array, or '' when there are none) to the
 * journal, numbers the batch and publishes it — all or nothing, and only while the lease is
 * ours. So whatever a relay shows a client is in the journal already: an acknowledged message
 * is in Redis. KEYS: lease, journal, batch counter. ARGV: lease value, entries, batch JSON
 * without its `seq`, channel. Returns { seq, journal id or '' }.
 */
export const commit = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('LEASE lost') end
local id = ''
if ARGV[2] ~= '' then id = redis.call('XADD', KEYS[2], '*', 'e', ARGV[2]) end
local seq = redis.call('INCR', KEYS[3])
redis.call('PUBLISH', ARGV[4], '{"seq":' .. seq .. ',' .. string.sub(ARGV[3], 2))
return { seq, id }
`;

/**
 * Stores a snapshot of the whole state and trims the journal entries before the last one it
 * includes. KEYS: lease, snapshot hash, journal. ARGV: lease value, relay state, cluster part, journal id.
 */
export const storeSnapshot = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return redis.error_reply('LEASE lost') end
redis.call('HSET', KEYS[2], 'relay', ARGV[2], 'cluster', ARGV[3], 'journal', ARGV[4])
redis.call('XTRIM', KEYS[3], 'MINID', ARGV[4])
return 1
`;

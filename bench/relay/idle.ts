/**
 * Idle connections: the relay's resident memory per open customer connection that said hello
 * (Tiski) or just connected (peers): VmRSS after a full GC, before and after opening them, and
 * the JavaScript heap's part of it.
 */
import type { Child } from '../lib/child.js';
import { rssBytes } from '../lib/proc.js';
import { sleep } from '../lib/stats.js';
import type { ServerKind } from './generator.js';
import { startServer } from './servers.js';

export interface IdleRun {
  kind: ServerKind;
  connections: number;
  /** Bytes of relay RSS per connection, one per repeat. */
  bytesPerConnection: number[];
  /** The part of it in the JavaScript heap (heapUsed): the server's own objects per connection. */
  heapBytesPerConnection: number[];
  openSeconds: number[];
}

export async function idleScenario(kind: ServerKind, generator: Child, connections: number, repeats: number, settleMs = 1_000): Promise<IdleRun> {
  const run: IdleRun = { kind, connections, bytesPerConnection: [], heapBytesPerConnection: [], openSeconds: [] };
  for (let i = 0; i < repeats; i++) {
    const server = await startServer(kind, 1);
    try {
      await server.child.request('gc');
      const before = rssBytes(server.child.pid);
      const heapBefore = (await server.child.request<NodeJS.MemoryUsage>('memory')).heapUsed;
      const opened = await generator.request<{ ms: number; errors: Record<string, number> }>('idle', { kind, port: server.port, count: connections }, 300_000);
      if (Object.keys(opened.errors).length) throw new Error(`idle connections got errors: ${JSON.stringify(opened.errors)}`);
      await sleep(settleMs);
      await server.child.request('gc');
      run.bytesPerConnection.push((rssBytes(server.child.pid) - before) / connections);
      run.heapBytesPerConnection.push(((await server.child.request<NodeJS.MemoryUsage>('memory')).heapUsed - heapBefore) / connections);
      run.openSeconds.push(opened.ms / 1000);
    } finally {
      await generator.request('close', {}, 60_000).catch(() => {});
      await server.child.stop();
    }
  }
  return run;
}

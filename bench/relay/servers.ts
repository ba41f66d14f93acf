/** Starts each compared server in its own child process on 127.0.0.1. */
import { fileURLToPath } from 'node:url';
import { Child } from '../lib/child.js';
import type { ServerKind } from './generator.js';

export const SECRET = 'bench-secret-bench-secret-bench-secret';

export const serverNames: Record<ServerKind, string> = {
  tiski: 'Tiski relay',
  'uws-bare': 'bare uWS (floor)',
  ws: 'plain ws',
  socketio: 'Socket.IO',
};

const modules: Record<ServerKind, string> = {
  tiski: './tiski-server.ts',
  'uws-bare': '../peers/uws-bare-server.ts',
  ws: '../peers/ws-server.ts',
  socketio: '../peers/socketio-server.ts',
};

/** `count` pick queues, each allowing an agent 50 conversations. */
export function tiskiConfig(count: number) {
  return {
    secret: SECRET,
    queues: Array.from({ length: count }, (_, i) => ({
      id: `bench-${i}`,
      name: `Bench ${i}`,
      routing: 'pick',
      maxConversationsPerAgent: 50,
      alertAfterSeconds: 0,
    })),
  };
}

export interface StartedServer {
  child: Child;
  port: number;
  queues: string[];
  /** Tiski in the shared mode: the relay's id. */
  sharedAs?: string;
}

/** Starts a server; `extra` adds to Tiski's config (the shared mode's `redis` and `dataDir`). */
export async function startServer(kind: ServerKind, queueCount = 1, extra: Record<string, unknown> = {}): Promise<StartedServer> {
  const config = { ...tiskiConfig(queueCount), ...extra };
  const args = kind === 'tiski' ? [JSON.stringify({ config })] : [];
  const { child, ready } = await Child.start<{ port: number; sharedAs?: string }>(fileURLToPath(new URL(modules[kind], import.meta.url)), { name: serverNames[kind], args });
  return { child, port: ready.port, queues: config.queues.map((q) => q.id), ...(ready.sharedAs ? { sharedAs: ready.sharedAs } : {}) };
}

export function startGenerator(): Promise<{ child: Child }> {
  return Child.start(fileURLToPath(new URL('./generator.ts', import.meta.url)), { name: 'load generator' });
}

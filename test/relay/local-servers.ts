/**
 * Processes the relay tests and the two-relay benchmark start on loopback: a free port to give them,
 * and a redis-server spawned there and resolved once it accepts connections.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

const readyTimeoutMs = 10_000;

/** A port nobody listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Starts `server` with `args` and resolves once it is ready, or fails with what it printed. */
export async function spawnRedisServer(server: string, args: string[]): Promise<ChildProcess> {
  const child = spawn(server, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), readyTimeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}):\n${output}`));
    });
  });
  return child;
}

/** Kills `child` at once, as a crash would, and resolves on its exit. */
export async function killProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

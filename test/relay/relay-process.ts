/**
 * The relay as its own process, `node --import tsx relay/main.ts`, as production runs it: with a
 * config file, a data directory and a fixed port, so it can be stopped by signal and started again
 * where clients expect it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { WS_PATH } from '../../protocol/index.js';
import type { RelayConfig } from '../../relay/config.js';
import { snapshotName } from '../../relay/persistence/snapshot-file.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A start on two busy cores compiles the relay first. */
const startTimeoutMs = 30_000;

/** A port nobody listens on now, for the relay to take at every start. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One run of the relay process. */
export interface RelayRun {
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** A planned stop. */
  sigterm(): void;
  /** A crash: nothing is written. */
  sigkill(): void;
  /** Its exit, or a failure naming what it printed once `timeoutMs` passed. */
  exit(timeoutMs?: number): Promise<Exit>;
}

export interface RelayProcesses {
  port: number;
  wsUrl: string;
  url: string;
  dataDir: string;
  /** Where a planned stop leaves the state. */
  snapshotPath: string;
  hasSnapshot(): boolean;
  /** Starts the relay on the port and data directory, once the one before has exited. */
  start(): Promise<RelayRun>;
}

/** A config file, a data directory and a port for relay processes of one test; everything is stopped and removed after it. */
export async function relayProcesses(t: TestContext, config: z.input<typeof RelayConfig>): Promise<RelayProcesses> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tiski-relay-process-'));
  const configPath = join(dataDir, 'relay.config.json');
  await writeFile(configPath, JSON.stringify({ ...config, dataDir }));
  const port = await freePort();
  const children = new Set<ChildProcess>();
  t.after(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });
  const snapshotPath = join(dataDir, snapshotName);
  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}${WS_PATH}`,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    snapshotPath,
    hasSnapshot: () => existsSync(snapshotPath),
    async start() {
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RELAY_')));
      const child = spawn(process.execPath, ['--import', 'tsx', 'relay/main.ts'], {
        cwd: root,
        env: { ...env, RELAY_CONFIG: configPath, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.add(child);
      let output = '';
      const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
      const ready = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the relay did not start within ${startTimeoutMs} ms:\n${output}`)), startTimeoutMs);
        const read = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Tiski relay on')) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout!.on('data', read);
        child.stderr!.on('data', read);
        void exited.then((exit) => {
          clearTimeout(timer);
          reject(new Error(`the relay exited before it started (${JSON.stringify(exit)}):\n${output}`));
        });
      });
      await ready;
      return {
        output: () => output,
        sigterm: () => void child.kill('SIGTERM'),
        sigkill: () => void child.kill('SIGKILL'),
        async exit(timeoutMs = 15_000) {
          let timer: ReturnType<typeof setTimeout> | undefined;
          const late = new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`the relay did not exit within ${timeoutMs} ms:\n${output}`)), timeoutMs);
          });
          return Promise.race([exited, late]).finally(() => clearTimeout(timer));
        },
      };
    },
  };
}

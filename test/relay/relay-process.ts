/**
 * The relay as its own process, `node --import tsx relay/main.ts`, as production runs it: with a
 * config file, a data directory and a fixed port, so it can be stopped by signal and started again
 * where clients expect it. Several relays sharing one state through Redis (R6) run the same way,
 * each on its port, with one config file and one data directory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { WS_PATH } from '../../protocol/index.js';
import type { RelayConfig } from '../../relay/config.js';
import { snapshotName } from '../../relay/persistence/snapshot-file.js';
import { freePort, killProcess } from './local-servers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A start on two busy cores compiles the relay first. */
const startTimeoutMs = 30_000;

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
  /** Resolves once its output matches `pattern`, or fails naming what it printed once `timeoutMs` passed. */
  printed(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
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

/** Where cleanup is registered: a test's context, or node:test's `after` for a whole suite. */
export interface Cleanup {
  after(fn: () => Promise<void>): void;
}

/** A config file, a data directory and a port for relay processes of one test; everything is stopped and removed after it. */
export async function relayProcesses(t: TestContext, config: z.input<typeof RelayConfig>): Promise<RelayProcesses> {
  const { dataDir, configPath, spawnRelay } = await relayFiles(t, config);
  const port = await freePort();
  const snapshotPath = join(dataDir, snapshotName);
  return {
    port,
    wsUrl: `ws://127.0.0.1:${port}${WS_PATH}`,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    snapshotPath,
    hasSnapshot: () => existsSync(snapshotPath),
    start: () => spawnRelay(port),
  };
}

/** One relay of several sharing a state (R6): its own port, the others' config file and data directory. */
export interface SharedRelay {
  name: string;
  port: number;
  wsUrl: string;
  url: string;
  /** Its current run, once started. */
  run?: RelayRun;
  /** Its id among the relays, as it printed it at its last start. */
  id?: string;
  /** Starts it on its port (again, once the run before has exited). */
  start(): Promise<RelayRun>;
}

/**
 * `count` relays sharing one state through the Redis at `redisUrl` (a key prefix of the test's
 * own), one data directory (their files) and one config file; everything is stopped and removed
 * after the test. Named A, B, C…
 */
export async function sharedRelays(
  t: Cleanup,
  config: Omit<z.input<typeof RelayConfig>, 'redis'>,
  redisUrl: string,
  options: { count?: number; snapshotSeconds?: number } = {},
): Promise<{ dataDir: string; keyPrefix: string; relays: SharedRelay[] }> {
  const keyPrefix = `tiski-test-${randomUUID().slice(0, 8)}:`;
  const { count = 2, snapshotSeconds = 2 } = options;
  const { dataDir, spawnRelay } = await relayFiles(t, { ...config, redis: { url: redisUrl, keyPrefix, snapshotSeconds } });
  const relays = await Promise.all(
    Array.from({ length: count }, async (_, i): Promise<SharedRelay> => {
      const port = await freePort();
      const relay: SharedRelay = {
        name: String.fromCharCode(65 + i),
        port,
        wsUrl: `ws://127.0.0.1:${port}${WS_PATH}`,
        url: `http://127.0.0.1:${port}`,
        async start() {
          const run = await spawnRelay(port);
          relay.run = run;
          relay.id = (await run.printed(/shared mode: relay (\S+),/))[1];
          return run;
        },
      };
      return relay;
    }),
  );
  return { dataDir, keyPrefix, relays };
}

/** A data directory with the config file in it, and a way to start relays on them; all stopped and removed after the test. */
async function relayFiles(t: Cleanup, config: z.input<typeof RelayConfig>) {
  const dataDir = await mkdtemp(join(tmpdir(), 'tiski-relay-process-'));
  const configPath = join(dataDir, 'relay.config.json');
  await writeFile(configPath, JSON.stringify({ ...config, dataDir }));
  const children = new Set<ChildProcess>();
  t.after(async () => {
    await Promise.all([...children].map(killProcess));
    await rm(dataDir, { recursive: true, force: true });
  });
  const spawnRelay = async (port: number): Promise<RelayRun> => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RELAY_') && name !== 'REDIS_URL'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'relay/main.ts'], {
      cwd: root,
      env: { ...env, RELAY_CONFIG: configPath, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let output = '';
    const readers = new Set<() => void>();
    const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      for (const reader of readers) reader();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    const printed = (pattern: RegExp, timeoutMs = startTimeoutMs): Promise<RegExpMatchArray> =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (!match) return;
          done();
          resolve(match);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`the relay did not print ${pattern} within ${timeoutMs} ms:\n${output}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          readers.delete(check);
        };
        readers.add(check);
        check();
      });
    const ready = printed(/Tiski relay on/);
    const died = exited.then((exit) => {
      throw new Error(`the relay exited before it started (${JSON.stringify(exit)}):\n${output}`);
    });
    // Whichever loses the race is not waited for.
    ready.catch(() => {});
    died.catch(() => {});
    await Promise.race([ready, died]);
    return {
      output: () => output,
      sigterm: () => void child.kill('SIGTERM'),
      sigkill: () => void child.kill('SIGKILL'),
      printed,
      async exit(timeoutMs = 15_000) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the relay did not exit within ${timeoutMs} ms:\n${output}`)), timeoutMs);
        });
        return Promise.race([exited, late]).finally(() => clearTimeout(timer));
      },
    };
  };
  return { dataDir, configPath, spawnRelay };
}

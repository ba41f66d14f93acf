/**
 * Benchmark processes: the parent forks a TypeScript module with an IPC channel and sends it
 * requests; the child answers each one. A child exits when its parent goes away, so nothing
 * outlives a run.
 */
import { fork, type ChildProcess } from 'node:child_process';

type Handler = (params: any) => unknown;
interface Reply {
  id?: number;
  type?: 'ready';
  ok?: boolean;
  value?: unknown;
  error?: string;
}

export class Child {
  readonly #process: ChildProcess;
  readonly #pending = new Map<number, { resolve: (value: any) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  #nextId = 1;
  #exited = false;

  private constructor(
    process: ChildProcess,
    readonly name: string,
  ) {
    this.#process = process;
    process.on('message', (message: Reply) => {
      const pending = message.id === undefined ? undefined : this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id!);
      clearTimeout(pending.timer);
      if (message.ok) pending.resolve(message.value);
      else pending.reject(new Error(`${name}: ${message.error}`));
    });
    process.on('exit', (code, signal) => {
      this.#exited = true;
      for (const pending of this.#pending.values()) {
        clearTimeout(pending.timer);
        pending.reject(new Error(`${name} exited (${signal ?? code}) before answering`));
      }
      this.#pending.clear();
    });
  }

  /** Forks `module` (a path) and waits for it to say it is ready; resolves with what it said. */
  static start<R = unknown>(module: string, options: { name: string; args?: string[]; execArgv?: string[]; timeoutMs?: number }): Promise<{ child: Child; ready: R }> {
    const process = fork(module, options.args ?? [], {
      execArgv: ['--import', 'tsx', '--expose-gc', ...(options.execArgv ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const child = new Child(process, options.name);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`${options.name} did not start within ${options.timeoutMs ?? 30_000} ms`));
      }, options.timeoutMs ?? 30_000);
      process.once('message', (message: Reply) => {
        clearTimeout(timer);
        if (message.type === 'ready' && message.ok !== false) resolve({ child, ready: message.value as R });
        else reject(new Error(`${options.name} failed to start: ${message.error}`));
      });
      process.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${options.name} exited (${code}) while starting`));
      });
    });
  }

  get pid(): number {
    return this.#process.pid!;
  }

  request<T = unknown>(cmd: string, params: unknown = {}, timeoutMs = 60_000): Promise<T> {
    if (this.#exited) return Promise.reject(new Error(`${this.name} has exited`));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`${this.name}: "${cmd}" took over ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      this.#process.send({ id, cmd, params });
    });
  }

  /** Asks the child to exit, and kills it if it has not within 5 s. */
  async stop(): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.#process.once('exit', () => resolve()));
    this.request('stop', {}, 5_000).catch(() => {});
    const timer = setTimeout(() => this.kill(), 5_000);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (!this.#exited) this.#process.kill('SIGKILL');
  }
}

/** In a child: answers the parent's requests with `handlers`, after `start` resolves. */
export function serve(start: () => unknown, handlers: Record<string, Handler>): void {
  const send = (message: Reply) => process.send?.(message);
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (message: { id: number; cmd: string; params: unknown }) => {
    if (message.cmd === 'stop') {
      try {
        await handlers.stop?.(message.params);
      } finally {
        send({ id: message.id, ok: true });
        setImmediate(() => process.exit(0));
      }
      return;
    }
    if (message.cmd === 'gc') {
      globalThis.gc?.();
      globalThis.gc?.();
      return send({ id: message.id, ok: true });
    }
    if (message.cmd === 'memory') return send({ id: message.id, ok: true, value: process.memoryUsage() });
    const handler = handlers[message.cmd];
    try {
      if (!handler) throw new Error(`unknown request "${message.cmd}"`);
      send({ id: message.id, ok: true, value: await handler(message.params) });
    } catch (error) {
      send({ id: message.id, ok: false, error: (error as Error).stack ?? String(error) });
    }
  });
  Promise.resolve()
    .then(start)
    .then(
      (value) => send({ type: 'ready', ok: true, value }),
      (error: Error) => {
        send({ type: 'ready', ok: false, error: error.stack ?? String(error) });
        process.exit(1);
      },
    );
}

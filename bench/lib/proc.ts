import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/PID/stat times (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds a process has used in user space (utime) and in the kernel (stime), from /proc/PID/stat (10 ms resolution). */
export function cpuTimes(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) / TICKS_PER_SECOND, system: Number(fields[12]) / TICKS_PER_SECOND };
}

/** utime + stime, in seconds. */
export function cpuSeconds(pid: number): number {
  const { user, system } = cpuTimes(pid);
  return user + system;
}

/** Resident memory of a process in bytes, from VmRSS in /proc/PID/status. */
export function rssBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) * 1024;
}

/** CPU seconds the whole machine has been busy (all cores, everything but idle and iowait), from /proc/stat. */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / TICKS_PER_SECOND;
}

/** CPU use of some processes over a stretch of time, and of everything else on the machine. */
export class CpuMeter {
  readonly #pids: number[];
  readonly #start: { user: number; system: number }[];
  readonly #machineStart = machineBusySeconds();
  readonly #wallStart = performance.now();

  constructor(...pids: number[]) {
    this.#pids = pids;
    this.#start = pids.map(cpuTimes);
  }

  /** CPU seconds of each process since the start (and the kernel's part of them), the rest of the machine's, and the wall-clock seconds. */
  read(): { processes: number[]; system: number[]; others: number; wall: number } {
    const now = this.#pids.map(cpuTimes);
    const system = now.map((t, i) => t.system - this.#start[i]!.system);
    const processes = now.map((t, i) => t.user - this.#start[i]!.user + system[i]!);
    const machine = machineBusySeconds() - this.#machineStart;
    return { processes, system, others: Math.max(0, machine - processes.reduce((a, b) => a + b, 0)), wall: (performance.now() - this.#wallStart) / 1000 };
  }
}

/** Waits for quiet (at most `maxSeconds`), taking the time from a budget shared by a whole run. */
export async function quietWithin(patience: { seconds: number }, maxSeconds: number): Promise<number> {
  const limit = Math.min(maxSeconds, patience.seconds);
  if (limit <= 0) return 0;
  const waited = await waitForQuiet(limit);
  patience.seconds -= waited;
  return waited;
}

/**
 * Waits (at most `maxSeconds`) until the machine has been nearly idle for half a second, so that a
 * measurement does not start in the middle of someone else's work. Returns the seconds waited.
 */
export async function waitForQuiet(maxSeconds: number, busyCores = 0.25): Promise<number> {
  const started = performance.now();
  while ((performance.now() - started) / 1000 < maxSeconds) {
    const before = machineBusySeconds();
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (machineBusySeconds() - before < busyCores / 2) break;
  }
  return (performance.now() - started) / 1000;
}

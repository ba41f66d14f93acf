import os from 'node:os';
import { readFileSync } from 'node:fs';

/** The machine a run was made on: cores, CPU model, memory, Node version, fd limit. */
export function machine(): Record<string, string> {
  const cpus = os.cpus();
  let fdLimit = 'unknown';
  try {
    fdLimit = /Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1] ?? fdLimit;
  } catch {
    // not Linux
  }
  return {
    cores: String(cpus.length),
    'CPU model': cpus[0]?.model.trim() ?? 'unknown',
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    Node: process.version,
    OS: `${os.type()} ${os.release()} (${process.arch})`,
    'open files limit': fdLimit,
    'load average at start': os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

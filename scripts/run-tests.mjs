// `npm test`: every layer in turn — typecheck, manifest, build, node tests (relay, pii),
// component tests in Chromium, end-to-end tests, the benchmarks' smoke runs — then one summary
// line for all of them.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensureRedis } from './ensure-redis.mjs';

const testFiles = (dir) =>
  readdirSync(dir, { recursive: true })
    .filter((f) => String(f).endsWith('.test.ts'))
    .map((f) => join(dir, String(f)))
    .sort();

function run(label, command, args) {
  console.log(`\n▶ ${label}`);
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const nodeCounts = (output) => ({
  passed: Number(/^# pass (\d+)/m.exec(output)?.[1] ?? 0),
  failed: Number(/^# fail (\d+)/m.exec(output)?.[1] ?? 0),
});
const wtrCounts = (output) => {
  const plain = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
  const all = [...plain.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
  return { passed: Number(all?.[1] ?? 0), failed: Number(all?.[2] ?? 0) };
};

const steps = [
  { label: 'typecheck', command: 'npx', args: ['tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { label: 'custom-elements.json is fresh', command: 'node', args: ['scripts/check-manifest.mjs'] },
  { label: 'build', command: 'npx', args: ['rollup', '-c', '--silent'] },
  { label: 'relay tests', command: 'node', args: ['--import', 'tsx', '--test', '--test-concurrency=1', ...testFiles('test/relay')], counts: nodeCounts },
  { label: 'pii tests', command: 'node', args: ['--import', 'tsx', '--test', ...testFiles('test/pii')], counts: nodeCounts },
  { label: 'component tests (Chromium)', command: 'node', args: ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js'], counts: wtrCounts },
  { label: 'end-to-end tests (Chromium)', command: 'node', args: ['--import', 'tsx', '--test', '--test-concurrency=1', ...testFiles('test/e2e')], counts: nodeCounts },
  // The benchmarks' short smoke runs, so their harness never rots; goals are not checked here.
  { label: 'benchmark harness (npm run bench -- --quick)', command: 'node', args: ['--import', 'tsx', 'bench/run.ts', '--quick'] },
  { label: 'masking benchmark harness (--quick)', command: 'node', args: ['--import', 'tsx', 'bench/pii/pii.bench.ts', '--quick'] },
];

ensureChromium();
// The shared-mode tests need redis-server; without it they are skipped with a notice.
ensureRedis();
const summary = [];
let failedSteps = 0;
for (const step of steps) {
  const { code, output } = await run(step.label, step.command, step.args);
  const counts = step.counts?.(output);
  if (code !== 0) failedSteps++;
  summary.push({ step: step.label, ok: code === 0, ...counts });
}

console.log('\nSummary');
for (const s of summary) {
  const counts = s.passed === undefined ? '' : `  ${s.passed} passed, ${s.failed} failed`;
  console.log(`  ${s.ok ? '✔' : '✘'} ${s.step}${counts}`);
}
const passed = summary.reduce((n, s) => n + (s.passed ?? 0), 0);
const failed = summary.reduce((n, s) => n + (s.failed ?? 0), 0);
console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(failedSteps > 0 || failed > 0 || passed === 0 ? 1 : 0);

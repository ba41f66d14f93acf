/**
 * Benchmark of components/pii: masking throughput on a mixed chat corpus at three sizes, and
 * the time of adversarial inputs that would expose catastrophic backtracking.
 *
 *   node --import tsx bench/pii/pii.bench.ts           full run, writes bench/pii/RESULTS.md
 *   node --import tsx bench/pii/pii.bench.ts --quick   small run (< 3 s): checks the harness
 *
 * --quick fails (exit code 1) only on absurd figures or wrong output, never on the goals.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

import { findPii, maskPii } from '../../components/pii/index.js';
import { ORDINARY_SENTENCES } from '../../test/pii/corpus/ordinary.js';
import { PII_SAMPLES, render } from '../../test/pii/corpus/pii-samples.js';
import { mulberry32 } from '../../test/pii/corpus/prng.js';

const QUICK = process.argv.includes('--quick');
const RESULTS_FILE = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

/** 1 MB = 1 000 000 bytes of UTF-8. */
const MB = 1_000_000;
const THROUGHPUT_SIZES_MB = QUICK ? [0.25] : [1, 4, 16];
const THROUGHPUT_RUNS = QUICK ? 3 : 7;
const ADVERSARIAL_CHARACTERS = QUICK ? 10_000 : 100_000;
const ADVERSARIAL_RUNS = QUICK ? 3 : 7;
/** Adversarial inputs are also timed at this many times the size, to see how time grows. */
const SCALING_FACTOR = 4;

/** Goals: reported, never asserted. */
const GOAL_MB_PER_S = 20;
const GOAL_MS_PER_100_KB = 50;
/** Figures that mean the harness or the module is broken: --quick fails on these. */
const ABSURD_MB_PER_S = 1;
const ABSURD_ADVERSARIAL_MB_PER_S = 0.1;

interface Timing {
  wallMs: number;
  cpuMs: number;
}

interface Summary {
  median: number;
  min: number;
  max: number;
}

const summarize = (values: readonly number[]): Summary => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] ?? NaN : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted[sorted.length - 1] ?? NaN };
};

/** One call of `work`, in wall-clock and process CPU milliseconds. */
function timeOnce(work: () => void): Timing {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  work();
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/** One warm-up call, then `runs` timed calls. */
function timeRuns(runs: number, work: () => void): Timing[] {
  work();
  return Array.from({ length: runs }, () => timeOnce(work));
}

// ---------------------------------------------------------------------------------------------
// Inputs

/** The corpus sentences (PII samples and ordinary sentences) in a fixed shuffled order. */
function corpusSentences(): string[] {
  const sentences = [...PII_SAMPLES.map((sample) => render(sample).text), ...ORDINARY_SENTENCES.map(([, text]) => text)];
  const random = mulberry32(20_240_501);
  for (let index = sentences.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [sentences[index], sentences[other]] = [sentences[other] ?? '', sentences[index] ?? ''];
  }
  return sentences;
}

/** Whole corpus sentences, one per line, repeated until the text has at least `bytes` bytes. */
function mixedText(sentences: readonly string[], bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const line = `${sentences[index % sentences.length] ?? ''}\n`;
    lines.push(line);
    size += Buffer.byteLength(line);
  }
  return lines.join('');
}

function randomText(characters: number, alphabet: string, seed: number): string {
  const random = mulberry32(seed);
  let text = '';
  for (let index = 0; index < characters; index++) text += alphabet.charAt(Math.floor(random() * alphabet.length));
  return text;
}

const repeatTo = (unit: string, characters: number): string => unit.repeat(Math.ceil(characters / unit.length)).slice(0, characters);

interface Adversarial {
  name: string;
  make: (characters: number) => string;
}

const ADVERSARIAL: readonly Adversarial[] = [
  { name: 'random digits, spaces and `+-()./`', make: (n) => randomText(n, '0123456789 +-()./', 1) },
  { name: 'random digits', make: (n) => randomText(n, '0123456789', 2) },
  { name: 'random digits and spaces', make: (n) => randomText(n, '0123456789 ', 3) },
  { name: '`1 2 3 4 5 6 7 8 9 0 ` repeated', make: (n) => repeatTo('1 2 3 4 5 6 7 8 9 0 ', n) },
  { name: '`0 ` repeated', make: (n) => repeatTo('0 ', n) },
  { name: '`+358 40 ` repeated', make: (n) => repeatTo('+358 40 ', n) },
  { name: '`4111 ` repeated', make: (n) => repeatTo('4111 ', n) },
  { name: '`0-` repeated', make: (n) => repeatTo('0-', n) },
  { name: '`(0)` repeated', make: (n) => repeatTo('(0)', n) },
  { name: '`040.` repeated', make: (n) => repeatTo('040.', n) },
  { name: '`FI21 ` repeated', make: (n) => repeatTo('FI21 ', n) },
  { name: '`RF18 ` repeated', make: (n) => repeatTo('RF18 ', n) },
  { name: '`AB12 ` repeated', make: (n) => repeatTo('AB12 ', n) },
  { name: '`a@` repeated', make: (n) => repeatTo('a@', n) },
  { name: '`a` × n, then `@`', make: (n) => `${'a'.repeat(n - 1)}@` },
  { name: '`a.` repeated, then `@`', make: (n) => `${repeatTo('a.', n - 1)}@` },
  { name: '`a@` then `b-` repeated', make: (n) => `a@${repeatTo('b-', n - 2)}` },
  { name: '`a@` then `b.` repeated', make: (n) => `a@${repeatTo('b.', n - 2)}` },
  { name: 'random `ab.@-_1 `', make: (n) => randomText(n, 'ab.@-_1 ', 4) },
  { name: 'random letters, digits and spaces', make: (n) => randomText(n, 'abcdefghijklmnopqrstuvwxyz0123456789      ', 5) },
  { name: '`131052-308U ` (henkilötunnus look-alike) repeated', make: (n) => repeatTo('131052-308U ', n) },
];

// ---------------------------------------------------------------------------------------------
// Measurements

interface ThroughputRow {
  /** Which sentences: the mixed corpus, or only one part of it. */
  label: string;
  sizeMb: number;
  bytes: number;
  matches: number;
  wallMbPerS: Summary;
  cpuMbPerS: Summary;
  medianMsPerMb: number;
}

function measureThroughput(label: string, sentences: readonly string[], sizeMb: number): ThroughputRow {
  const text = mixedText(sentences, sizeMb * MB);
  const bytes = Buffer.byteLength(text);
  const timings = timeRuns(THROUGHPUT_RUNS, () => {
    maskPii(text);
  });
  const megabytes = bytes / MB;
  const wallMbPerS = summarize(timings.map((timing) => megabytes / (timing.wallMs / 1000)));
  return {
    label,
    sizeMb,
    bytes,
    matches: findPii(text).length,
    wallMbPerS,
    cpuMbPerS: summarize(timings.map((timing) => megabytes / (timing.cpuMs / 1000))),
    medianMsPerMb: summarize(timings.map((timing) => timing.wallMs)).median / megabytes,
  };
}

interface AdversarialRow {
  name: string;
  characters: number;
  wallMs: Summary;
  /** Median time per character at SCALING_FACTOR times the size over that at the base size. */
  scaling: number | undefined;
}

function measureAdversarial(input: Adversarial): AdversarialRow {
  const text = input.make(ADVERSARIAL_CHARACTERS);
  const wallMs = summarize(timeRuns(ADVERSARIAL_RUNS, () => maskPii(text)).map((timing) => timing.wallMs));
  let scaling: number | undefined;
  if (!QUICK) {
    const large = input.make(ADVERSARIAL_CHARACTERS * SCALING_FACTOR);
    const largeMs = summarize(timeRuns(ADVERSARIAL_RUNS, () => maskPii(large)).map((timing) => timing.wallMs)).median;
    scaling = largeMs / SCALING_FACTOR / wallMs.median;
  }
  return { name: input.name, characters: text.length, wallMs, scaling };
}

// ---------------------------------------------------------------------------------------------
// Checks: the harness must measure real masking.

function checkOutput(sentences: readonly string[]): string[] {
  const problems: string[] = [];
  const text = mixedText(sentences, 0.1 * MB);
  const masked = maskPii(text);
  // Matches never span lines, so the text masks like its lines one by one.
  const lineByLine = text.split('\n').map((line) => maskPii(line)).join('\n');
  if (masked !== lineByLine) problems.push('masking the whole text differs from masking it line by line');
  if (!masked.includes('*') || findPii(text).length === 0) problems.push('the mixed corpus has no PII to mask');
  if (maskPii(masked) !== masked) problems.push('masking the masked text changes it');
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Report

const fixed = (value: number, digits = 1): string => (Number.isFinite(value) ? value.toFixed(digits) : String(value));

function throughputTable(rows: readonly ThroughputRow[]): string {
  const lines = [
    '| Sentences | Size | Bytes | Matches | MB/s median | MB/s min | MB/s max | MB/s by CPU time (median) | ms per MB (median) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows) {
    lines.push(`| ${row.label} | ${row.sizeMb} MB | ${row.bytes.toLocaleString('en-US')} | ${row.matches.toLocaleString('en-US')} | ` +
      `${fixed(row.wallMbPerS.median)} | ${fixed(row.wallMbPerS.min)} | ${fixed(row.wallMbPerS.max)} | ` +
      `${fixed(row.cpuMbPerS.median)} | ${fixed(row.medianMsPerMb)} |`);
  }
  return lines.join('\n');
}

function ratioLines(rows: readonly ThroughputRow[]): string[] {
  const base = rows[0];
  if (base === undefined) return [];
  return rows.slice(1).map((row) =>
    `- Time per MB at ${row.sizeMb} MB / at ${base.sizeMb} MB: **${fixed(row.medianMsPerMb / base.medianMsPerMb, 2)}** ` +
    '(1.00 = linear)');
}

function adversarialTable(rows: readonly AdversarialRow[]): string {
  const size = `${ADVERSARIAL_CHARACTERS / 1000} KB`;
  const lines = [
    `| Input (${size}) | ms median | ms min | ms max | ms per 100 KB | Time per char ×${SCALING_FACTOR} size / ×1 | Verdict |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const row of rows) {
    const per100Kb = (row.wallMs.median * 100_000) / row.characters;
    // At the small size of --quick, warm-up dominates: no verdict.
    const verdict = QUICK ? '– (quick)' : per100Kb > GOAL_MS_PER_100_KB ? `**over ${GOAL_MS_PER_100_KB} ms / 100 KB**` : 'ok';
    lines.push(`| ${row.name} | ${fixed(row.wallMs.median, 2)} | ${fixed(row.wallMs.min, 2)} | ${fixed(row.wallMs.max, 2)} | ` +
      `${fixed(per100Kb, 2)} | ${row.scaling === undefined ? '–' : fixed(row.scaling, 2)} | ${verdict} |`);
  }
  return lines.join('\n');
}

function machine(loadAtStart: readonly number[]): string[] {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'}, ${cpus.length} logical cores (os.cpus().length)`,
    `- Memory: ${fixed(os.totalmem() / 2 ** 30, 1)} GiB total`,
    `- OS: ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node ${process.version}, run through tsx (TypeScript transformed on load)`,
    `- Load average when the run started: ${loadAtStart.map((load) => fixed(load, 2)).join(', ')} (1, 5, 15 min), ` +
      `ended: ${os.loadavg().map((load) => fixed(load, 2)).join(', ')}`,
  ];
}

function main(): void {
  const loadAtStart = os.loadavg();
  const sentences = corpusSentences();
  const piiSentences = sentences.filter((sentence) => findPii(sentence).length > 0).length;
  const problems = checkOutput(sentences);

  const throughput = THROUGHPUT_SIZES_MB.map((size) => measureThroughput('mixed', sentences, size));
  // For scale: the same measurement on each part of the corpus alone.
  const parts = QUICK ? [] : [
    measureThroughput('ordinary only', sentences.filter((sentence) => findPii(sentence).length === 0), 1),
    measureThroughput('PII only', sentences.filter((sentence) => findPii(sentence).length > 0), 1),
  ];
  const adversarial = ADVERSARIAL.map(measureAdversarial);

  for (const row of [...throughput, ...parts]) {
    if (!(row.wallMbPerS.median >= ABSURD_MB_PER_S)) {
      problems.push(`throughput on ${row.label} text at ${row.sizeMb} MB is ${fixed(row.wallMbPerS.median, 2)} MB/s`);
    }
  }
  for (const row of adversarial) {
    const mbPerS = row.characters / MB / (row.wallMs.median / 1000);
    if (!(mbPerS >= ABSURD_ADVERSARIAL_MB_PER_S)) problems.push(`${row.name} runs at ${fixed(mbPerS, 3)} MB/s`);
  }

  const corpusLine = `${sentences.length} corpus sentences, ${piiSentences} of them with PII ` +
    `(test/pii/corpus), in a fixed shuffled order, one per line, repeated to the size.`;
  const report = [
    `## Throughput${QUICK ? ' (quick)' : ''}`,
    '',
    corpusLine,
    '',
    throughputTable([...throughput, ...parts]),
    '',
    ...ratioLines(throughput),
    ...(throughput.length > 1 ? [''] : []),
    `## Adversarial inputs${QUICK ? ' (quick)' : ''}`,
    '',
    adversarialTable(adversarial),
  ].join('\n');
  console.log(report);

  if (!QUICK) {
    const lowestMedian = Math.min(...throughput.map((row) => row.wallMbPerS.median));
    const slow = adversarial.filter((row) => (row.wallMs.median * 100_000) / row.characters > GOAL_MS_PER_100_KB);
    const results = [
      '# PII masking benchmark',
      '',
      `Written by \`node --import tsx bench/pii/pii.bench.ts\` on ${new Date().toISOString()}.`,
      '',
      '## Method',
      '',
      `- \`maskPii(text)\` from components/pii, which is synchronous: one call runs on one core.`,
      `- Throughput: ${corpusLine} 1 MB = 1 000 000 bytes of UTF-8. One warm-up call, then`,
      `  ${THROUGHPUT_RUNS} timed calls per size; MB/s is given as the median, minimum and maximum of those calls,`,
      '  from wall-clock time (`performance.now()`); the CPU-time column uses `process.cpuUsage()`',
      '  (user + system of the whole process, so garbage collection on helper threads counts too).',
      '- Linearity: the median time per MB at each size divided by that at 1 MB.',
      '- For scale, 1 MB of the ordinary sentences alone and of the PII sentences alone are measured the same way.',
      `- Adversarial inputs: ${ADVERSARIAL_CHARACTERS.toLocaleString('en-US')} ASCII characters each (≈ 100 KB), one warm-up call, then`,
      `  ${ADVERSARIAL_RUNS} timed calls (median, min, max of wall-clock time). Each is also timed at ${SCALING_FACTOR}× the size:`,
      '  the last column is the time per character there over that at 100 KB (about 1 when linear,',
      '  about 4 when quadratic).',
      `- Goals (reported, not asserted): at least ${GOAL_MB_PER_S} MB/s and linear; no adversarial input over`,
      `  ${GOAL_MS_PER_100_KB} ms per 100 KB.`,
      '- Other processes were not stopped: the machine is shared, so wall-clock figures can be',
      '  noisy; compare the minimum and the CPU-time column.',
      '',
      '## Machine',
      '',
      ...machine(loadAtStart),
      '',
      report,
      '',
      '## Summary',
      '',
      `- Lowest median throughput on the mixed corpus: ${fixed(lowestMedian)} MB/s (goal ${GOAL_MB_PER_S} MB/s: ` +
        `${lowestMedian >= GOAL_MB_PER_S ? 'met' : 'not met'}).`,
      ...ratioLines(throughput),
      `- Adversarial inputs over ${GOAL_MS_PER_100_KB} ms per 100 KB: ${slow.length === 0 ? 'none' : slow.map((row) => row.name).join('; ')}.`,
      '',
    ].join('\n');
    writeFileSync(RESULTS_FILE, results);
    console.log(`\nWrote ${RESULTS_FILE}`);
  }

  if (problems.length > 0) {
    console.error(`\nBenchmark check failed:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
    process.exitCode = 1;
  }
}

main();

/**
 * Fuzz harness: mutants of the test fixtures (byte flips, chunk deletions and duplications,
 * truncations), run in batches through the real CLI (dist/, as users run it). Deterministic: the same
 * --seed and --count give the same mutants.
 *
 *   npm run fuzz -- --count 1000 --seed 7 [--batch 50] [--concurrency 2] [--timeout 30] [--max-memory 1024]
 *                   [--ocr never|auto|always] [--keep DIR] [--report FILE.json]
 *
 * Fails (exit 1) when a batch crashes (exit code other than 0, no manifest), hangs (runs past the time
 * its documents' timeouts allow), leaves a mutant out of the manifest, or reports a code that is not
 * one of src/errors.ts's. Prints counts: batch crashes and hangs, document processes that crashed,
 * documents that timed out, clean failures by code, ok. Mutants that crashed their process, timed out,
 * or failed with an unhandled error are copied to --keep (default: a folder in the system temp dir),
 * named after what they trigger, to be kept as fixtures (test/fixtures/fuzz/).
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOCUMENT_ERROR_CODES } from '../src/errors.js';
import buildIfStale from './build-if-stale.js';
import { prng } from './prng.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

/** Fixtures to mutate, with a weight (small, fast text PDFs more often than the 36-page report). */
export const SOURCES: [string, number][] = [
  ['other-dept-2019.pdf', 4],
  ['owner-password-only.pdf', 3],
  ['bad-user-password.pdf', 1],
  ['not-a-report.pdf', 1],
  ['garbled-text-layer.pdf', 1],
  ['bad-no-pages.pdf', 1],
  ['template-2024.pdf', 1],
  ['urumqi-gxj-2021.pdf', 1],
];

export interface FuzzOptions {
  count: number;
  seed: number;
  /** mutants per CLI batch */
  batch?: number;
  concurrency?: number;
  /** per document, seconds (the CLI's --timeout) */
  timeout?: number;
  /** per document, MB (the CLI's --max-memory) */
  maxMemory?: number;
  ocr?: 'never' | 'auto' | 'always';
  /** where to copy interesting mutants */
  keep?: string;
  /** a JSON file listing every mutant with its mutations and outcome */
  report?: string;
  log?: (line: string) => void;
}

export interface FuzzReport {
  mutants: number;
  batches: number;
  /** batches that exited with a code other than 0 or wrote no manifest */
  batchCrashes: number;
  /** batches that ran past the time their documents' timeouts allow */
  batchHangs: number;
  /** mutants missing from their batch's manifest */
  missing: number;
  /** codes outside src/errors.ts's list, with how many times */
  unknownCodes: Record<string, number>;
  ok: number;
  /** failed documents by code (crashed and timeout included) */
  failures: Record<string, number>;
  kept: string[];
  seconds: number;
  passed: boolean;
  /** every mutant: name, mutations, outcome (ok or the code) and message */
  outcomes: { name: string; ops: string[]; outcome: string; message?: string }[];
}

export interface Mutant {
  name: string;
  source: string;
  ops: string[];
  bytes: Buffer;
}

/** Mutant `index` of the run `seed`: one to three mutations of one fixture, the same every time. */
export function mutant(seed: number, index: number, sources: Map<string, Buffer>): Mutant {
  const rand = prng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const int = (n: number) => Math.floor(rand() * n);
  const total = SOURCES.reduce((a, [, w]) => a + w, 0);
  let pick = rand() * total;
  const [source] = SOURCES.find(([, w]) => (pick -= w) < 0) ?? SOURCES[0];
  let b = Buffer.from(sources.get(source)!);
  const ops: string[] = [];
  const n = 1 + int(3);
  for (let k = 0; k < n && b.length > 1; k++) {
    const kind = int(4);
    if (kind === 0) {
      const flips = 1 + int(16);
      for (let f = 0; f < flips; f++) b[int(b.length)] ^= 1 + int(255);
      ops.push(`flip${flips}`);
    } else if (kind === 1) {
      const at = int(b.length);
      const len = 1 + int(Math.min(4096, Math.max(1, b.length >> 2)));
      b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + len))]);
      ops.push(`del${len}@${at}`);
    } else if (kind === 2) {
      const at = int(b.length);
      const len = 1 + int(Math.min(4096, b.length - at));
      const to = int(b.length);
      const chunk = Buffer.from(b.subarray(at, at + len));
      b = Buffer.concat([b.subarray(0, to), chunk, b.subarray(to)]);
      ops.push(`dup${len}@${at}>${to}`);
    } else {
      const at = 1 + int(b.length - 1);
      b = b.subarray(0, at);
      ops.push(`cut@${at}`);
    }
  }
  return { name: `m${String(index).padStart(5, '0')}-${source.replace(/\.pdf$/, '')}.pdf`, source, ops, bytes: b };
}

interface BatchRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  hung: boolean;
  stderr: string;
}

function runCli(args: string[], limitMs: number): Promise<BatchRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => (stderr = (stderr + s).slice(-4000)));
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, hung, stderr });
    });
  });
}

/** What a kept mutant is named for: what it made the reader do. */
function trigger(code: string, message: string): string | undefined {
  if (/读取时未处理的异常/.test(message)) return `unhandled-${code}`;
  if (code === 'crashed' || code === 'timeout' || code === 'internal' || code === 'write_failed') return code;
  return undefined;
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const log = opts.log ?? ((s: string) => process.stdout.write(s + '\n'));
  const t0 = performance.now();
  const batchSize = Math.max(1, opts.batch ?? 50);
  const timeout = opts.timeout ?? 30;
  const concurrency = opts.concurrency ?? 2;
  const keep = opts.keep ?? path.join(os.tmpdir(), `juesuan-fuzz-kept-${opts.seed}`);
  const sources = new Map<string, Buffer>();
  for (const [f] of SOURCES) sources.set(f, await readFile(path.join(FIXTURES, f)));
  const known = new Set<string>(DOCUMENT_ERROR_CODES);
  const report: FuzzReport = { mutants: 0, batches: 0, batchCrashes: 0, batchHangs: 0, missing: 0, unknownCodes: {}, ok: 0, failures: {}, kept: [], seconds: 0, passed: false, outcomes: [] };
  const work = await mkdtemp(path.join(os.tmpdir(), 'juesuan-fuzz-'));
  try {
    for (let start = 0; start < opts.count; start += batchSize) {
      const dir = path.join(work, `b${start}`, 'in');
      const out = path.join(work, `b${start}`, 'out');
      await mkdir(dir, { recursive: true });
      const mutants: Mutant[] = [];
      for (let i = start; i < Math.min(opts.count, start + batchSize); i++) {
        const m = mutant(opts.seed, i, sources);
        mutants.push(m);
        await writeFile(path.join(dir, m.name), m.bytes);
      }
      report.mutants += mutants.length;
      report.batches++;
      // every document may use its whole timeout, `concurrency` at a time, plus start-up and writing
      const limitMs = (Math.ceil(mutants.length / concurrency) * timeout + 120) * 1000;
      const args = ['extract', dir, '--out', out, '--concurrency', String(concurrency), '--timeout', String(timeout), '--max-memory', String(opts.maxMemory ?? 1024), '--ocr', opts.ocr ?? 'never', '--no-progress'];
      const run = await runCli(args, limitMs);
      const label = `batch ${report.batches} (mutants ${start}-${start + mutants.length - 1})`;
      if (run.hung) {
        report.batchHangs++;
        log(`HANG  ${label}: still running after ${limitMs / 1000} s`);
        continue;
      }
      const manifest = await readFile(path.join(out, 'manifest.json'), 'utf8').then(
        (t) => JSON.parse(t) as { documents: { file: string; status: string; error: { code: string; message: string } | null }[] },
        () => undefined,
      );
      if (run.code !== 0 || !manifest) {
        report.batchCrashes++;
        log(`CRASH ${label}: exit ${run.code ?? run.signal}${manifest ? '' : ', no manifest'}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
        continue;
      }
      const byName = new Map(manifest.documents.map((d) => [path.basename(d.file), d]));
      for (const m of mutants) {
        const d = byName.get(m.name);
        if (!d) {
          report.missing++;
          report.outcomes.push({ name: m.name, ops: m.ops, outcome: 'missing' });
          log(`MISSING ${m.name} (${m.ops.join(' ')}) is not in the manifest of ${label}`);
          continue;
        }
        if (d.status === 'ok') {
          report.ok++;
          report.outcomes.push({ name: m.name, ops: m.ops, outcome: 'ok' });
          continue;
        }
        const code = d.error?.code ?? '(none)';
        report.outcomes.push({ name: m.name, ops: m.ops, outcome: code, message: d.error?.message });
        report.failures[code] = (report.failures[code] ?? 0) + 1;
        if (!known.has(code)) {
          report.unknownCodes[code] = (report.unknownCodes[code] ?? 0) + 1;
          log(`UNKNOWN code ${code}: ${m.name} (${m.ops.join(' ')}): ${d.error?.message}`);
        }
        const why = trigger(code, d.error?.message ?? '');
        if (why) {
          await mkdir(keep, { recursive: true });
          const kept = path.join(keep, `${why}-${m.name}`);
          await copyFile(path.join(dir, m.name), kept);
          report.kept.push(kept);
          log(`kept  ${kept} (${m.ops.join(' ')}): ${d.error?.message}`);
        }
      }
      await rm(path.join(work, `b${start}`), { recursive: true, force: true });
      log(`${label}: ${mutants.length} mutants, ${[...byName.values()].filter((d) => d.status === 'ok').length} ok (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  report.seconds = Math.round((performance.now() - t0) / 100) / 10;
  report.passed = report.batchCrashes === 0 && report.batchHangs === 0 && report.missing === 0 && Object.keys(report.unknownCodes).length === 0;
  if (opts.report) await writeFile(opts.report, JSON.stringify(report, null, 2) + '\n');
  return report;
}

export function summary(r: FuzzReport): string {
  const byCode = Object.entries(r.failures)
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  return [
    `fuzz: ${r.mutants} mutants in ${r.batches} batches, ${r.seconds} s`,
    `  batch crashes ${r.batchCrashes}, batch hangs ${r.batchHangs}, missing from the manifest ${r.missing}, unknown codes ${Object.keys(r.unknownCodes).length}`,
    `  document processes crashed ${r.failures.crashed ?? 0}, documents timed out ${r.failures.timeout ?? 0}`,
    `  ok ${r.ok}; failed by code: ${byCode || 'none'}`,
    `  kept ${r.kept.length}${r.kept.length ? ` (${path.dirname(r.kept[0])})` : ''}`,
    r.passed ? 'PASS' : 'FAIL',
  ].join('\n');
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildIfStale();
  const num = (name: string, dflt?: number) => (arg(name) === undefined ? dflt : Number(arg(name)));
  const report = await runFuzz({
    count: num('count', 100)!,
    seed: num('seed', 1)!,
    batch: num('batch'),
    concurrency: num('concurrency'),
    timeout: num('timeout'),
    maxMemory: num('max-memory'),
    ocr: arg('ocr') as FuzzOptions['ocr'],
    keep: arg('keep'),
    report: arg('report'),
  });
  process.stdout.write(summary(report) + '\n');
  process.exitCode = report.passed ? 0 : 1;
}

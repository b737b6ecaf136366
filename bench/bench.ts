/**
 * `npm run bench`: juesuan against the floor it stands on, as ratios (issue 13):
 *  - one text report: the whole `juesuan extract` process against a bare pdf.js getTextContent script
 *    (bench/bare-text.mjs) over the same file;
 *  - a batch of 50 files (copies of the text fixtures) with 1 and 2 document processes against one bare
 *    single-threaded pdf.js pass over the same files;
 *  - OCR seconds per page against native tesseract on the same page images (bench/ocr.ts; when tesseract
 *    with chi_sim is installed), with 1 and 2 workers;
 *  - peak RSS of each.
 * The machine may be shared: every comparison is paired (each round runs both sides, in alternating
 * order) and the figures are medians; the ratio is the median of the rounds' ratios. CPU time (user + sys
 * of the whole process tree) is less sensitive to load than wall time; instruction counts are not at all:
 * they come from `perf stat` where the machine supports it, or with --instructions from callgrind (slow).
 * Printed, never asserted.
 *
 * With --against <checkout> (another checkout of juesuan with its dist/ built, e.g. main), its CLI runs
 * in the same rounds, so before and after are paired too.
 *
 *   npm run bench -- [report.pdf] [--rounds 5] [--batch-rounds 3] [--files 50] [--no-batch] [--no-ocr] [--instructions] [--against <checkout>]
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import buildIfStale from '../scripts/build-if-stale.js';

const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const flag = (name: string) => args.includes(`--${name}`);
const report = path.resolve(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? path.join(root, 'test/fixtures/urumqi-gxj-2021.pdf'));
const againstAt = args.indexOf('--against');
const against = againstAt >= 0 ? path.resolve(args[againstAt + 1]) : undefined;
const rounds = opt('rounds', 5);
const batchRounds = opt('batch-rounds', 3);
const batchFiles = opt('files', 50);

buildIfStale();
const cli = path.join(root, 'dist/cli/main.js');
const bare = path.join(root, 'bench/bare-text.mjs');
const refCli = against ? path.join(against, 'dist/cli/main.js') : undefined;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'juesuan-bench-'));

interface Run {
  wall: number;
  cpu: number | null;
  rssMb: number | null;
  instructions: number | null;
}

const hasTime = existsSync('/usr/bin/time');
const perfOk = (() => {
  const p = spawnSync('perf', ['stat', '-x,', '-e', 'instructions:u', 'true'], { encoding: 'utf8' });
  return p.status === 0 && /^\d+,/m.test(p.stderr ?? '');
})();

/** One run of a command: wall clock, CPU and peak RSS of its process tree (GNU time), instructions (perf). */
function measure(cmd: string[]): Run {
  const timeOut = path.join(tmp, 'time.txt');
  const perfOut = path.join(tmp, 'perf.txt');
  let argv = cmd;
  if (perfOk) argv = ['perf', 'stat', '-x,', '-e', 'instructions:u', '-o', perfOut, '--', ...argv];
  if (hasTime) argv = ['/usr/bin/time', '-o', timeOut, '-f', '%U %S %M', ...argv];
  const t0 = performance.now();
  const p = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  // exit 1: some documents failed (a fixture that is no report): still a measured run
  if (p.status !== 0 && p.status !== 1) throw new Error(`${cmd.join(' ')}: exit ${p.status}\n${p.stderr}`);
  let cpu: number | null = null;
  let rssMb: number | null = null;
  if (hasTime) {
    const [u, s, m] = readFileSync(timeOut, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    cpu = u + s;
    rssMb = m / 1024;
  }
  const instructions = perfOk ? Number(/^(\d+),/m.exec(readFileSync(perfOut, 'utf8'))?.[1] ?? NaN) : null;
  return { wall, cpu, rssMb, instructions };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Rounds of every command, the order rotating each round; per command the medians, per pair the median ratio. */
function paired(cmds: Record<string, string[]>, n: number): Record<string, Run[]> {
  const names = Object.keys(cmds);
  const runs: Record<string, Run[]> = Object.fromEntries(names.map((k) => [k, []]));
  for (let r = 0; r < n; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    for (const k of order) runs[k].push(measure(cmds[k]));
  }
  return runs;
}

const fmt = (x: number | null, unit: string, digits = 2) => (x === null || !Number.isFinite(x) ? 'n/a' : `${x.toFixed(digits)}${unit}`);
function line(label: string, rs: Run[]): string {
  const m = (f: (r: Run) => number | null) => (rs[0] && f(rs[0]) !== null ? median(rs.map((r) => f(r)!)) : null);
  const ins = m((r) => r.instructions);
  return `  ${label.padEnd(40)} wall ${fmt(m((r) => r.wall), ' s').padStart(8)}  CPU ${fmt(m((r) => r.cpu), ' s').padStart(8)}  peak RSS ${fmt(m((r) => r.rssMb), ' MB', 0).padStart(7)}${ins !== null ? `  ${(ins / 1e9).toFixed(2)} G instructions` : ''}`;
}
function ratio(label: string, a: Run[], b: Run[], target = ''): string {
  const r = (f: (x: Run) => number | null) => (a[0] && f(a[0]) !== null ? median(a.map((x, i) => f(x)! / f(b[i])!)) : null);
  const ins = r((x) => x.instructions);
  return `  ${label.padEnd(40)} wall ${fmt(r((x) => x.wall), '×').padStart(8)}  CPU ${fmt(r((x) => x.cpu), '×').padStart(8)}  peak RSS ${fmt(r((x) => x.rssMb), '×').padStart(7)}${ins !== null ? `  instructions ${ins.toFixed(2)}×` : ''}${target ? `   (${target})` : ''}`;
}

function pagesOf(files: string[]): number {
  return Number(spawnSync(process.execPath, [bare, ...files], { encoding: 'utf8' }).stdout.trim());
}

try {
  console.log(`juesuan bench: ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)} at the start; medians of paired rounds (each round runs every side, order rotating), ratio = median of the rounds' ratios`);
  console.log(
    `  measured: wall clock; ${hasTime ? 'CPU = user + sys of the whole process tree and peak RSS = the largest process of it (GNU time)' : 'no /usr/bin/time: no CPU or RSS (apt-get install time)'}; ` +
      (perfOk ? 'instructions (perf stat -e instructions:u), independent of the load' : 'perf stat -e instructions not supported on this machine: CPU time is the least load-dependent figure here (--instructions counts them with callgrind, slowly)'),
  );

  // One report, whole processes.
  const out1 = path.join(tmp, 'one');
  const pages1 = pagesOf([report]);
  console.log(`\none report: ${path.relative(root, report)}, ${pages1} pages, ${rounds} rounds`);
  const extractOne = (c: string) => [process.execPath, c, 'extract', report, '-o', out1, '--no-progress', '-c', '1'];
  const one = paired({ juesuan: extractOne(cli), bare: [process.execPath, bare, report], ...(refCli ? { ref: extractOne(refCli) } : {}) }, rounds);
  console.log(line('juesuan extract (whole process)', one.juesuan));
  if (refCli) console.log(line(`  the same, ${path.basename(against!)}`, one.ref));
  console.log(line('bare pdf.js getTextContent', one.bare));
  console.log(ratio('juesuan / bare', one.juesuan, one.bare, 'target ≤ 2× as whole processes'));
  if (refCli) {
    console.log(ratio(`  ${path.basename(against!)} / bare`, one.ref, one.bare));
    console.log(ratio(`juesuan / ${path.basename(against!)}`, one.juesuan, one.ref));
  }

  if (!flag('no-batch')) {
    // The batch: copies of the text fixtures that are reports (no scans: OCR is measured below).
    const dir = path.join(tmp, 'batch');
    const fixtures = path.join(root, 'test/fixtures');
    const sources = readdirSync(fixtures)
      .filter((f) => f.endsWith('.pdf') && !/^(bad-|not-a-report|garbled|scanned)|scan\d/.test(f))
      .sort();
    spawnSync('mkdir', ['-p', dir]);
    const files = Array.from({ length: batchFiles }, (_, i) => {
      const to = path.join(dir, `${String(i + 1).padStart(2, '0')}-${sources[i % sources.length]}`);
      copyFileSync(path.join(fixtures, sources[i % sources.length]), to);
      return to;
    });
    const pagesB = pagesOf(files);
    console.log(`\nbatch: ${files.length} files, ${pagesB} pages (copies of ${sources.length} text fixtures), ${batchRounds} rounds`);
    const outB = path.join(tmp, 'batch-out');
    const extractAll = (c: string, n: number) => [process.execPath, c, 'extract', dir, '-o', outB, '--no-progress', '-c', String(n)];
    const b = paired(
      {
        bare: [process.execPath, bare, ...files],
        c1: extractAll(cli, 1),
        c2: extractAll(cli, 2),
        ...(refCli ? { r1: extractAll(refCli, 1), r2: extractAll(refCli, 2) } : {}),
      },
      batchRounds,
    );
    const pps = (rs: Run[]) => `${(pagesB / median(rs.map((r) => r.wall))).toFixed(0)} pages/s`;
    console.log(`${line('bare pdf.js pass (1 process)', b.bare)}  ${pps(b.bare)}`);
    console.log(`${line('juesuan --concurrency 1', b.c1)}  ${pps(b.c1)}`);
    console.log(`${line('juesuan --concurrency 2', b.c2)}  ${pps(b.c2)}`);
    console.log(ratio('--concurrency 1 / bare', b.c1, b.bare));
    console.log(ratio('--concurrency 2 / bare', b.c2, b.bare, 'target wall ≤ 1.5× the bare single-threaded pass'));
    console.log(ratio('--concurrency 2 / --concurrency 1', b.c2, b.c1));
    if (refCli) {
      const ref = path.basename(against!);
      console.log(`${line(`--concurrency 1, ${ref}`, b.r1)}  ${pps(b.r1)}`);
      console.log(`${line(`--concurrency 2, ${ref}`, b.r2)}  ${pps(b.r2)}`);
      console.log(ratio(`  ${ref} --concurrency 1 / bare`, b.r1, b.bare));
      console.log(ratio(`  ${ref} --concurrency 2 / bare`, b.r2, b.bare));
      console.log(ratio(`--concurrency 1: juesuan / ${ref}`, b.c1, b.r1));
      console.log(ratio(`--concurrency 2: juesuan / ${ref}`, b.c2, b.r2));
    }
  }

  if (flag('instructions')) {
    // callgrind counts every instruction of every process of the tree: independent of the load, ~50× slower
    const cg = (cmd: string[], name: string): number => {
      const d = path.join(tmp, `cg-${name}`);
      spawnSync('mkdir', ['-p', d]);
      spawnSync('valgrind', ['--tool=callgrind', '--trace-children=yes', `--callgrind-out-file=${d}/cg.%p`, ...cmd], { encoding: 'utf8', maxBuffer: 1 << 26 });
      return readdirSync(d).reduce((sum, f) => sum + Number(/^(?:summary|totals): (\d+)/m.exec(readFileSync(path.join(d, f), 'utf8'))?.[1] ?? 0), 0);
    };
    const a = cg([process.execPath, cli, 'extract', report, '-o', out1, '--no-progress', '-c', '1'], 'juesuan');
    const z = cg([process.execPath, bare, report], 'bare');
    console.log(`\ninstructions (valgrind --tool=callgrind, every process): juesuan ${(a / 1e9).toFixed(2)} G, bare ${(z / 1e9).toFixed(2)} G, ratio ${(a / z).toFixed(2)}×`);
  }

  // OCR: bench/ocr.ts on three pages of the 300 dpi scan, pools of 1 and 2, native tesseract if installed.
  const scan = path.join(root, 'test/fixtures/urumqi-gxj-2021-scan300.pdf');
  if (!flag('no-ocr') && existsSync(scan)) {
    console.log('\nOCR (bench/ocr.ts, pages 3-5 of the 300 dpi scan; peak RSS of the process with its tesseract workers):');
    const p = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/ocr.ts'), scan, '--reference', path.join(root, 'test/fixtures/urumqi-gxj-2021.pdf'), '--pages', '3-5', '--pools', '1,2', '--native', '3'], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
    const lines = p.stdout.split('\n');
    for (const l of lines) if (/^(pool|whole-page|native|tesseract)/.test(l)) console.log(`  ${l}`);
    const sPer = (n: number) => Number(new RegExp(`^pool ${n}: .*= ([\\d.]+) s/page`, 'm').exec(p.stdout)?.[1]);
    if (sPer(1) && sPer(2)) console.log(`  speed-up with 2 workers: ${(sPer(1) / sPer(2)).toFixed(2)}× (target ≥ 1.7× on 2 cores)`);
    const native = /ratio ([\d.]+)/.exec(lines.find((l) => l.startsWith('whole-page')) ?? '');
    if (native) console.log(`  tesseract.js / native tesseract: ${native[1]}× per page (target ≤ 1.5×)`);
    if (p.status !== 0) console.log(`  bench/ocr.ts failed (exit ${p.status}): ${p.stderr.trim().split('\n').pop()}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

// Queue mode beside the local batch (bench/batch.ts: 50 text PDFs, 1 and 2 processes, 2 queue workers; needs redis-server).
console.log('\nbatch and queue mode (bench/batch.ts, 50 text PDFs; the machine may be shared: compare the ratios):');
const batch = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/batch.ts')], { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
for (const line of batch.stdout.trim().split('\n')) console.log(`  ${line}`);
if (batch.status !== 0) console.log(`  bench/batch.ts failed (exit ${batch.status}): ${batch.stderr.trim().split('\n').pop()}`);

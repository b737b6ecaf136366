/**
 * The batch figures of `npm run bench` (issues 11 and 13): 50 text PDFs (the text fixtures, copied under
 * 50 names) read by `juesuan extract` with 1 and 2 document processes, beside bare pdfjs-dist
 * getTextContent over the same files in the same run (the ratio is what matters on a shared machine), peak
 * RSS of each document process (the pool's 0.1 s polls, in the manifest), and, when redis-server is
 * installed, queue mode with 2 workers. Timings are printed, never asserted.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cliJs = path.join(root, 'dist/cli/main.js');
const SOURCES = ['urumqi-gxj-2021.pdf', 'other-dept-2019.pdf', 'putuo-shgzb-2024.pdf', 'nt-qinglan-2023.pdf', 'nt-qinglan-2023-word.pdf', 'nt-qinglan-2023-planted.pdf', 'owner-password-only.pdf', 'template-2024.pdf'];
const COUNT = Number(process.env.BENCH_FILES ?? 50);

const tmp = await mkdtemp(path.join(os.tmpdir(), 'juesuan-bench-'));
const files: string[] = [];
for (let i = 0; i < COUNT; i++) {
  const f = path.join(tmp, 'in', `${String(i).padStart(2, '0')}-${SOURCES[i % SOURCES.length]}`);
  await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(f), { recursive: true }));
  await copyFile(path.join(root, 'test/fixtures', SOURCES[i % SOURCES.length]), f);
  files.push(f);
}

const bare = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench/bare-pdfjs.ts'), ...files], { encoding: 'utf8' }).trim()) as { pages: number; seconds: number; peakRssMb: number };
console.log(`bare pdfjs ${COUNT} files, ${bare.pages} pages: ${bare.seconds.toFixed(1)} s = ${(bare.pages / bare.seconds).toFixed(0)} pages/s (one process, getTextContent only), peak RSS ${bare.peakRssMb.toFixed(0)} MB`);

interface Entry {
  pages: number | null;
  peak_rss_mb: number | null;
  status: string;
}
async function manifest(out: string): Promise<Entry[]> {
  return (JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { documents: Entry[] }).documents;
}
const line = (what: string, seconds: number, docs: Entry[]) => {
  const pages = docs.reduce((a, d) => a + (d.pages ?? 0), 0);
  const rss = Math.max(...docs.map((d) => d.peak_rss_mb ?? 0));
  const ok = docs.filter((d) => d.status === 'ok').length;
  console.log(`${what}: ${ok}/${docs.length} ok, ${pages} pages in ${seconds.toFixed(1)} s = ${(pages / seconds).toFixed(0)} pages/s, ${(seconds / bare.seconds).toFixed(2)}x the bare pdfjs pass; peak RSS per document process ${rss} MB`);
};

for (const n of [1, 2]) {
  const out = path.join(tmp, `out-${n}`);
  const t0 = performance.now();
  execFileSync(process.execPath, [cliJs, 'extract', path.join(tmp, 'in'), '--out', out, '--concurrency', String(n), '--ocr', 'never', '--no-progress'], { stdio: 'ignore' });
  line(`extract --concurrency ${n}`, (performance.now() - t0) / 1000, await manifest(out));
}

if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) {
  console.log('queue mode: redis-server not installed (apt-get install redis-server): not measured');
} else {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const url = `redis://127.0.0.1:${port}`;
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  try {
    await new Promise((r) => setTimeout(r, 500));
    const out = path.join(tmp, 'out-queue');
    execFileSync(process.execPath, [cliJs, 'queue', 'add', path.join(tmp, 'in'), '--out', out, '--redis', url], { stdio: 'ignore' });
    const { Queue } = await import('bullmq');
    const q = new Queue('juesuan', { connection: { url } });
    const t0 = performance.now();
    const workers = [0, 1].map(() => spawn(process.execPath, [cliJs, 'worker', '--out', out, '--redis', url, '--concurrency', '1', '--ocr', 'never'], { stdio: 'ignore' }));
    for (;;) {
      const c = await q.getJobCounts('completed', 'failed');
      if ((c.completed ?? 0) + (c.failed ?? 0) >= COUNT) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (performance.now() - t0) / 1000;
    await q.close();
    await Promise.all(workers.map((w) => new Promise((r) => (w.on('exit', r), w.kill('SIGTERM')))));
    line('queue mode, 2 workers × 1', seconds, await manifest(out));
  } finally {
    redis.kill('SIGKILL');
  }
}
await rm(tmp, { recursive: true, force: true });

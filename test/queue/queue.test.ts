/**
 * Queue mode against a real Redis: `queue add`, two `juesuan worker` processes on one queue writing into
 * one store, a document that crashes its process retried with backoff and failed after the last attempt,
 * `queue status`. Needs redis-server (Debian package redis-server; .ci/run installs it): skipped with a
 * message when it is not installed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, root } from '../helpers/cli.js';

const hasRedis = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).status === 0;
if (!hasRedis) console.warn('test/queue: redis-server is not installed (apt-get install redis-server): queue mode tests skipped');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

it('queue status: a Redis that cannot be reached is one line and exit 69', async () => {
  const r = await cli(['queue', 'status', '--redis', `redis://127.0.0.1:${await freePort()}`]);
  expect(r.code).toBe(69);
  expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^juesuan queue status: cannot connect to Redis at redis:\/\/127\.0\.0\.1:\d+/)]);
}, 30_000);

describe.skipIf(!hasRedis)('two workers on one queue', () => {
  let tmp: string;
  let redis: ChildProcess;
  let url: string;
  const workers: { proc: ChildProcess; stdout: string; exit: Promise<number | null> }[] = [];
  let seconds = 0;
  let finalStatus = '';

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'juesuan-queue-'));
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      redis.stdout!.setEncoding('utf8').on('data', (s: string) => {
        out += s;
        if (/Ready to accept connections/.test(out)) resolve();
      });
      redis.on('exit', (c) => reject(new Error(`redis-server exited (${c}): ${out}`)));
    });
    await mkdir(path.join(tmp, 'in'));
    for (const n of ['a.pdf', 'b.pdf', 'c.pdf', 'crash.pdf']) await copyFile(fixture('owner-password-only.pdf'), path.join(tmp, 'in', n));
    await copyFile(fixture('other-dept-2019.pdf'), path.join(tmp, 'in', 'd.pdf'));
    await copyFile(fixture('bad-not-a-pdf.pdf'), path.join(tmp, 'in', 'bad.pdf'));
  }, 30_000);

  afterAll(async () => {
    for (const w of workers) w.proc.kill('SIGKILL');
    redis?.kill('SIGKILL');
  });

  it('takes every job once, retries the crashing document and fails it after the last attempt', async () => {
    const t0 = performance.now();
    const add = await cli(['queue', 'add', 'in', '--out', 'out', '--redis', url, '--attempts', '2', '--backoff', '0.2'], { cwd: tmp });
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/^已加入队列 6 个文件（/);
    const again = await cli(['queue', 'add', 'in', '--out', 'out', '--redis', url], { cwd: tmp });
    expect(again.stdout).toMatch(/^已加入队列 0 个文件，6 个已在队列中/);
    for (let i = 0; i < 2; i++) {
      const proc = spawn(process.execPath, [path.join(root, 'dist/cli/main.js'), 'worker', '--out', 'elsewhere', '--redis', url, '--concurrency', '1', '--ocr', 'never'], {
        cwd: tmp,
        env: { ...process.env, JUESUAN_TEST_FAULTS: JSON.stringify({ 'crash.pdf': 'crash' }) },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const w = { proc, stdout: '', exit: new Promise<number | null>((resolve) => proc.on('exit', (c) => resolve(c))) };
      proc.stdout!.setEncoding('utf8').on('data', (s: string) => (w.stdout += s));
      workers.push(w);
    }
    for (let i = 0; i < 600; i++) {
      const s = await cli(['queue', 'status', '--redis', url]);
      finalStatus = s.stdout;
      if (/^waiting 0, active 0, done 5, failed 1, delayed 0/.test(s.stdout)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    seconds = (performance.now() - t0) / 1000;
    for (const w of workers) w.proc.kill('SIGTERM');
    const codes = await Promise.all(workers.map((w) => w.exit));
    console.info(`queue: 6 jobs, 2 workers × 1 document, ${seconds.toFixed(1)} s from queue add to all settled\n$ juesuan queue status\n${finalStatus}` + workers.map((w, i) => `--- worker ${i + 1}\n${w.stdout}`).join(''));
    expect(codes).toEqual([0, 0]);
    expect(finalStatus).toMatch(/^waiting 0, active 0, done 5, failed 1, delayed 0/);
    expect(finalStatus).toMatch(/^FAIL .*crash\.pdf: .*SIGABRT.*（尝试 2 次）$/m);
    const lines = workers.flatMap((w) => w.stdout.split('\n'));
    // each good document read exactly once, by one worker or the other
    for (const n of ['a', 'b', 'c', 'd']) expect(lines.filter((l) => l.startsWith(`ok   ${path.join(tmp, 'in', n)}.pdf:`)), n).toHaveLength(1);
    expect(lines.filter((l) => /crash\.pdf: .*将重试/.test(l))).toHaveLength(1);
  }, 240_000);

  it('writes one store with every document, the corpus files rebuilt from it', async () => {
    const m = JSON.parse(await readFile(path.join(tmp, 'out', 'manifest.json'), 'utf8')) as { documents: { doc_id: string; status: string; path: string; error: { code: string } | null }[] };
    expect(m.documents.map((d) => [d.doc_id, d.status, d.error?.code ?? null, d.path])).toEqual([
      ['a', 'ok', null, 'in/a.pdf'],
      ['b', 'ok', null, 'in/b.pdf'],
      ['bad', 'failed', 'not_pdf', 'in/bad.pdf'],
      ['c', 'ok', null, 'in/c.pdf'],
      ['crash', 'failed', 'crashed', 'in/crash.pdf'],
      ['d', 'ok', null, 'in/d.pdf'],
    ]);
    const facts = await readFile(path.join(tmp, 'out', 'facts.csv'), 'utf8');
    for (const id of ['a', 'b', 'c', 'd']) expect(facts, id).toMatch(new RegExp(`^${id},`, 'm'));
  });
});

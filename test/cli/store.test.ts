/**
 * The output folder as a corpus store, through the CLI: a rerun skips what is up to date, a run killed
 * with -9 or stopped with SIGTERM keeps every finished document with valid corpus files, and the next run
 * continues; review finds each PDF through the path it was read from and reviews a whole folder.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, root } from '../helpers/cli.js';

interface Entry {
  doc_id: string;
  file: string;
  path: string;
  sha256: string;
  status: string;
}

async function manifest(out: string): Promise<Entry[]> {
  const text = await readFile(path.join(out, 'manifest.json'), 'utf8').catch(() => undefined);
  return text ? (JSON.parse(text) as { documents: Entry[] }).documents : [];
}

/** Starts an extract, waits until the manifest (the journal) lists `ready` documents, then sends `signal`. */
async function runAndStop(args: string[], cwd: string, out: string, ready: string[], signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; listed: string[] }> {
  const child = spawn(process.execPath, [path.join(root, 'dist/cli/main.js'), ...args], { cwd, env: { ...process.env, JUESUAN_TEST_FAULTS: JSON.stringify({ 'hang.pdf': 'hang' }) } });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.resume();
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig })));
  let listed: string[] = [];
  for (let i = 0; i < 600; i++) {
    listed = (await manifest(out).catch(() => [])).filter((d) => d.status === 'ok').map((d) => d.doc_id);
    if (ready.every((r) => listed.includes(r))) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill(signal);
  return { ...(await exited), stdout, listed };
}

describe('the corpus store', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'juesuan-store-cli-'));
    await mkdir(path.join(tmp, 'in'));
    for (const n of ['a.pdf', 'b.pdf', 'hang.pdf']) await copyFile(fixture('owner-password-only.pdf'), path.join(tmp, 'in', n));
  });

  describe('killed with -9 while a document hangs, then run again', () => {
    let killed: Awaited<ReturnType<typeof runAndStop>>;
    let rerun: Awaited<ReturnType<typeof cli>>;
    beforeAll(async () => {
      killed = await runAndStop(['extract', 'in', '--out', 'out9', '--concurrency', '2', '--ocr', 'never'], tmp, path.join(tmp, 'out9'), ['a', 'b'], 'SIGKILL');
      console.info(`$ juesuan extract in --out out9   # kill -9 once a and b are listed\n${killed.stdout}(killed: ${killed.signal})`);
      rerun = await cli(['extract', 'in', '--out', 'out9', '--concurrency', '2', '--ocr', 'never'], { cwd: tmp });
      console.info(`$ juesuan extract in --out out9\n${rerun.stdout}${rerun.stderr}`);
    }, 180_000);

    it('keeps every finished document, with a valid manifest and corpus CSVs', () => {
      expect(killed.signal).toBe('SIGKILL');
      expect(killed.listed).toEqual(['a', 'b']);
    });

    it('continues where it stopped: the finished documents are skipped, the rest is read', async () => {
      expect(rerun.code).toBe(0);
      expect(rerun.stdout).toMatch(/^skip in\/a\.pdf: .*doc_id a/m);
      expect(rerun.stdout).toMatch(/^skip in\/b\.pdf: .*doc_id b/m);
      expect(rerun.stdout).toMatch(/^ok {3}in\/hang\.pdf: 3 页/m);
      const docs = await manifest(path.join(tmp, 'out9'));
      expect(docs.map((d) => [d.doc_id, d.status, d.path])).toEqual([
        ['a', 'ok', 'in/a.pdf'],
        ['b', 'ok', 'in/b.pdf'],
        ['hang', 'ok', 'in/hang.pdf'],
      ]);
      const facts = await readFile(path.join(tmp, 'out9', 'facts.csv'), 'utf8');
      const perDoc = (id: string) => facts.split('\n').filter((l) => l.startsWith(`${id},`)).length;
      expect(perDoc('a')).toBeGreaterThan(0);
      expect(perDoc('hang')).toBe(perDoc('a'));
      expect(facts.split('\n').filter((l) => l.startsWith('doc_id,'))).toHaveLength(1);
      const doc = JSON.parse(await readFile(path.join(tmp, 'out9', 'hang', 'document.json'), 'utf8')) as { source: { path: string; sha256: string } };
      expect(doc.source.path).toBe('in/hang.pdf');
      expect(doc.source.sha256).toBe(docs[2].sha256);
    });

    it('reads a document again with --force, and after its file changed', async () => {
      await copyFile(fixture('other-dept-2019.pdf'), path.join(tmp, 'in', 'b.pdf'));
      const r = await cli(['extract', 'in', '--out', 'out9', '--force', '--concurrency', '2', '--ocr', 'never'], { cwd: tmp });
      expect(r.stdout.match(/^ok /gm)).toHaveLength(3);
      const again = await cli(['extract', 'in', '--out', 'out9', '--ocr', 'never'], { cwd: tmp });
      expect(again.stdout.match(/^skip /gm)).toHaveLength(3);
      await copyFile(fixture('owner-password-only.pdf'), path.join(tmp, 'in', 'b.pdf'));
      const changed = await cli(['extract', 'in', '--out', 'out9', '--ocr', 'never'], { cwd: tmp });
      expect(changed.stdout).toMatch(/^ok {3}in\/b\.pdf: 3 页/m);
      expect(changed.stdout.match(/^skip /gm)).toHaveLength(2);
    }, 180_000);
  });

  it('stops on SIGTERM saying how far it got, and keeps what finished', async () => {
    const r = await runAndStop(['extract', 'in', '--out', 'outT', '--concurrency', '2', '--ocr', 'never'], tmp, path.join(tmp, 'outT'), ['a', 'b'], 'SIGTERM');
    console.info(`$ juesuan extract in --out outT   # SIGTERM once a and b are listed\n${r.stdout}(exit ${r.code})`);
    expect(r.code).toBe(143);
    expect(r.stdout).toMatch(/^interrupted: 2 of 3 done（SIGTERM）：共 3 个文件，已完成 2 个/m);
    expect((await manifest(path.join(tmp, 'outT'))).map((d) => d.doc_id)).toEqual(['a', 'b']);
    // the hung document left no folder and no temporary file
    expect((await readdir(path.join(tmp, 'outT'))).filter((f) => f === 'hang' || f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('keeps two files of one name apart, and reviews a whole folder finding each PDF by its path', async () => {
    await mkdir(path.join(tmp, 'y2023'));
    await mkdir(path.join(tmp, 'y2024'));
    await copyFile(fixture('owner-password-only.pdf'), path.join(tmp, 'y2023', '附件1.pdf'));
    await copyFile(fixture('other-dept-2019.pdf'), path.join(tmp, 'y2024', '附件1.pdf'));
    const r = await cli(['extract', 'y2023', 'y2024', '--out', 'outR', '--ocr', 'never'], { cwd: tmp });
    expect(r.code).toBe(0);
    const docs = await manifest(path.join(tmp, 'outR'));
    expect(docs.map((d) => [d.doc_id.replace(/[0-9a-f]{8}$/, 'SHA'), d.path])).toEqual([
      ['附件1', 'y2023/附件1.pdf'],
      ['附件1-SHA', 'y2024/附件1.pdf'],
    ]);
    expect(docs[1].doc_id).toBe(`附件1-${docs[1].sha256.slice(0, 8)}`);
    expect(r.stdout).toMatch(/y2024\/附件1\.pdf: .*warnings: doc_id_clash/);
    const review = await cli(['review', 'outR', '--out', 'rev', '--dpi', '36'], { cwd: tmp });
    expect(review.code, review.stdout + review.stderr).toBe(0);
    expect((await readdir(path.join(tmp, 'rev'))).sort()).toEqual(['附件1-' + docs[1].sha256.slice(0, 8) + '.html', '附件1.html'].sort());
  }, 180_000);
});

/**
 * Each document runs in a process of its own, with bounds: a document whose process crashes, exits,
 * hangs, rejects a promise nobody handles, or needs too much memory (a real FlateDecode bomb) fails
 * alone with its typed code, and the other documents of the batch come out ok.
 */
import { copyFile, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bombPdf } from '../../scripts/fixtures/bomb.js';
import { cli, fixture, type CliResult } from '../helpers/cli.js';

interface Entry {
  file: string;
  doc_id: string;
  status: string;
  error: { code: string; message: string } | null;
  records: { facts: number } | null;
}

async function manifest(out: string): Promise<Record<string, Entry>> {
  const m = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { documents: Entry[] };
  return Object.fromEntries(m.documents.map((d) => [path.basename(d.file), d]));
}

// Test-only faults of the document process, by file name (src/worker/child.ts).
const FAULTS = { 'crash.pdf': 'crash', 'exit.pdf': 'exit', 'hang.pdf': 'hang', 'reject.pdf': 'reject' };

describe('a batch where documents crash, hang, reject or blow up', () => {
  let tmp: string;
  let out: string;
  let r: CliResult;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'juesuan-isolation-'));
    const dir = path.join(tmp, 'in');
    out = path.join(tmp, 'out');
    await mkdir(dir);
    await copyFile(fixture('owner-password-only.pdf'), path.join(dir, 'a-ok.pdf'));
    await copyFile(fixture('other-dept-2019.pdf'), path.join(dir, 'z-ok.pdf'));
    for (const f of Object.keys(FAULTS)) await copyFile(fixture('owner-password-only.pdf'), path.join(dir, f));
    // 3 MB on disk, 3 GiB of zeros once inflated
    await writeFile(path.join(dir, 'bomb.pdf'), await bombPdf({ mib: 3072 }));
    r = await cli(['extract', dir, '--out', out, '--concurrency', '2', '--timeout', '10', '--max-memory', '400'], {
      env: { ...process.env, JUESUAN_TEST_FAULTS: JSON.stringify(FAULTS) },
      timeoutMs: 110_000,
    });
  }, 120_000);

  it('finishes, and records each failure with its code', async () => {
    expect(r.code, r.stderr).toBe(0);
    const m = await manifest(out);
    expect(Object.fromEntries(Object.entries(m).map(([f, d]) => [f, d.error?.code ?? d.status]))).toEqual({
      'a-ok.pdf': 'ok',
      'z-ok.pdf': 'ok',
      'crash.pdf': 'crashed',
      'exit.pdf': 'crashed',
      'hang.pdf': 'timeout',
      'reject.pdf': 'internal',
      'bomb.pdf': 'too_large',
    });
    expect(m['crash.pdf'].error!.message).toMatch(/进程意外终止（信号 SIGABRT）/);
    expect(m['hang.pdf'].error!.message).toMatch(/超过 10 秒（--timeout）/);
    expect(m['reject.pdf'].error!.message).toMatch(/读取时未处理的异常/);
    expect(m['bomb.pdf'].error!.message).toMatch(/内存超过 400 MB（--max-memory）/);
    for (const f of Object.keys(m)) expect(r.stdout).toContain(path.join(tmp, 'in', f));
  });

  it('writes the documents that were fine, and nothing for the others', async () => {
    const m = await manifest(out);
    expect(m['a-ok.pdf'].records!.facts).toBeGreaterThan(0);
    expect(m['z-ok.pdf'].records!.facts).toBeGreaterThan(0);
    const left = await readdir(out);
    expect(left).toEqual(expect.arrayContaining(['a-ok', 'z-ok', 'facts.csv', 'manifest.json']));
    for (const id of ['crash', 'exit', 'hang', 'reject', 'bomb']) expect(left).not.toContain(id);
    const facts = await readFile(path.join(out, 'facts.csv'), 'utf8');
    expect(facts).toMatch(/^a-ok,/m);
    expect(facts).toMatch(/^z-ok,/m);
  });
});

describe('size and page bounds', () => {
  it('fails a file larger than --max-size, or with more pages than --max-pages, before reading it', async () => {
    const out = await mkdtemp(path.join(os.tmpdir(), 'juesuan-bounds-'));
    // owner-password-only.pdf: 44 kB, 3 pages
    const big = await cli(['extract', fixture('owner-password-only.pdf'), '--out', out, '--max-size', '0.01']);
    expect((await manifest(out))['owner-password-only.pdf'].error).toMatchObject({ code: 'too_large', message: expect.stringMatching(/--max-size/) });
    expect(big.code).toBe(0);
    const pages = await cli(['extract', fixture('owner-password-only.pdf'), '--out', out, '--max-pages', '2']);
    expect((await manifest(out))['owner-password-only.pdf'].error).toMatchObject({ code: 'too_large', message: expect.stringMatching(/共 3 页，超过页数上限 2（--max-pages）/) });
    expect(pages.code).toBe(0);
  }, 60_000);
});

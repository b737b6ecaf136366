/**
 * Hostile file names and crafted extractions: nothing outside --out is written or deleted. Sentinel files
 * beside --out (and a symlink planted inside it that points back out) must survive an extract of files
 * named `...pdf`, `..pdf`, `.pdf`, with `\` escapes, and a review of crafted document.json files.
 */
import { copyFile, mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, type CliResult } from '../helpers/cli.js';

// `a\b.pdf` and `..\..\up.pdf` are single names on POSIX, separators on Windows.
const NAMES = ['...pdf', '..pdf', '.pdf', 'a\\b.pdf', '..\\..\\up.pdf', 'esc.pdf'];
const IDS: Record<string, string> = { '...pdf': '_..', '..pdf': '_.', '.pdf': '_', 'a\\b.pdf': 'a_b', '..\\..\\up.pdf': '_.._.._up', 'esc.pdf': 'esc' };

interface Manifest {
  documents: { file: string; doc_id: string; status: string; error: { code: string; message: string } | null; warnings: string[] }[];
}

/** every file and folder under dir (relative paths, links not followed), with file contents */
async function snapshot(dir: string, skip: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      const rel = path.relative(dir, full);
      if (skip.includes(rel)) continue;
      if (e.isDirectory()) {
        out[rel + '/'] = '';
        await walk(full);
      } else out[rel] = e.isSymbolicLink() ? '-> link' : (await readFile(full)).toString('base64');
    }
  };
  await walk(dir);
  return out;
}

describe('hostile file names stay inside --out', () => {
  let tmp: string;
  let out: string;
  let before: Record<string, string>;
  let ok: CliResult;
  let bad: CliResult;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'juesuan-paths-'));
    out = path.join(tmp, 'out');
    await mkdir(path.join(tmp, 'in-ok'));
    await mkdir(path.join(tmp, 'in-bad'));
    await mkdir(out);
    await writeFile(path.join(tmp, 'sentinel.txt'), 'must survive');
    await writeFile(path.join(out, 'keep.txt'), 'not ours, must survive');
    // a folder a document would write into that leads back out of --out
    await symlink(tmp, path.join(out, 'esc'));
    for (const n of NAMES) {
      await copyFile(fixture('owner-password-only.pdf'), path.join(tmp, 'in-ok', n));
      await copyFile(fixture('bad-not-a-pdf.pdf'), path.join(tmp, 'in-bad', n));
    }
    before = await snapshot(tmp, ['out']);
    // the same names given as paths with `..` and `.` in them
    ok = await cli(['extract', path.join(tmp, 'in-ok'), `${tmp}/in-bad/../in-ok/./..pdf`, '--out', out, '--concurrency', '2', '--ocr', 'never']);
    console.info(`$ juesuan extract in-ok/ in-bad/../in-ok/./..pdf --out out\n${ok.stdout}${ok.stderr}`);
  }, 120_000);

  it('writes every document under --out, in a mapped folder, and says so in the manifest', async () => {
    expect(ok.code).toBe(0);
    const m = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    for (const n of NAMES) {
      const d = m.documents.find((x) => path.basename(x.file) === n)!;
      expect(d, n).toBeDefined();
      expect(d.doc_id, n).toBe(IDS[n]);
      if (n === 'esc.pdf') continue;
      expect(d.status, n).toBe('ok');
      // every name is a copy of one report: also flagged duplicate_report (issue 12)
      expect(d.warnings, n).toEqual(['doc_id_mapped', 'duplicate_report']);
      expect((await readdir(path.join(out, d.doc_id))).sort(), n).toContain('document.json');
    }
    // ..pdf named twice (walked and by a path with ./..) is one input
    expect(m.documents.filter((x) => path.basename(x.file) === '..pdf')).toHaveLength(1);
  });

  it('refuses to write through a symlink that leads out of --out', async () => {
    const m = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
    const esc = m.documents.find((x) => x.doc_id === 'esc')!;
    expect(esc.status).toBe('failed');
    expect(esc.error!.code).toBe('write_failed');
    expect(esc.error!.message).toMatch(/会写到 .* 之外/);
    expect(ok.stdout).toMatch(/^FAIL .*esc\.pdf: .*会写到 .* 之外/m);
  });

  it('leaves everything outside --out as it was', async () => {
    expect(await snapshot(tmp, ['out'])).toEqual(before);
    expect(await readFile(path.join(tmp, 'sentinel.txt'), 'utf8')).toBe('must survive');
  });

  describe('when the same files fail (their content replaced by a damaged one)', () => {
    let beforeBad: Record<string, string>;
    beforeAll(async () => {
      // the same paths, so the same keys (files of the same name elsewhere would get keys of their own)
      for (const n of NAMES) await copyFile(path.join(tmp, 'in-bad', n), path.join(tmp, 'in-ok', n));
      beforeBad = await snapshot(tmp, ['out']);
      bad = await cli(['extract', path.join(tmp, 'in-ok'), '--out', out, '--concurrency', '2']);
      console.info(`$ juesuan extract in-ok/ --out out (now damaged)\n${bad.stdout}${bad.stderr}`);
    }, 120_000);

    it('deletes only their own folders inside --out', async () => {
      expect(bad.code).toBe(0);
      const m = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
      expect(m.documents.map((d) => [d.doc_id, d.status, d.error?.code])).toEqual(expect.arrayContaining(NAMES.map((n) => [IDS[n], 'failed', 'not_pdf'])));
      const left = await readdir(out);
      for (const n of NAMES) expect(left).not.toContain(IDS[n]);
      expect(left).toContain('keep.txt');
      expect(left).toContain('manifest.json');
      expect(await snapshot(tmp, ['out'])).toEqual(beforeBad);
    });
  });

  describe('review of a crafted document.json', () => {
    async function crafted(name: string, edit: (doc: Record<string, unknown>) => void): Promise<string> {
      const doc = JSON.parse(await readFile(path.join(out, '..', 'ok-doc.json'), 'utf8')) as Record<string, unknown>;
      edit(doc);
      const dir = path.join(tmp, 'crafted', name);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'document.json'), JSON.stringify(doc));
      return dir;
    }

    beforeAll(async () => {
      // a genuine extraction to start from (its outputs were removed by the failing run above)
      for (const n of NAMES) await copyFile(fixture('owner-password-only.pdf'), path.join(tmp, 'in-ok', n));
      const r = await cli(['extract', path.join(tmp, 'in-ok', 'a\\b.pdf'), '--out', path.join(tmp, 'x'), '--ocr', 'never']);
      expect(r.code).toBe(0);
      await copyFile(path.join(tmp, 'x', 'a_b', 'document.json'), path.join(tmp, 'ok-doc.json'));
    }, 120_000);

    it('refuses a doc_id or source.file that would lead out of --out', async () => {
      const review = path.join(tmp, 'review');
      const dirs = [
        await crafted('up', (d) => (d.doc_id = '../../escaped')),
        await crafted('dots', (d) => (d.doc_id = '..')),
        await crafted('nul', (d) => (d.doc_id = 'x\u0000y')),
        await crafted('file', (d) => ((d.source as { file: string }).file = '../../../in-ok/a\\b.pdf')),
      ];
      const beforeReview = await snapshot(tmp, ['out', 'crafted', 'x']);
      const r = await cli(['review', ...dirs, '--out', review]);
      console.info(`$ juesuan review crafted/{up,dots,nul,file} --out review\n${r.stdout}${r.stderr}`);
      expect(r.code).toBe(1);
      expect(r.stdout.match(/^FAIL .*(not a safe file name|not a plain file name)/gm)).toHaveLength(4);
      expect(await snapshot(tmp, ['out', 'crafted', 'x'])).toEqual(beforeReview);
    }, 120_000);

    it('refuses to write page images through a planted symlink', async () => {
      const review = path.join(tmp, 'review2');
      await mkdir(review);
      await symlink(tmp, path.join(review, 'a_b.pages'));
      const beforeReview = await snapshot(tmp, ['out', 'crafted', 'x', 'review2']);
      const r = await cli(['review', path.join(tmp, 'x', 'a_b'), '--out', review, '--pdf', path.join(tmp, 'in-ok', 'a\\b.pdf'), '--image-files', '--dpi', '36']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^FAIL .*会写到 .* 之外/m);
      expect(await snapshot(tmp, ['out', 'crafted', 'x', 'review2'])).toEqual(beforeReview);
    }, 120_000);
  });
});

/**
 * Bad inputs and a bad --out, each with its own precise report: only regular files are opened (a FIFO
 * must not hang the batch, /dev/zero must not be read), names that are not UTF-8 are read, permission
 * errors and link loops have their own codes, a wrong password says so, a blank template is ok but says
 * it holds no records; usage errors exit 2 before any work, an internal error is one line and 70.
 */
import { execFileSync } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fixture, UNPRIVILEGED, type CliResult } from '../helpers/cli.js';

interface Entry {
  file: string;
  doc_id: string;
  status: string;
  error: { code: string; message: string } | null;
  warnings: string[];
}

const GBK_NAME = Buffer.concat([Buffer.from([0xb8, 0xbd, 0xbc, 0xfe]), Buffer.from('1.pdf')]); // 附件1.pdf in GBK

describe('inputs that are not plain PDF files', () => {
  let tmp: string;
  let r: CliResult;
  let byName: Record<string, Entry>;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'juesuan-inputs-'));
    const dir = path.join(tmp, 'in');
    await mkdir(dir);
    execFileSync('mkfifo', [path.join(dir, 'fifo.pdf')]);
    await symlink('/dev/zero', path.join(dir, 'zero.pdf'));
    await mkdir(path.join(dir, 'folder.pdf'));
    await copyFile(fixture('owner-password-only.pdf'), path.join(dir, 'folder.pdf', 'inside.pdf'));
    await symlink('loop-b.pdf', path.join(dir, 'loop-a.pdf'));
    await symlink('loop-a.pdf', path.join(dir, 'loop-b.pdf'));
    await copyFile(fixture('owner-password-only.pdf'), Buffer.concat([Buffer.from(dir + '/'), GBK_NAME]));
    await copyFile(fixture('owner-password-only.pdf'), path.join(dir, 'locked.pdf'));
    await chmod(path.join(dir, 'locked.pdf'), 0o000);
    await copyFile(fixture('bad-user-password.pdf'), path.join(dir, 'user-password.pdf'));
    await copyFile(fixture('template-2024.pdf'), path.join(dir, 'template-2024.pdf'));
    const out = path.join(tmp, 'out');
    await mkdir(out);
    await chmod(tmp, 0o777);
    await chmod(out, 0o777);
    r = await cli(['extract', dir, '--out', out, '--password', 'not-the-password', '--ocr', 'never'], { ...UNPRIVILEGED, timeoutMs: 90_000 });
    const m = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { documents: Entry[] };
    byName = Object.fromEntries(m.documents.map((d) => [path.relative(dir, d.file), d]));
  }, 120_000);

  it('reports each with its own code, never hanging or reading a device', () => {
    expect(r.code, r.stderr).toBe(0);
    const codes = Object.fromEntries(Object.entries(byName).map(([f, d]) => [f, d.error?.code ?? d.status]));
    expect(codes).toEqual({
      'fifo.pdf': 'not_a_file',
      'zero.pdf': 'not_a_file',
      'folder.pdf': 'not_a_file',
      'folder.pdf/inside.pdf': 'ok',
      'loop-a.pdf': 'symlink_loop',
      'loop-b.pdf': 'symlink_loop',
      '%B8%BD%BC%FE1.pdf': 'ok',
      'locked.pdf': 'permission_denied',
      'user-password.pdf': 'password_incorrect',
      'template-2024.pdf': 'ok',
    });
    expect(byName['fifo.pdf'].error!.message).toMatch(/FIFO/);
    expect(byName['zero.pdf'].error!.message).toMatch(/是字符设备/);
    expect(byName['folder.pdf'].error!.message).toMatch(/是文件夹/);
    expect(byName['user-password.pdf'].error!.message).toMatch(/--password 给出的密码不对/);
    expect(r.stdout).toMatch(/^FAIL .*fifo\.pdf: 是命名管道（FIFO）/m);
  });

  it('reads a file whose name is not UTF-8 and names it with %XX', async () => {
    const d = byName['%B8%BD%BC%FE1.pdf'];
    expect(d.doc_id).toBe('%B8%BD%BC%FE1');
    // a copy of folder.pdf/inside.pdf's report: also flagged duplicate_report (issue 12)
    expect(d.warnings).toEqual(['file_name_not_utf8', 'duplicate_report']);
    expect(await readdir(path.join(tmp, 'out', d.doc_id))).toContain('document.json');
  });

  it('says that a blank template holds no records', () => {
    expect(byName['template-2024.pdf'].warnings).toEqual(['no_records']);
    expect(r.stdout).toMatch(/^ok {3}.*template-2024\.pdf: .*warnings: no_records$/m);
  });
});

describe('usage errors and internal errors', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'juesuan-usage-'));
  });

  const oneLine = (s: string) => expect(s.trim().split('\n'), s).toHaveLength(1);

  it('exits 2 on an explicitly named file that does not exist, before any work', async () => {
    const out = path.join(tmp, 'out-missing');
    const r = await cli(['extract', fixture('owner-password-only.pdf'), path.join(tmp, 'nope.pdf'), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^juesuan: no such file: .*nope\.pdf$/m);
    oneLine(r.stderr);
    await expect(readdir(out)).rejects.toThrow();
  });

  it('exits 2 when --out is a file, inside a file, or not writable', async () => {
    const file = path.join(tmp, 'a-file');
    await writeFile(file, 'x');
    for (const out of [file, path.join(file, 'sub'), fixture('owner-password-only.pdf')]) {
      const r = await cli(['extract', fixture('owner-password-only.pdf'), '--out', out]);
      expect(r.code, out).toBe(2);
      expect(r.stderr.trim()).toMatch(/^juesuan: --out .*(is a file, not a directory)$/);
      oneLine(r.stderr);
    }
    const locked = path.join(tmp, 'locked');
    await mkdir(locked, { mode: 0o555 });
    await chmod(tmp, 0o777);
    const r = await cli(['extract', fixture('owner-password-only.pdf'), '--out', path.join(locked, 'out')], UNPRIVILEGED);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^juesuan: --out .* cannot be created: .*locked is not writable$/);
  });

  it('prints one line and exits 70 on an error outside any document', async () => {
    const out = path.join(tmp, 'out-internal');
    // the manifest cannot be written where a folder of that name is
    await mkdir(path.join(out, 'manifest.json'), { recursive: true });
    const r = await cli(['extract', fixture('bad-not-a-pdf.pdf'), '--out', out]);
    expect(r.code).toBe(70);
    expect(r.stderr.trim()).toMatch(/^juesuan: internal error: .*\(set JUESUAN_DEBUG=1 for the stack\)$/);
    oneLine(r.stderr);
    const debug = await cli(['extract', fixture('bad-not-a-pdf.pdf'), '--out', out], { env: { ...process.env, JUESUAN_DEBUG: '1' } });
    expect(debug.code).toBe(70);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('review: a truncated document.json is one clear line, not an internal error', async () => {
    const dir = path.join(tmp, 'truncated');
    await mkdir(dir);
    await writeFile(path.join(dir, 'document.json'), '{"doc_id": "x", "source": {"file": "x.pdf", "sha');
    const r = await cli(['review', dir, '--out', path.join(tmp, 'review')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL .*document\.json is not valid JSON \(truncated or damaged\?\)/m);
    expect(r.stderr).toBe('');
  });
});

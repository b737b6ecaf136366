/**
 * Every way in gives the README's exit codes and one-line errors: bin/juesuan.mjs (what npx juesuan and
 * an installed juesuan run) and npm run extract; from any folder, with the rules that come with the package.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, root, type CliResult } from '../helpers/cli.js';

function exec(cmd: string, args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (err as { code?: unknown }).code : 0;
      resolve({ code: typeof code === 'number' ? code : -1, stdout, stderr });
    });
  });
}

const ENTRIES: [string, (args: string[], cwd: string) => Promise<CliResult>][] = [
  ['bin/juesuan.mjs', (args, cwd) => exec(process.execPath, [path.join(root, 'bin', 'juesuan.mjs'), ...args], cwd)],
  ['npm run extract', (args, cwd) => exec('npm', ['--prefix', root, 'run', '--silent', 'extract', '--', ...args.slice(1)], cwd)],
];

describe.each(ENTRIES)('%s', (_name, run) => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'juesuan-entry-'));
  });

  it('extracts from another working directory with the packaged rules', async () => {
    const out = path.join(tmp, 'out-ok');
    const r = await run(['extract', fixture('owner-password-only.pdf'), '--out', out], tmp);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const m = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { rules_dir: string; documents: { status: string }[] };
    expect(m.documents.map((d) => d.status)).toEqual(['ok']);
    expect(m.rules_dir).toBe(path.join(root, 'rules'));
  }, 120_000);

  it('exits 2 on a missing named file', async () => {
    const r = await run(['extract', path.join(tmp, 'nope.pdf'), '--out', path.join(tmp, 'out-missing')], tmp);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`juesuan: no such file: ${path.join(tmp, 'nope.pdf')}`]);
  }, 60_000);

  it('exits 70 with one line on an internal error', async () => {
    const out = path.join(tmp, 'out-internal');
    await mkdir(path.join(out, 'manifest.json'), { recursive: true });
    const r = await run(['extract', fixture('bad-not-a-pdf.pdf'), '--out', out], tmp);
    expect(r.code).toBe(70);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^juesuan: internal error: EISDIR/);
  }, 60_000);
});

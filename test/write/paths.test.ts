import { mkdir, mkdtemp, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { docIdOf, isPlainFileName, isSafeSegment, MAX_SEGMENT_BYTES, removeInside, safeSegment, UnsafePathError, writeInside } from '../../src/write/paths.js';

describe('safe names', () => {
  it('maps dot names, separators and control characters', () => {
    expect(docIdOf('/in/...pdf')).toEqual({ id: '_..', mapped: true });
    expect(docIdOf('/in/..pdf')).toEqual({ id: '_.', mapped: true });
    expect(docIdOf('/in/.pdf')).toEqual({ id: '_', mapped: true });
    expect(docIdOf('in/a\\..\\b.PDF')).toEqual({ id: 'a_.._b', mapped: true });
    expect(docIdOf('x\u0000\ny.pdf')).toEqual({ id: 'x__y', mapped: true });
    expect(docIdOf('raw/部门决算.pdf')).toEqual({ id: '部门决算', mapped: false });
    expect(docIdOf('附件1.pdf.pdf')).toEqual({ id: '附件1.pdf', mapped: false });
    expect(Buffer.byteLength(docIdOf('决'.repeat(80) + '.pdf').id)).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
  });

  it('never yields ., .., empty, a separator, NUL or a leading dot; is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom('.', '/', '\\', '\u0000', 'a', '决', '\n') }), fc.string({ unit: 'grapheme' })), (name) => {
        const s = safeSegment(name);
        expect(s).not.toBe('');
        expect(s).not.toBe('.');
        expect(s).not.toBe('..');
        expect(s.startsWith('.')).toBe(false);
        expect(s).not.toMatch(/[/\\\u0000-\u001f]/);
        expect(Buffer.byteLength(s)).toBeLessThanOrEqual(MAX_SEGMENT_BYTES + 1);
        expect(safeSegment(s)).toBe(s);
        expect(isSafeSegment(s)).toBe(true);
        expect(path.basename(path.join('/out', s))).toBe(s);
      }),
    );
  });

  it('tells plain file names (source.file) from paths', () => {
    for (const ok of ['a.pdf', '...pdf', 'a\\b.pdf', '.pdf']) expect(isPlainFileName(ok), ok).toBe(true);
    for (const bad of ['', '.', '..', '../a.pdf', 'a/b.pdf', 'a\u0000.pdf']) expect(isPlainFileName(bad), bad).toBe(false);
  });
});

describe('writes and deletes stay inside the root', () => {
  it('writes through real folders and refuses a symlinked one leading out', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'juesuan-guard-'));
    const root = path.join(tmp, 'out');
    await writeInside(root, ['d', 'f.csv'], 'x');
    expect(await readFile(path.join(root, 'd', 'f.csv'), 'utf8')).toBe('x');
    await symlink(tmp, path.join(root, 'link'));
    await expect(writeInside(root, ['link', 'f.csv'], 'y')).rejects.toBeInstanceOf(UnsafePathError);
    // a link inside the root to a folder inside the root is fine
    await symlink(path.join(root, 'd'), path.join(root, 'inner'));
    await writeInside(root, ['inner', 'g.csv'], 'z');
    expect(await readFile(path.join(root, 'd', 'g.csv'), 'utf8')).toBe('z');
    for (const bad of [['..', 'f'], ['.', 'f'], ['', 'f'], ['a/b'], ['..\\f'], ['x\u0000']]) await expect(writeInside(root, bad, 'q'), bad.join('|')).rejects.toBeInstanceOf(UnsafePathError);
    expect((await readdir(tmp)).sort()).toEqual(['out']);
  });

  it('deletes a planted link itself, never what it points to', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'juesuan-guard-'));
    const root = path.join(tmp, 'out');
    await mkdir(path.join(tmp, 'other'));
    await writeFile(path.join(tmp, 'other', 'keep'), 'k');
    await mkdir(root);
    await symlink(path.join(tmp, 'other'), path.join(root, 'doc'));
    await removeInside(root, ['doc']);
    expect(await readdir(root)).toEqual([]);
    expect(await readFile(path.join(tmp, 'other', 'keep'), 'utf8')).toBe('k');
    await removeInside(root, ['missing', 'x']);
    await expect(removeInside(root, ['..'])).rejects.toBeInstanceOf(UnsafePathError);
  });
});

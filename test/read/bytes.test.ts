/** readPdfBytes opens regular files only, and within the size limit, with a precise code for the rest. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../src/errors.js';
import { readPdfBytes } from '../../src/read/pdf.js';

const code = (p: Promise<unknown>) => p.then(
  () => 'ok',
  (e: unknown) => (e instanceof DocumentError ? e.code : String(e)),
);

describe('readPdfBytes', () => {
  it('reads a regular file, refuses the rest without reading', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'juesuan-bytes-'));
    await writeFile(path.join(dir, 'a.pdf'), '%PDF-1.4 tiny');
    execFileSync('mkfifo', [path.join(dir, 'fifo.pdf')]);
    await symlink('/dev/zero', path.join(dir, 'zero.pdf'));
    expect(Buffer.from(await readPdfBytes(path.join(dir, 'a.pdf'))).toString()).toBe('%PDF-1.4 tiny');
    expect(await code(readPdfBytes(path.join(dir, 'fifo.pdf')))).toBe('not_a_file');
    expect(await code(readPdfBytes(path.join(dir, 'zero.pdf')))).toBe('not_a_file');
    expect(await code(readPdfBytes(dir))).toBe('not_a_file');
    expect(await code(readPdfBytes(path.join(dir, 'missing.pdf')))).toBe('not_found');
    expect(await code(readPdfBytes(path.join(dir, 'a.pdf', 'x.pdf')))).toBe('not_found');
    expect(await code(readPdfBytes(path.join(dir, 'a.pdf'), { maxBytes: 5 }))).toBe('too_large');
    expect(await code(readPdfBytes(path.join(dir, 'a.pdf'), { maxBytes: 13 }))).toBe('ok');
    // a file with a name that is not UTF-8 is opened by its bytes
    const bytes = Buffer.concat([Buffer.from(dir + '/'), Buffer.from([0xb8, 0xbd]), Buffer.from('.pdf')]);
    await writeFile(bytes, '%PDF-1.4 gbk');
    expect(Buffer.from(await readPdfBytes('shown name', { path: bytes })).toString()).toBe('%PDF-1.4 gbk');
  });
});

describe('readPageText', () => {
  it('drops text runs whose position pdf.js gives as NaN (a damaged text matrix)', async () => {
    const { readDocument } = await import('../../src/read/document.js');
    const doc = await readDocument(new URL('../fixtures/fuzz/nan-text-position.pdf', import.meta.url).pathname);
    const items = doc.pages.flatMap((p) => p.items);
    expect(items.length).toBeGreaterThan(100);
    for (const it of items) expect([it.x, it.y, it.width, it.height].every(Number.isFinite), JSON.stringify(it)).toBe(true);
  });
});

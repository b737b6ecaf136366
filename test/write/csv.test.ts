import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic } from '../../src/write/atomic.js';
import { CSV_COLUMNS, toCsv } from '../../src/write/csv.js';

describe('write', () => {
  it('writes the stable columns, empty cells for null, quotes where needed, BOM only when asked', async () => {
    const csv = await toCsv('checks', [{ doc_id: 'd', check: 'c', severity: 'error', subject: 's', expected: null, actual: '1,000', message: 'say "x"\nthen y', page: 3, pages: '3;10' }], false);
    const [header, ...rest] = csv.split('\n');
    expect(header).toBe(CSV_COLUMNS.checks.join(','));
    // OUTPUT.md's columns in their order; pages (every page a failure names) appended after them
    expect(CSV_COLUMNS.checks).toEqual(['doc_id', 'check', 'severity', 'subject', 'expected', 'actual', 'message', 'page', 'pages']);
    expect(rest.join('\n')).toBe('d,c,error,s,,"1,000","say ""x""\nthen y",3,3;10\n');
    expect((await toCsv('checks', [], true)).startsWith('\ufeffdoc_id,')).toBe(true);
  });

  it('replaces a file atomically and leaves no temporary file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'juesuan-w-'));
    const f = path.join(dir, 'sub', 'a.csv');
    await writeAtomic(f, 'one');
    await writeAtomic(f, 'two');
    expect(await readFile(f, 'utf8')).toBe('two');
    expect(await readdir(path.dirname(f))).toEqual(['a.csv']);
  });
});

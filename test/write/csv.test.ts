import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parseString } from 'fast-csv';
import { describe, expect, it } from 'vitest';
import { writeAtomic } from '../../src/write/atomic.js';
import { CSV_COLUMNS, neutraliseCell, restoreCell, toCsv } from '../../src/write/csv.js';

function parse(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString<string[], string[]>(text)
      .on('error', reject)
      .on('data', (r: string[]) => rows.push(r))
      .on('end', () => resolve(rows));
  });
}

/** What Excel, LibreOffice and Google Sheets run as a formula when a cell starts with it (OWASP). */
const RUNS = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const cellText = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'", '1', '.', 'a', '决', ',', '"', '\n', ' ', '\u0000', '\u3000') }),
  fc.stringMatching(/^-?\d{1,6}(\.\d{1,2})?$/),
  fc.constantFrom('=HYPERLINK("http://x","点击")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', "'=1", "''+1", '-12.5', '+5', '-0.25'),
);

describe('CSV formula injection', () => {
  it('quotes cells a spreadsheet would run, never a plain number, and reads back exactly', () => {
    expect(neutraliseCell('=HYPERLINK("http://evil","x")')).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(neutraliseCell('-12.5')).toBe('-12.5');
    expect(neutraliseCell('-')).toBe("'-");
    expect(neutraliseCell('@cmd')).toBe("'@cmd");
    expect(neutraliseCell('财政拨款')).toBe('财政拨款');
    fc.assert(
      fc.property(cellText, (v) => {
        const c = neutraliseCell(v);
        if (RUNS.test(c)) expect(c).toMatch(NUMBER);
        expect(restoreCell(c)).toBe(v);
      }),
    );
  });

  it('applies to every cell of every CSV file written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cellText, { minLength: 1, maxLength: 8 }), async (values) => {
        const cols = CSV_COLUMNS.checks;
        const rows = values.map((v) => Object.fromEntries(cols.map((c) => [c, v])));
        const parsed = await parse(await toCsv('checks', rows, false));
        expect(parsed[0]).toEqual([...cols]);
        for (const [i, row] of parsed.slice(1).entries()) {
          for (const cell of row) {
            if (RUNS.test(cell)) expect(cell).toMatch(NUMBER);
            expect(restoreCell(cell)).toBe(values[i]);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

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

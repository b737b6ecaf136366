/**
 * readSegments given a page's text skips the operator list of pages whose text shows no table
 * (mayHoldTable). On every fixture PDF, each page it skips must be one whose full read finds no ruling at
 * all, so the segments are the same as reading every page. (A page it does not skip gets the full read.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withPdf, readPageText } from '../../src/read/pdf.js';
import { mayHoldTable, readSegments } from '../../src/read/rulings.js';
import type { TextItem } from '../../src/read/types.js';
import { DocumentError } from '../../src/errors.js';
import { root } from '../helpers/cli.js';

const dir = path.join(root, 'test/fixtures');
// pdf.js rejects a promise nobody handles on these (test/fuzz/crashers.test.ts): the document fails as a
// whole, in its own process, before any segment reaches an output
const CRASHERS = new Set(['fuzz/unhandled-xref-entry-exception.pdf', 'fuzz/unhandled-parser-eof-exception.pdf']);

function pdfsUnder(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? pdfsUnder(path.join(d, e.name)) : e.name.endsWith('.pdf') ? [path.relative(dir, path.join(d, e.name))] : [],
  );
}

const run = (str: string, x: number, y: number, width: number, height = 10): TextItem => ({ page: 1, str, x, y, width, height });
const prose = (lines: number) => Array.from({ length: lines }, (_, i) => [run('本部门主要职责是', 90, 700 - 20 * i, 80), run('负责', 170, 700 - 20 * i, 20), run('有关工作。', 190, 700 - 20 * i, 50)]).flat();

describe('mayHoldTable', () => {
  it('is false for lines of runs that follow one another, true for two cells apart on a baseline', () => {
    expect(mayHoldTable(prose(12))).toBe(false);
    expect(mayHoldTable([...prose(12), run('合计', 90, 400, 20), run('1,234.56', 300, 400.5, 40)])).toBe(true);
  });
  it('is true for a run holding a cell gap as spaces, and for a page of a few runs (a table with empty cells)', () => {
    expect(mayHoldTable([...prose(12), run('合计      1,234.56', 90, 400, 200)])).toBe(true);
    expect(mayHoldTable([...prose(12), run('合计\u30001,234.56', 90, 400, 200)])).toBe(true);
    expect(mayHoldTable(prose(3))).toBe(true);
    expect(mayHoldTable([])).toBe(true);
  });
  it('does not take the gap between two baselines for a cell gap', () => {
    expect(mayHoldTable([...prose(12), run('第一行', 90, 300, 30), run('第二行', 400, 285, 30)])).toBe(false);
  });
});

describe('readSegments with the text: the same segments as reading every page, on every fixture PDF', () => {
  const files = pdfsUnder(dir).filter((f) => !CRASHERS.has(f)).sort();
  it('has the fixtures', () => expect(files.length).toBeGreaterThanOrEqual(20));
  let skipped = 0;
  for (const f of files) {
    it(f, async () => {
      const data = new Uint8Array(readFileSync(path.join(dir, f)));
      try {
        await withPdf(f, data, async (doc) => {
          for (let p = 1; p <= doc.numPages; p++) {
            const page = await doc.getPage(p);
            const text = await readPageText(page);
            if (!mayHoldTable(text.items)) {
              skipped++;
              expect(await readSegments(page, text.items)).toEqual([]);
              expect({ page: p, segments: await readSegments(page) }).toEqual({ page: p, segments: [] });
            }
            page.cleanup();
          }
        });
      } catch (err) {
        // the bad-* fixtures: no page to read
        if (!(err instanceof DocumentError)) throw err;
      }
    }, 120_000);
  }
  // 79 of the fixtures' 290 pages when this was written
  it('skips pages (the check above is not empty)', () => expect(skipped).toBeGreaterThanOrEqual(50));
});

/**
 * OCR end to end on small fixtures (a few pages, the machine has 2 cores): the image-only
 * scanned-other-dept-2019.pdf against the text layer of the pages it was rendered from, the garbled
 * text layer fixture, and a run with every network call made to throw.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pageLines } from '../../src/lines/lines.js';
import { createOcrPool, decidePageSource, ocrPage, type OcrPool } from '../../src/ocr/index.js';
import { judgeTextLayer } from '../../src/ocr/quality.js';
import { loadRules } from '../../src/rules/load.js';

const ocrRules = (await loadRules(new URL('../../rules', import.meta.url).pathname)).ocr;
import { readPageText, withPdf } from '../../src/read/pdf.js';
import { scannedPageDpi } from '../../src/read/render.js';
import { readSegments } from '../../src/read/rulings.js';
import { charAccuracy, comparable } from './accuracy.js';
import { SCAN_DPI, SCAN_PAGES } from './make-scan-fixture.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (f: string) => path.join(here, '..', 'fixtures', f);
const VOCABULARY = ['万元', '支出', '收入', '年度', '决算'];

async function onPdf<T>(file: string, use: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  return withPdf(file, new Uint8Array(await readFile(file)), use);
}
const textOf = (items: Parameters<typeof pageLines>[0]) => pageLines(items).map((l) => l.text).join('\n');
/** Every number as printed (spaces inside numbers dropped, as the normaliser does), page numbers aside. */
const numbers = (s: string) =>
  comparable(s.split('\n').filter((l) => !/^\s*\d+\s*$/.test(l)).join('\n')).join('').match(/\d+(?:\.\d+)?%?/g) ?? [];

let pool: OcrPool;
beforeAll(async () => {
  pool = await createOcrPool(2);
}, 60_000);
afterAll(async () => {
  await pool?.close();
});

describe('scanned-other-dept-2019.pdf (image only)', () => {
  it('recovers the text layer of the original pages', async () => {
    const reference = await onPdf(fixture('other-dept-2019.pdf'), async (doc) => {
      const out: string[] = [];
      for (const p of SCAN_PAGES) out.push(textOf((await readPageText(await doc.getPage(p))).items));
      return out;
    });
    const results = await onPdf(fixture('scanned-other-dept-2019.pdf'), async (doc) => {
      const out = [];
      for (let p = 1; p <= doc.numPages; p++) {
        const page = await doc.getPage(p);
        // No text layer at all: the verdict sends the page to OCR.
        expect(decidePageSource(judgeTextLayer(textOf((await readPageText(page)).items), VOCABULARY)).source).toBe('ocr');
        expect((await scannedPageDpi(page))?.dpi).toBeCloseTo(SCAN_DPI, 0);
        out.push(await ocrPage(page, { pool, rules: ocrRules }));
        page.cleanup();
      }
      return out;
    });
    const [prose, table] = results;
    // Measured (tesseract.js 7, chi_sim 4.0.0_best_int): 0.9953 and 0.9926.
    expect(charAccuracy(textOf(prose.items), reference[0])).toBeGreaterThan(0.98);
    expect(charAccuracy(textOf(table.items), reference[1])).toBeGreaterThan(0.98);
    expect(prose.dpi).toBe(SCAN_DPI);
    expect(prose.meanConfidence).toBeGreaterThan(80);
    // Amounts are what matters: every number of the page, in order.
    expect(numbers(textOf(prose.items))).toEqual(numbers(reference[0]));
    expect(numbers(textOf(table.items))).toEqual(numbers(reference[1]));
    // The ruled 表五: rulings found in the image, cells read one by one.
    expect(table.cells).toBeGreaterThan(50);
    expect(table.segments.filter((s) => s.y1 === s.y2).length).toBeGreaterThan(20);
    expect(table.segments.some((s) => s.x1 === s.x2)).toBe(true);
    // Items sit where the text layer has them (PDF points, origin bottom-left).
    const ref = await onPdf(fixture('other-dept-2019.pdf'), async (doc) => (await readPageText(await doc.getPage(SCAN_PAGES[1]))).items);
    const refTotal = ref.find((i) => i.str.includes('4438.72'))!;
    const ocrTotal = table.items.find((i) => i.str.includes('4438.72'))!;
    expect(Math.abs(ocrTotal.x - refTotal.x)).toBeLessThan(4);
    expect(Math.abs(ocrTotal.y - refTotal.y)).toBeLessThan(4);
    expect(ocrTotal.confidence).toBeGreaterThan(50);
  }, 120_000);
});

describe('garbled-text-layer.pdf', () => {
  it('is sent to OCR and read', async () => {
    const { verdict, result } = await onPdf(fixture('garbled-text-layer.pdf'), async (doc) => {
      const page = await doc.getPage(1);
      const verdict = judgeTextLayer((await readPageText(page)).items.map((i) => i.str).join(''), VOCABULARY);
      return { verdict, result: await ocrPage(page, { pool, rules: ocrRules }) };
    });
    expect(decidePageSource(verdict)).toMatchObject({ source: 'ocr' });
    expect(result.nativeDpi).toBeNull(); // not a scan: rendered at rules' default DPI
    expect(result.dpi).toBe(300);
    const text = textOf(result.items);
    expect(judgeTextLayer(text, VOCABULARY).usable).toBe(true);
    expect(comparable(text).join('')).toContain('第二部分部门决算情况说明');
    expect(numbers(text)).toEqual(expect.arrayContaining(['4911.6', '391.42', '8.66%', '4947.97']));
  }, 60_000);
});

describe('garbled-hairline-table.pdf (garbled text layer over a vector table of thin grey rectangles)', () => {
  it('reads the table cell by cell on the page\'s own vector rulings', async () => {
    const { vector, result } = await onPdf(fixture('garbled-hairline-table.pdf'), async (doc) => {
      const page = await doc.getPage(1);
      const vector = await readSegments(page);
      return { vector, result: await ocrPage(page, { pool, rules: ocrRules, vectorSegments: vector }) };
    });
    expect(vector.filter((s) => s.y1 === s.y2).length).toBeGreaterThan(20);
    // the exact vector rulings are the page's rulings, not lines found in the image
    expect(result.segments).toEqual(vector);
    expect(result.cells).toBeGreaterThan(50);
    const ref = await onPdf(fixture('other-dept-2019.pdf'), async (doc) => textOf((await readPageText(await doc.getPage(SCAN_PAGES[1]))).items));
    expect(numbers(textOf(result.items))).toEqual(numbers(ref));
  }, 120_000);
});

describe('offline', () => {
  it('loads the model and recognises with every network call throwing', async () => {
    const require = createRequire(import.meta.url);
    const tsx = pathToFileURL(require.resolve('tsx')).href;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', tsx, '--import', pathToFileURL(path.join(here, 'no-network-preload.mjs')).href, path.join(here, 'no-network-child.ts')],
      { cwd: path.join(here, '..', '..'), timeout: 60_000 },
    );
    const out = JSON.parse(stdout) as { blocked: boolean; text: string };
    expect(out.blocked).toBe(true);
    expect(comparable(out.text).join('')).toContain('部门决算情况说明');
  }, 60_000);
});

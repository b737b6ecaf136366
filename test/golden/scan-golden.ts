/** The golden comparison of a scanned form of the sample, shared by the scan tests (one file each, so they run in parallel). */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { prepareRules, processDocument, type DocumentResult } from '../../src/pipeline.js';
import { readSegments } from '../../src/read/rulings.js';
import { createOcrPool, type OcrPool } from '../../src/ocr/index.js';
import { score, summary, type Score, type Truth } from './score.js';

const fixture = (f: string) => new URL(`../fixtures/${f}`, import.meta.url).pathname;

export interface ScanGolden {
  /** fixture name without .pdf; its truth is <id>.truth.json */
  id: string;
  dpi: number;
  floor: { all: number; facts: number; indicators: number; evaluation_funds: number };
  /** pages of the scan (default 36: the whole sample) */
  pages?: number;
  /** pages scanned sideways or upside down: the clockwise turn that reads them upright */
  turned?: Record<number, number>;
}

export function scanGolden({ id, dpi, floor: FLOOR, pages = 36, turned = {} }: ScanGolden): void {
  describe(`golden: ${id} (image-only, OCR)`, () => {
    let result: DocumentResult;
    let s: Score;
    let pool: Promise<OcrPool> | undefined;
    const truth = JSON.parse(readFileSync(fixture(`${id}.truth.json`), 'utf8')) as Truth;

    beforeAll(async () => {
      const rules = prepareRules(await loadRules(new URL('../../rules', import.meta.url).pathname));
      result = await processDocument(fixture(`${id}.pdf`), rules, {
        readSegments,
        ocr: { mode: 'auto', rules: rules.rules.ocr, vocabulary: rules.rules.document.report.vocabulary, pool: () => (pool ??= createOcrPool()) },
      });
      s = score(result, truth);
    }, 600_000);
    afterAll(async () => {
      if (pool) await (await pool).close();
    });

    it('reads every page by OCR and says why', () => {
      expect(result.source.ocr_pages).toHaveLength(pages);
      expect(result.source.ocr.every((p) => p.reason === 'no text layer' && p.dpi === dpi)).toBe(true);
      // and which pages were turned, by how much (the others not at all)
      expect(Object.fromEntries(result.source.ocr.filter((p) => p.turned_deg !== 0).map((p) => [p.page, p.turned_deg]))).toEqual(turned);
    });

    it('agrees with the truth file above the measured floors', () => {
      const rate = (k: string) => (s.fields[k] ? s.fields[k].matched / s.fields[k].total : 1);
      const all = Object.values(s.fields).reduce((a, f) => ({ m: a.m + f.matched, t: a.t + f.total }), { m: 0, t: 0 });
      console.log(`${id}: ${summary(s)}; all ${all.m}/${all.t} (${((100 * all.m) / all.t).toFixed(1)}%)`);
      expect(all.m / all.t).toBeGreaterThanOrEqual(FLOOR.all);
      expect(rate('facts')).toBeGreaterThanOrEqual(FLOOR.facts);
      expect(rate('indicators')).toBeGreaterThanOrEqual(FLOOR.indicators);
      expect(rate('evaluation_funds')).toBeGreaterThanOrEqual(FLOOR.evaluation_funds);
    });

    it('carries the OCR confidence of every value and flags wrong amounts', () => {
      const records = [...result.facts, ...result.line_items, ...result.indicators];
      expect(records.every((r) => typeof r.confidence === 'number')).toBe(true);
      // every fact amount that differs from the truth is in checks.csv: a failed check on it or its
      // parent, low OCR confidence, or an unread amount on its page
      const wrong = result.facts.filter((f) => {
        const t = truth.facts.find((x) => x.key === f.key);
        return t && t.amount !== f.amount;
      });
      const flagged = (f: (typeof wrong)[number]) =>
        result.checks.some((c) => c.subject === f.key || c.subject === f.parent || (c.check === 'low_ocr_confidence' && c.page === f.page) || (c.check === 'unread_amount' && c.page === f.page));
      expect(wrong.filter((f) => !flagged(f)).map((f) => `${f.key}=${f.amount}`)).toEqual([]);
    });
  });
}

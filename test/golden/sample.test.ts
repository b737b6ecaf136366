import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { prepareRules, processDocument, type DocumentResult } from '../../src/pipeline.js';
import { readSegments } from '../../src/read/rulings.js';
import { score, summary, type Truth } from './score.js';

const fixture = (f: string) => new URL(`../fixtures/${f}`, import.meta.url).pathname;


describe('golden: urumqi-gxj-2021 (text layer)', () => {
  let result: DocumentResult;
  const truth = JSON.parse(readFileSync(fixture('urumqi-gxj-2021.truth.json'), 'utf8')) as Truth;

  beforeAll(async () => {
    const rules = prepareRules(await loadRules(new URL('../../rules', import.meta.url).pathname));
    result = await processDocument(fixture('urumqi-gxj-2021.pdf'), rules, { readSegments });
  });

  it('matches every field of the truth file', () => {
    const s = score(result, truth);
    console.log(`urumqi-gxj-2021: ${summary(s)}`);
    expect(s.mismatches).toEqual([]);
    // the comparison really covered the records
    expect(s.fields.facts.total).toBe(truth.facts.length * 9);
    expect(s.fields.basic_items.total).toBe(31);
    expect(s.fields.indicators.total).toBe((truth.evaluations ?? []).reduce((n, e) => n + e.indicators.length, 0) * 8);
  });

  it('flags the report\'s own inconsistencies and nothing else', () => {
    const failed = result.checks.map((c) => `${c.severity}:${c.check}:${c.subject}:${c.actual}`).sort();
    expect(failed).toEqual([
      // 29.59% is 38.63 / 130.55 (this year), not / last year's 91.92
      'error:change_pct:admin_running_cost:29.59',
      // -37.04% is 4.33 / 11.69 (this year), not / last year's 16.02
      'error:change_pct:daily_public_cost_unit_2:-37.04',
      // 表五 合计 7030.18 against the narrative's 7030.17
      'error:table_matches_narrative:table5_total:7030.18',
      // printed 2785.44% / 2795.46% are final / budget; (final − budget) / budget is 2685.44% / 2695.46%
      'error:variance_pct:fiscal_expense_budget_initial:2795.46',
      'error:variance_pct:fiscal_income_budget_initial:2785.44',
      // the 16 公用经费 items sum to 154.00, printed 154.02
      'warning:basic_items_sum:gpb_public:154.00',
      // the 13 coded lines of 五 sum to 7030.18 (as 表五's 合计), printed 7030.17
      'warning:coded_lines_sum:gpb_expense_total:7030.18',
    ]);
  });

  it('gives every record a page, a box on the page and its source text', () => {
    for (const r of [...result.facts, ...result.line_items, ...result.basic_items, ...result.staff, ...result.units, ...result.evaluations, ...result.evaluation_funds, ...result.indicators]) {
      expect(r.page).toBeGreaterThan(0);
      expect(r.bbox.x1).toBeGreaterThan(r.bbox.x0);
      expect(r.bbox.y1).toBeGreaterThan(r.bbox.y0);
      expect(r.source_text.length).toBeGreaterThan(0);
    }
    // the amount's own digits are in its source text
    for (const f of result.facts) expect(f.source_text.replace(/,/g, '')).toContain(f.amount);
  });
});

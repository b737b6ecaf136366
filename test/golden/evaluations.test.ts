import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from '../../src/read/document.js';
import { readSegments } from '../../src/read/rulings.js';
import type { PageContent } from '../../src/read/types.js';
import { findTables, joinContinuedTables, type Table } from '../../src/tables/index.js';
import type { TableRules } from '../../src/rules/tables-schema.js';
import { loadRules as loadAllRules } from '../../src/rules/load.js';
import { readEvaluations, type EvaluationsResult } from '../../src/extract/evaluations.js';
import { readStatisticalTables, type StatisticalTablesResult } from '../../src/extract/statistical-tables.js';
import { loadRules } from '../../src/rules/load.js';
import { extractFromPages, prepareRules } from '../../src/pipeline.js';
import { runChecks } from '../../src/validate/checks.js';
import { EVALUATION_CHECKS } from '../../src/validate/checks/evaluations.js';
import { CODED_TABLE_CHECKS } from '../../src/validate/checks/coded-tables.js';
import { checkInput } from '../validate/input.js';

const fixture = (f: string) => new URL(`../fixtures/${f}`, import.meta.url).pathname;

interface TruthFund { row: string; initial: string | null; full_year: string | null; executed: string | null; weight: string | null; rate_pct: string | null; score: string | null }
interface TruthIndicator { level1: string; level2: string; name: string; target: string; actual: string; weight: string; score: string; deviation: string | null }
interface TruthEvaluation {
  project: string;
  department: string;
  implementer: string;
  funds: TruthFund[];
  goal_expected: string | null;
  goal_actual: string | null;
  indicators: TruthIndicator[];
  total_score: string;
}
interface Truth {
  evaluations: TruthEvaluation[];
  facts: { key: string; section: string; label: string; amount: string }[];
  line_items: { context: string; code: string; name: string; amount: string }[];
}

/** Per-field matched/total tallies and the mismatches, for a readable report. */
class Tally {
  fields = new Map<string, { ok: number; total: number }>();
  mismatches: string[] = [];
  cmp(group: string, field: string, where: string, want: unknown, got: unknown): void {
    const k = `${group}.${field}`;
    const t = this.fields.get(k) ?? { ok: 0, total: 0 };
    t.total++;
    if ((want ?? null) === (got ?? null)) t.ok++;
    else this.mismatches.push(`${k} @ ${where}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
    this.fields.set(k, t);
  }
  summary(): string {
    return [...this.fields].map(([k, t]) => `${k} ${t.ok}/${t.total}`).join(', ');
  }
  get ok(): number {
    return [...this.fields.values()].reduce((a, t) => a + t.ok, 0);
  }
  get total(): number {
    return [...this.fields.values()].reduce((a, t) => a + t.total, 0);
  }
}

describe('golden: 项目支出绩效自评表 and 表五 of urumqi-gxj-2021 (table stage)', () => {
  const truth = JSON.parse(readFileSync(fixture('urumqi-gxj-2021.truth.json'), 'utf8')) as Truth;
  let rules: TableRules;
  let pages: PageContent[];
  let tables: Table[];
  let ev: EvaluationsResult;
  let coded: StatisticalTablesResult;

  beforeAll(async () => {
    rules = (await loadAllRules(new URL('../../rules', import.meta.url).pathname)).tables;
    pages = (await readDocument(fixture('urumqi-gxj-2021.pdf'), { readSegments })).pages;
    tables = joinContinuedTables(
      pages.flatMap((p) => findTables(p.page, p.items, p.segments)),
      { pages },
    );
    ev = readEvaluations(tables, rules);
    coded = readStatisticalTables(tables, pages, rules);
  });

  it('fails only the checks the report really fails', async () => {
    // the narrative the table restates (五、 coded lines and its total)
    const narrative = extractFromPages(fixture('urumqi-gxj-2021.pdf'), '0'.repeat(64), null, pages, prepareRules(await loadRules(new URL('../../rules', import.meta.url).pathname)));
    const input = checkInput({ evaluations: ev.evaluations, funds: ev.funds, indicators: ev.indicators, codedTables: coded.coded, tables: coded.tables, cells: coded.cells, lineItems: narrative.line_items, facts: narrative.facts });
    const failed = runChecks(input, [...EVALUATION_CHECKS, ...CODED_TABLE_CHECKS]);
    expect(failed.map((f) => `${f.check}:${f.subject}:${f.expected}:${f.actual}`)).toEqual([
      // 表五 合计 7030.18, 五、 states 7030.17 (its 13 lines sum to 7030.18)
      'table_matches_narrative:table5_total:7030.17:7030.18',
    ]);
  });

  it('reads all 17 evaluations, their funds and indicators field by field as the truth has them', () => {
    const t = new Tally();
    expect(ev.evaluations).toHaveLength(truth.evaluations.length);
    truth.evaluations.forEach((want, i) => {
      const got = ev.evaluations[i];
      const where = `#${i + 1} ${want.project}`;
      t.cmp('evaluation', 'project', where, want.project, got?.project);
      t.cmp('evaluation', 'supervisor', where, want.department, got?.supervisor);
      t.cmp('evaluation', 'implementer', where, want.implementer, got?.implementer);
      const total = want.funds.find((f) => f.row === '年度资金总额')!;
      for (const f of ['initial', 'full_year', 'executed', 'weight', 'rate_pct', 'score'] as const) t.cmp('evaluation', f, where, total[f], got?.[f]);
      t.cmp('evaluation', 'goal_expected', where, want.goal_expected, got?.goal_expected);
      t.cmp('evaluation', 'goal_actual', where, want.goal_actual, got?.goal_actual);
      t.cmp('evaluation', 'total_score', where, want.total_score, got?.total_score);

      const funds = ev.funds.filter((f) => f.eval_no === got?.eval_no);
      t.cmp('funds', 'count', where, want.funds.length, funds.length);
      want.funds.forEach((wf, k) => {
        const gf = funds[k];
        for (const f of ['row', 'initial', 'full_year', 'executed', 'weight', 'rate_pct', 'score'] as const) t.cmp('funds', f, `${where} ${wf.row}`, wf[f], gf?.[f]);
      });

      const inds = ev.indicators.filter((x) => x.eval_no === got?.eval_no);
      t.cmp('indicators', 'count', where, want.indicators.length, inds.length);
      want.indicators.forEach((wi, k) => {
        const gi = inds[k];
        for (const f of ['level1', 'level2', 'name', 'target', 'actual', 'weight', 'score', 'deviation'] as const) t.cmp('indicators', f, `${where} [${k}] ${wi.name}`, wi[f], gi?.[f]);
      });
    });
    console.log(`evaluations: ${t.ok}/${t.total} fields — ${t.summary()}`);
    if (t.mismatches.length) console.log(t.mismatches.join('\n'));
    expect(t.mismatches).toEqual([]);
    expect(ev.unread).toEqual([]);
  });

  it('gives every evaluation value its cell: page, box, source text', () => {
    for (const i of ev.indicators) {
      expect(i.page).toBeGreaterThan(0);
      expect(i.bbox.x1).toBeGreaterThan(i.bbox.x0);
      expect(i.source_text).toContain(i.cells.name!.source_text);
      if (i.score !== null) expect(i.cells.score!.source_text).toContain(i.score);
    }
    for (const e of ev.evaluations) expect(e.cells.score?.source_text).toContain(e.score!);
  });

  it('reads 表五 rows and its 合计 as the truth has them', () => {
    const t = new Tally();
    const want = truth.line_items.filter((l) => l.context === '一般公共预算财政拨款支出决算表');
    const got = coded.line_items.filter((l) => l.context === '一般公共预算财政拨款支出决算表');
    t.cmp('table5', 'count', 'rows', want.length, got.length);
    want.forEach((w, k) => {
      for (const f of ['code', 'name', 'amount'] as const) t.cmp('table5', f, w.code, w[f], got[k]?.[f]);
      t.cmp('table5', 'level', w.code, ({ 3: '类', 5: '款', 7: '项' } as Record<number, string>)[w.code.length], got[k]?.level);
    });
    for (const w of truth.facts.filter((f) => f.section.startsWith('四'))) {
      const g = coded.totals.find((f) => f.key === w.key);
      for (const f of ['section', 'label', 'amount'] as const) t.cmp('table_totals', f, w.key, w[f], g?.[f]);
    }
    console.log(`表五: ${t.ok}/${t.total} fields — ${t.summary()}`);
    expect(t.mismatches).toEqual([]);
  });
});

describe('golden: 表五 of other-dept-2019 (table stage)', () => {
  it('reads its rows and 合计 as the truth has them', async () => {
    const truth = JSON.parse(readFileSync(fixture('other-dept-2019.truth.json'), 'utf8')) as Truth;
    const rules = (await loadAllRules(new URL('../../rules', import.meta.url).pathname)).tables;
    const pages = (await readDocument(fixture('other-dept-2019.pdf'), { readSegments })).pages;
    const tables = joinContinuedTables(pages.flatMap((p) => findTables(p.page, p.items, p.segments)), { pages });
    const coded = readStatisticalTables(tables, pages, rules);
    const want = truth.line_items.filter((l) => l.context === '一般公共预算财政拨款支出决算表');
    expect(coded.line_items.map((l) => ({ context: l.context, code: l.code, name: l.name, amount: l.amount }))).toEqual(want);
    expect(coded.totals.map((f) => ({ key: f.key, section: f.section, label: f.label, amount: f.amount }))).toEqual(truth.facts.filter((f) => f.section.startsWith('四')).map(({ key, section, label, amount }) => ({ key, section, label, amount })));
    expect(readEvaluations(tables, rules).evaluations).toEqual([]);
  });
});

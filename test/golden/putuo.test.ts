import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { prepareRules, processDocument, type DocumentResult } from '../../src/pipeline.js';
import { readSegments } from '../../src/read/rulings.js';
import { score, summary, type Mismatch, type Truth } from './score.js';

const fixture = (f: string) => new URL(`../fixtures/${f}`, import.meta.url).pathname;

/**
 * A real report of the national template (WPS, 24 pages): its narrative half — section tree, meta, the unit
 * list and every fact of the truth file, field by field. The tables' cells are the table reader's half.
 */
describe('golden: putuo-shgzb-2024 (national template, narrative)', () => {
  let result: DocumentResult;
  const truth = JSON.parse(readFileSync(fixture('putuo-shgzb-2024.truth.json'), 'utf8')) as Truth;

  beforeAll(async () => {
    const rules = prepareRules(await loadRules(new URL('../../rules', import.meta.url).pathname));
    result = await processDocument(fixture('putuo-shgzb-2024.pdf'), rules, { readSegments });
  });

  it('reads the section tree of the body: not the contents of pages 2–3, not the tables of 第二部分', () => {
    expect(result.sections.map((s) => `${s.id} ${s.title} p${s.page}`)).toEqual([
      '一 中共上海市普陀区委社会工作部概况 p4',
      '一/一 主要职能 p4',
      '一/二 部门决算单位构成 p4',
      // 第二部分 is printed only in the contents: its tables carry their bare titles
      '三 中共上海市普陀区委社会工作部2024年度部门决算情况说明 p17',
      '三/一 收入支出决算总体情况说明 p17',
      '三/二 收入决算情况说明 p17',
      '三/三 支出决算情况说明 p17',
      '三/四 财政拨款收入支出决算总体情况说明 p17',
      '三/五 一般公共预算财政拨款支出决算情况说明 p17',
      '三/五/一 一般公共预算财政拨款支出决算总体情况 p17',
      '三/五/二 一般公共预算财政拨款支出决算结构情况 p18',
      '三/五/三 一般公共预算财政拨款支出决算具体情况 p18',
      '三/六 一般公共预算财政拨款基本支出决算情况说明 p20',
      '三/七 财政拨款“三公”经费支出决算情况说明 p20',
      '三/八 政府性基金预算财政拨款收入支出决算情况说明 p20',
      '三/九 国有资本经营预算财政拨款收入支出决算情况说明 p21',
      '三/十 预算绩效管理情况 p21',
      '三/十一 其他重要事项的情况说明 p21',
      '三/十一/一 机关运行经费支出情况 p21',
      '三/十一/二 政府采购支出情况 p21',
      '三/十一/三 国有资产占有使用情况说明 p22',
      '四 名词解释 p23',
    ]);
  });

  it('matches every field of every truth fact, except the listed ones', () => {
    // `code` is compared once the table reader's cells reach linkFactCodes (the pipeline passes none yet);
    // the table totals of the coded-table stage (outside 第三部分) are the table half.
    const s = score(result, truth, { kinds: ['doc', 'units', 'facts'], skipFactFields: ['code'], resultFact: (f) => f.section.startsWith('三') });
    console.log(`putuo-shgzb-2024: ${summary(s)}`);
    const known: Mismatch[] = [
      // national-template.md: the 支出决算 of 五（三） carries the budget its 完成年初预算的 95.89% names (年初预算 0,
      // so the completion check can flag the printed rate); the truth records that only as completion_basis.
      { kind: 'facts', id: 'gpb_expense_total@三/五/三/支出决算', field: 'budget', expected: null, actual: '0' },
      { kind: 'facts', id: 'gpb_expense_total@三/五/三/支出决算', field: 'budget_label', expected: null, actual: '年初预算' },
    ];
    expect(s.mismatches).toEqual(known);
    // the comparison covered every fact: the 9 fields of the sample's truth and budget, budget_label, completion_pct, item_no
    expect(s.fields.facts.total).toBe(truth.facts.length * 13);
    expect(s.fields.doc).toEqual({ matched: 3, total: 3 });
    // 二、部门决算单位构成: 序号 / 单位名称 / 备注 (no 单位性质 column: kind null)
    expect(s.fields.units).toEqual({ matched: 4, total: 4 });
  });

  it('writes a restated value as its own row, marked with the section it restates', () => {
    expect(result.facts.filter((f) => f.key === 'gpb_expense_total').map((f) => [f.section, f.label, f.amount, f.restates])).toEqual([
      ['三/五/一', '一般公共预算财政拨款支出', '307.82', null],
      ['三/五/二', '一般公共预算财政拨款支出', '307.82', '三/五/一'],
      ['三/五/三', '支出决算', '307.82', '三/五/一'],
    ]);
  });

  it('places every amount of the narrative', () => {
    expect(result.unread).toEqual([]);
  });

  it('flags exactly the report\'s own inconsistencies: every failed check is one of the truth\'s 8 notes, every note is flagged', () => {
    const failed = result.checks.map((c) => `${c.severity}:${c.check}:${c.subject}:${c.actual}`).sort();
    expect((truth as unknown as { notes: string[] }).notes).toHaveLength(8);
    expect(failed).toEqual(
      [
        // note 1: 302 商品和服务支出 10.23, its 款 sum to 10.22 (a sum of printed values: within rounding)
        'warning:coded_table_sum:gpb_basic_expense/302/决算数:10.22',
        // note 2: 人员经费合计 95.36 + 公用经费合计 10.23 = 105.59, 基本支出 printed 105.58 in the tables and in 三/六
        'warning:cross_table:gpb_basic_expense/人员经费合计/决算数:105.58',
        'warning:components_sum:gpb_basic_total:105.59',
        // note 3: 邮电费 named among 公用经费's main contents, printed 0.00 in the 基本支出 table
        'warning:listed_item_zero:gpb_basic_expense/30207/决算数:0.00',
        // note 4: 29.42 / 307.82 is 9.56%, printed 9.55%
        'error:share_pct:gpb_class:9.55',
        // note 5: 完成年初预算的 95.89% with a 年初预算 of 0 (95.89% is 307.82 / 321.02, the 全年预算)
        'error:completion_zero_budget:gpb_expense_total:95.89',
        // note 6: the change is the whole amount (the unit was set up in 2024), a rate on a zero base printed as 100.00%
        'warning:change_pct:admin_running_cost:100.00',
        'warning:change_pct:fiscal_grand_total:100.00',
        'warning:change_pct:gpb_expense_total:100.00',
        'warning:change_pct:income_expense_grand_total:100.00',
        // note 7: 中小企业 awarded 21.07 in reserved and 21.07 in other projects, 42.14 of a 21.07 total
        'error:amount_bound:procurement_total@三/十一/二/政府采购金额（以合同签订为准）:42.14',
        // note 8: item 8 (住房公积金) says it is for 事业单位医疗保险支出, the words of item 7
        'warning:item_purpose_copied:gpb_item@三/五/三/住房保障支出（类）住房改革支出（款）住房公积金（项）:事业单位医疗保险支出',
      ].sort(),
    );
  });

  it('names both sides of a comparison with their pages, in Chinese', () => {
    const c = result.checks.find((x) => x.check === 'cross_table')!;
    expect(c.pages).toEqual([12, 13]);
    expect(c.message).toBe('表间不一致：一般公共预算财政拨款基本支出决算表 人员经费合计 95.36 + 公用经费合计 10.23 = 105.59 ≠ 一般公共预算财政拨款支出决算表 合计 基本支出 105.58（差额在印刷舍入范围内；第12页、第13页）');
    expect(c.subjects).toEqual(['gpb_basic_expense/人员经费合计/决算数', 'gpb_basic_expense/公用经费合计/决算数', 'gpb_expense/合计/基本支出']);
    for (const x of result.checks) expect(x.message, x.check).toMatch(/第\d+页/);
  });

  it('gives every fact a page, a box on the page and its source text with its amount', () => {
    for (const f of result.facts.filter((x) => x.section.startsWith('三'))) {
      expect(f.page).toBeGreaterThan(0);
      expect(f.bbox.x1).toBeGreaterThan(f.bbox.x0);
      expect(f.source_text).toContain(f.amount);
    }
    const pages = new Map(truth.facts.map((f) => [`${f.key}/${f.section}/${f.label}`, (f as { page?: number }).page]));
    for (const f of result.facts) {
      const want = pages.get(`${f.key}/${f.section}/${f.label}`);
      if (want !== undefined) expect(f.page, `${f.key} ${f.label}`).toBe(want);
    }
  });
});

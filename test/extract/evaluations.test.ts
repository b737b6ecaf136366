import { beforeAll, describe, expect, it } from 'vitest';
import type { TableRules } from '../../src/rules/tables-schema.js';
import { loadRules as loadAllRules } from '../../src/rules/load.js';
import { readEvaluations } from '../../src/extract/evaluations.js';
import { buildTable, type Spec } from './build-table.js';

const rulesDir = new URL('../../rules', import.meta.url).pathname;

/** The standard layout (9 columns), as the table stage gives it: spans, wrapped headers, cut row labels. */
function standardRows(): Spec[][] {
  return [
    ['项目名称', { t: '示例项目（二期）', cs: 8 }],
    ['主管部门', { t: '某某局本级', cs: 3 }, '实施单位', { t: '某某中心', cs: 4 }],
    [{ t: '项目资金 （万元）', rs: 5 }, { t: '', cs: 2 }, '年初预 算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    [null, { t: '年度资金总额', cs: 2 }, '20.00', '25.00', '20.00', '10', '80.00%', '8.00分'],
    [null, { t: '其中：当年财政拨', cs: 2 }, '20', '20', '15', '—', '—', '—'],
    [null, { t: '上年结转资', cs: 2 }, '0', '5', '5', '—', '—', '—'],
    [null, { t: '其他资金', cs: 2 }, '0', '0', '0', '—', '—', '—'],
    [{ t: '年度总体目标', rs: 2 }, { t: '预期目标', cs: 4 }, { t: '实际完成情况', cs: 4 }],
    [null, { t: '完成甲项工作。', cs: 4 }, { t: '已完成甲项工作。 另有乙项。', cs: 4 }],
    [{ t: '年度绩效指标完成情况', rs: 7 }, '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及 改进措施'],
    [null, { t: '产出指标', rs: 3 }, { t: '数量指标', rs: 2 }, '培训人次', '>=100人次', '120人次', '30', '30', ''],
    [null, null, null, '检查次数', '=12次', '12次', '20', '20', ''],
    [null, null, '成本指标', '项目成本', '<=25万元', '20万元', '10', '10', ''],
    [null, { t: '效益指标', rs: 2 }, '经济效益指标', '', '', '', '', '', ''],
    [null, null, '社会效益指标', '服务水平', '显著提高', '基本达到预期效果', '20', '18', '仍需改进。'],
    [null, '满意度指标', '满意度指标', '服务对象满意度', '>=90%', '=85%', '10', '9.44', '个别不满意'],
    [{ t: '总分', cs: 6 }, '100', '95.44分', ''],
  ];
}

describe('readEvaluations', () => {
  let rules: TableRules;
  beforeAll(async () => {
    rules = (await loadAllRules(rulesDir)).tables;
  });

  it('reads the standard layout: labels, 项目资金 rows, goal, indicators, 总分', () => {
    const r = readEvaluations([buildTable(standardRows(), { page: 7 })], rules);
    expect(r.unread).toEqual([]);
    expect(r.evaluations).toHaveLength(1);
    expect(r.evaluations[0]).toMatchObject({
      eval_no: 1,
      project: '示例项目（二期）',
      supervisor: '某某局本级',
      implementer: '某某中心',
      initial: '20.00',
      full_year: '25.00',
      executed: '20.00',
      weight: '10',
      rate_pct: '80.00',
      score: '8.00',
      goal_expected: '完成甲项工作。',
      goal_actual: '已完成甲项工作。 另有乙项。',
      total_score: '95.44',
      total_weight: '100',
      page: 7,
    });
    // the 年度资金总额 values point at their cells
    expect(r.evaluations[0].cells.score).toMatchObject({ page: 7, source_text: '8.00分' });

    expect(r.funds.map((f) => [f.row, f.initial, f.full_year, f.executed, f.weight, f.rate_pct, f.score, f.total])).toEqual([
      ['年度资金总额', '20.00', '25.00', '20.00', '10', '80.00', '8.00', true],
      ['当年财政拨款', '20', '20', '15', null, null, null, false],
      ['上年结转资金', '0', '5', '5', null, null, null, false],
      ['其他资金', '0', '0', '0', null, null, null, false],
    ]);

    // 经济效益指标 is printed with no indicator: no row.
    expect(r.indicators.map((i) => [i.level1, i.level2, i.name, i.weight, i.score])).toEqual([
      ['产出指标', '数量指标', '培训人次', '30', '30'],
      ['产出指标', '数量指标', '检查次数', '20', '20'],
      ['产出指标', '成本指标', '项目成本', '10', '10'],
      ['效益指标', '社会效益指标', '服务水平', '20', '18'],
      ['满意度指标', '满意度指标', '服务对象满意度', '10', '9.44'],
    ]);
    const [first, , cost, social, sat] = r.indicators;
    expect(first).toMatchObject({ target: '>=100人次', target_op: '>=', target_value: '100', target_unit: '人次', actual_value: '120', deviation: null });
    expect(cost).toMatchObject({ target_op: '<=', target_value: '25', target_unit: '万元', actual_unit: '万元' });
    expect(social).toMatchObject({ target: '显著提高', target_op: '', target_value: null, target_unit: null, deviation: '仍需改进。' });
    expect(sat).toMatchObject({ actual: '=85%', actual_value: '85', actual_unit: '%' });
    // cell-level provenance of an indicator
    expect(sat.cells.score).toMatchObject({ page: 7, source_text: '9.44' });
    expect(sat.source_text).toContain('服务对象满意度');
    expect(sat.bbox.x1).toBeGreaterThan(sat.bbox.x0);
  });

  it('reads another layout (other column order, extra column, other wording) with the same rules', () => {
    const rows: Spec[][] = [
      ['项目名称', { t: '乙项目', cs: 7 }],
      ['主管单位', { t: '某局', cs: 3 }, '执行单位', { t: '某所', cs: 3 }],
      ['项目资金（万元）', '全年预算数', '年初预算', '全年执行数', '执行率', '分值', '得分', '备注'],
      ['年度资金总计', '50', '40', '45', '90.00%', '10', '9.00', ''],
      ['其中：当年财政拨款', '50', '40', '45', '—', '—', '—', '说明'],
      ['年度总体目标', { t: '目标文本', cs: 7 }],
      ['一级指标', '二级指标', '三级指标', '指标值', '实际完成值', '偏差原因分析及改进措施', '分值', '得分'],
      [{ t: '产出指标', rs: 2 }, '数量指标', '甲', '=5个', '5个', '', '60', '60'],
      [null, '质量指标', '乙', '>=95%', '90%', '略低', '20', '15'],
      ['满意度指标', '满意度指标', '丙', '>=90%', '95%', '', '10', '10'],
      [{ t: '总分', cs: 6 }, '100', '94.00'],
    ];
    const r = readEvaluations([buildTable(rows)], rules);
    expect(r.unread).toEqual([]);
    expect(r.evaluations[0]).toMatchObject({
      project: '乙项目',
      supervisor: '某局',
      implementer: '某所',
      initial: '40',
      full_year: '50',
      executed: '45',
      weight: '10',
      rate_pct: '90.00',
      score: '9.00',
      goal_expected: '目标文本',
      goal_actual: null,
      total_score: '94.00',
    });
    expect(r.funds.map((f) => f.row)).toEqual(['年度资金总额', '当年财政拨款']);
    expect(r.indicators.map((i) => [i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score, i.deviation])).toEqual([
      ['产出指标', '数量指标', '甲', '=5个', '5个', '60', '60', null],
      ['产出指标', '质量指标', '乙', '>=95%', '90%', '20', '15', '略低'],
      ['满意度指标', '满意度指标', '丙', '>=90%', '95%', '10', '10', null],
    ]);
  });

  it('reads a header wording the rules do not know once the rule says it (a rule change, no code change)', () => {
    const rows = standardRows().map((row) => row.map((s) => (s === '得分' ? '评分' : s)));
    const before = readEvaluations([buildTable(rows)], rules);
    expect(before.evaluations[0].score).toBeNull();
    expect(before.indicators.every((i) => i.score === null)).toBe(true);
    const changed: TableRules = structuredClone(rules);
    changed.evaluation.funds.columns.score = '^(得分|评分)$';
    changed.evaluation.indicators.columns.score = '^(得分|评分)$';
    const after = readEvaluations([buildTable(rows)], changed);
    expect(after.evaluations[0].score).toBe('8.00');
    expect(after.indicators.map((i) => i.score)).toEqual(['30', '20', '10', '18', '9.44']);
  });

  it('carries 一级/二级 across a page break where the continued span cell is empty', () => {
    const rows: Spec[][] = [
      ...standardRows().slice(0, 9),
      [{ t: '年度绩效指标完成情况', rs: 4 }, '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
      [null, { t: '产出指标', rs: 3 }, { t: '数量指标', rs: 3 }, 'A', '=1个', '1个', '30', '30', ''],
      [null, null, null, 'B', '=2个', '2个', '30', '30', ''],
      [null, null, null, 'C', '=3个', '3个', '20', '20', ''],
      // page 2: the spans cut by the page break come back as empty cells
      [{ t: '', rs: 2 }, '', '', 'D', '=4个', '4个', '5', '5', ''],
      [null, '满意度指标', '满意度指标', 'E', '>=90%', '90%', '5', '5', ''],
      [{ t: '总分', cs: 6 }, '100', '98.00分', ''],
    ];
    const r = readEvaluations([buildTable(rows, { page: 3, pageBreaks: [13] })], rules);
    expect(r.indicators.map((i) => [i.level1, i.level2, i.name, i.page])).toEqual([
      ['产出指标', '数量指标', 'A', 3],
      ['产出指标', '数量指标', 'B', 3],
      ['产出指标', '数量指标', 'C', 3],
      ['产出指标', '数量指标', 'D', 4],
      ['满意度指标', '满意度指标', 'E', 4],
    ]);
    expect(r.evaluations[0]).toMatchObject({ total_score: '98.00', page: 3 });
    expect(r.evaluations[0].cells.total_score?.page).toBe(4);
  });

  it('ignores tables that are not 自评表 and reports a 自评表 it cannot read', () => {
    const other = buildTable([
      ['序号', '单位名称'],
      ['1', '某单位'],
    ]);
    const broken = buildTable([
      ['项目名称', '丙项目'],
      ['说明', '无表头'],
    ]);
    const r = readEvaluations([other, broken], rules);
    expect(r.evaluations.map((e) => e.project)).toEqual(['丙项目']);
    expect(r.unread.map((u) => u.reason)).toEqual([expect.stringContaining('没有项目资金表头'), expect.stringContaining('没有绩效指标表头')]);
  });

  it('reports a number cell that is not a number instead of guessing', () => {
    const rows = standardRows();
    rows[3][7] = '八分';
    const r = readEvaluations([buildTable(rows)], rules);
    expect(r.evaluations[0].score).toBeNull();
    expect(r.unread).toEqual([expect.objectContaining({ source_text: '八分', reason: expect.stringContaining('年度资金总额得分：印的不是数字') })]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Evaluation, EvaluationFund, Indicator } from '../../src/extract/evaluations.js';
import type { CodedTable } from '../../src/extract/statistical-tables.js';
import type { LineItem } from '../../src/extract/types.js';
import { parseTarget } from '../../src/values/target.js';
import {
  EVALUATION_CHECKS,
  evaluationFundScore,
  evaluationFundsSum,
  evaluationRate,
  evaluationScoreLeWeight,
  evaluationTotalScore,
  evaluationWeightsSum,
  indicatorTargetScore,
} from '../../src/validate/checks/evaluations.js';
import { CODED_TABLE_CHECKS, codedTableSum, samePrinted, tableMatchesNarrative } from '../../src/validate/checks/coded-tables.js';
import { runChecks } from '../../src/validate/checks.js';
import type { CheckInput } from '../../src/validate/types.js';
import { checkInput, fact as narrativeFact, table, withTables } from './input.js';

const prov = { page: 5, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 }, source_text: 'x' };

function fund(row: string, v: Partial<EvaluationFund> = {}): EvaluationFund {
  const total = row === '年度资金总额';
  return { ...prov, eval_no: 1, project: 'P', row, total, initial: null, full_year: null, executed: null, weight: null, rate_pct: null, score: null, cells: {}, ...v };
}

function indicator(name: string, weight: string, score: string, target = '', actual = ''): Indicator {
  const t = parseTarget(target);
  const a = parseTarget(actual);
  return {
    ...prov,
    eval_no: 1,
    project: 'P',
    level1: '产出指标',
    level2: '数量指标',
    name,
    target,
    target_op: t.op,
    target_value: t.value,
    target_unit: t.unit,
    actual,
    actual_value: a.value,
    actual_unit: a.unit,
    weight,
    score,
    deviation: null,
    cells: {},
  };
}

/** A consistent 自评表: 10 × 89.06% → 8.91; 8.91 + 40 + 45 = 93.91; 10 + 40 + 50 = 100. */
function goodEvaluation(): CheckInput {
  const total = fund('年度资金总额', { initial: '18.86', full_year: '24.04', executed: '21.41', weight: '10', rate_pct: '89.06', score: '8.91' });
  const funds = [
    total,
    fund('当年财政拨款', { initial: '18.86', full_year: '18.86', executed: '16.23' }),
    fund('上年结转资金', { initial: '0', full_year: '5.18', executed: '5.18' }),
    fund('其他资金', { initial: '0', full_year: '0', executed: '0' }),
  ];
  const evaluation: Evaluation = {
    ...prov,
    eval_no: 1,
    project: 'P',
    supervisor: null,
    implementer: null,
    initial: total.initial,
    full_year: total.full_year,
    executed: total.executed,
    weight: total.weight,
    rate_pct: total.rate_pct,
    score: total.score,
    goal_expected: null,
    goal_actual: null,
    total_score: '93.91',
    total_weight: '100',
    cells: {},
  };
  const indicators = [indicator('A', '40', '40', '>=50次', '68次'), indicator('B', '50', '45', '>=90%', '85%')];
  return checkInput({ evaluations: [evaluation], funds, indicators });
}

function line(code: string, amount: string, context = '一般公共预算财政拨款支出决算表'): LineItem {
  return { ...prov, context, total_key: null, code, level: ({ 3: '类', 5: '款', 7: '项' } as const)[code.length as 3 | 5 | 7], name: `n${code}`, amount, unit: '万元', section: '四' };
}

const fact = (key: string, amount: string) => narrativeFact(key, amount, { ...prov, section: '二/五' });

function goodTable(): CheckInput {
  const lines = [line('206', '3000.00'), line('20604', '1000.00'), line('2060499', '1000.00'), line('20699', '2000.00'), line('2069999', '2000.00'), line('208', '10.24'), line('20805', '10.24'), line('2080501', '10.24')];
  const coded: CodedTable = {
    table_no: 1,
    title: '一般公共预算财政拨款支出决算表',
    context: '一般公共预算财政拨款支出决算表',
    section: '四',
    unit: '万元',
    page: 36,
    total_key: 'table5_total',
    narrative_context: '一般公共预算财政拨款支出',
    narrative_total_key: 'gpb_expense_total',
    lines,
    total: { ...fact('table5_total', '3010.24'), section: '四', label: '合计' },
  };
  const narrativeLines = [line('2060499', '1000', '一般公共预算财政拨款支出'), line('2069999', '2000', '一般公共预算财政拨款支出'), line('2080501', '10.24', '一般公共预算财政拨款支出')];
  // the same table as the reader's cells (one value column, 合计 at the bottom)
  const cells = table('gpb_expense', 1, ['本年支出'], [...lines.map((l) => ({ code: l.code, row: l.name, v: { 本年支出: l.amount } })), { row: '合计', v: { 本年支出: '3010.24' } }], { title: '一般公共预算财政拨款支出决算表' });
  return checkInput({ codedTables: [coded], ...withTables(cells), lineItems: narrativeLines, facts: [fact('gpb_expense_total', '3010.24')] });
}

const TABLE_CHECKS = [...EVALUATION_CHECKS, ...CODED_TABLE_CHECKS];
const runTableChecks = (input: CheckInput) => runChecks(input, TABLE_CHECKS);
const ids = (input: CheckInput) => runTableChecks(input).map((f) => `${f.check}:${f.subject}`);

describe('table checks', () => {
  it('pass on a consistent 自评表 and a consistent 表五', () => {
    expect(runTableChecks(goodEvaluation())).toEqual([]);
    expect(runTableChecks(goodTable())).toEqual([]);
  });

  it('evaluation_rate: 执行率 ≠ 全年执行数 / 全年预算数', () => {
    const input = goodEvaluation();
    input.funds[0].rate_pct = '98.06';
    expect(evaluationRate.run(input)).toEqual([expect.objectContaining({ check: 'evaluation_rate', subject: 'P/年度资金总额', expected: '89.06', actual: '98.06' })]);
  });

  it('evaluation_fund_score: 得分 ≠ 分值 × 执行率', () => {
    const input = goodEvaluation();
    expect(evaluationFundScore.run(input)).toEqual([]);
    // 8.90 is still 10 × 21.41 / 24.04 within the amounts' rounding; 8.80 is not
    input.funds[0].score = '8.90';
    expect(evaluationFundScore.run(input)).toEqual([]);
    input.funds[0].score = '8.80';
    expect(evaluationFundScore.run(input)).toEqual([expect.objectContaining({ check: 'evaluation_fund_score', expected: '8.91', actual: '8.80' })]);
  });

  it('evaluation_score_le_weight: a score above its weight (fund row or indicator)', () => {
    const input = goodEvaluation();
    expect(evaluationScoreLeWeight.run(input)).toEqual([]);
    input.indicators[1].score = '55';
    input.funds[0].score = '11';
    expect(evaluationScoreLeWeight.run(input).map((f) => f.subject)).toEqual(['P/年度资金总额', 'P/B']);
  });

  it('evaluation_total_score: 总分 ≠ funds 得分 + Σ indicator 得分', () => {
    const input = goodEvaluation();
    input.evaluations[0].total_score = '94.91';
    expect(evaluationTotalScore.run(input)).toEqual([expect.objectContaining({ expected: '93.91', actual: '94.91' })]);
  });

  it('evaluation_weights_sum: Σ 分值 ≠ 100 (integer weights are exact, not ±0.5)', () => {
    const input = goodEvaluation();
    expect(evaluationWeightsSum.run(input)).toEqual([]);
    input.indicators[0].weight = '39';
    expect(evaluationWeightsSum.run(input)).toEqual([expect.objectContaining({ expected: '100', actual: '99' })]);
  });

  it('evaluation_funds_sum: 年度资金总额 ≠ Σ 其中 rows', () => {
    const input = goodEvaluation();
    expect(evaluationFundsSum.run(input)).toEqual([]);
    input.funds[2].executed = '5.81';
    expect(evaluationFundsSum.run(input)).toEqual([expect.objectContaining({ subject: 'P/executed', expected: '21.41', actual: '22.04' })]);
  });

  it('indicator_target_score: a missed target with full marks is a warning; a met <= cap scored by share spent is not', () => {
    const input = goodEvaluation();
    input.indicators.push(indicator('C', '10', '8', '<=18.84万元', '16.23万元'));
    expect(indicatorTargetScore.run(input)).toEqual([]);
    input.indicators[1].score = '50';
    expect(indicatorTargetScore.run(input)).toEqual([expect.objectContaining({ severity: 'warning', subject: 'P/B' })]);
  });

  it('coded_table_sum: 类 ≠ Σ 款, 款 ≠ Σ 项, 合计 ≠ Σ 类', () => {
    const input = goodTable();
    expect(codedTableSum.run(input)).toEqual([]);
    const set = (code: string | null, value: string) => input.cells.filter((c) => (code ? c.row_code === code : c.row === '合计')).forEach((c) => (c.value = value));
    set('2060499', '1000.10'); // 20604's only 项
    set(null, '3010.34');
    expect(codedTableSum.run(input).map((f) => [f.severity, f.subject, f.expected, f.actual])).toEqual([
      ['error', 'gpb_expense/20604/本年支出', '1000.00', '1000.10'],
      ['error', 'gpb_expense/合计/本年支出', '3010.34', '3010.24'],
    ]);
    // the review also ties the line items and the total made from the same rows
    expect(codedTableSum.run(input)[0].subjects).toEqual(['gpb_expense/20604/本年支出', 'gpb_expense/2060499/本年支出', '一般公共预算财政拨款支出决算表/20604', '一般公共预算财政拨款支出决算表/2060499']);
    expect(codedTableSum.run(input)[0].message).toBe('表内不一致：一般公共预算财政拨款支出决算表 20604 n20604 印为 1000.00，其下 1 项之和为 1000.10（第5页）');
  });

  it('coded_table_sum: a slip of printed rounding in a long list is a warning; every value column and the economic 类 too', () => {
    const t = table('gpb_basic_expense', 1, ['决算数'], [
      { code: '302', row: '商品和服务支出', v: { 决算数: '10.23' } },
      ...['3.78', '1.15', '0.02', '0.68', '0.48', '1.48', '2.43', '0.20'].map((v, i) => ({ code: `302${String(i + 1).padStart(2, '0')}`, row: `x${i}`, v: { 决算数: v } })),
    ]);
    expect(codedTableSum.run(checkInput(withTables(t))).map((f) => [f.severity, f.subject, f.actual])).toEqual([['warning', 'gpb_basic_expense/302/决算数', '10.22']]);
    const e = table('expense', 2, ['本年支出合计', '基本支出', '项目支出'], [
      { row: '合计', v: { 本年支出合计: '30.00', 基本支出: '10.00', 项目支出: '20.00' } },
      { code: '201', v: { 本年支出合计: '30.00', 基本支出: '10.00', 项目支出: '20.00' } },
      { code: '20101', v: { 本年支出合计: '30.00', 基本支出: '10.00', 项目支出: '20.00' } },
      { code: '2010101', v: { 本年支出合计: '30.00', 基本支出: '11.00', 项目支出: '20.00' } },
    ]);
    expect(codedTableSum.run(checkInput(withTables(e))).map((f) => f.subject)).toEqual(['expense/20101/基本支出']);
  });

  it('coded_table_sum: a cell printed with a space inside its number (OCR) is summed as that number, not a crash', () => {
    const t = table('expense', 2, ['本年支出合计'], [
      { code: '201', v: { 本年支出合计: '264.87' } },
      { code: '20101', v: { 本年支出合计: '265.87 3' } },
    ]);
    expect(codedTableSum.run(checkInput(withTables(t))).map((f) => [f.subject, f.expected, f.actual])).toEqual([['expense/201/本年支出合计', '264.87', '265.873']]);
  });

  it('table_matches_narrative: same code → same amount, same total (7030.18 vs 7030.17 differ though their intervals touch)', () => {
    const input = goodTable();
    input.facts[0].amount = '3010.23';
    input.lineItems[1].amount = '2001';
    expect(tableMatchesNarrative.run(input).map((f) => [f.subject, f.expected, f.actual])).toEqual([
      ['一般公共预算财政拨款支出决算表/2069999', '2001', '2000.00'],
      ['table5_total', '3010.23', '3010.24'],
    ]);
    // a 项 row the narrative does not list, and a narrative line the table does not have: warnings
    const more = goodTable();
    more.lineItems.pop();
    more.lineItems.push(line('2150501', '5', '一般公共预算财政拨款支出'));
    expect(tableMatchesNarrative.run(more).map((f) => [f.severity, f.subject])).toEqual([
      ['warning', '一般公共预算财政拨款支出决算表/2080501'],
      ['warning', '一般公共预算财政拨款支出决算表/2150501'],
    ]);
  });

  it('samePrinted compares at the coarser printing', () => {
    expect(samePrinted('1000', '1000.00')).toBe(true);
    expect(samePrinted('7030.17', '7030.18')).toBe(false);
    expect(samePrinted('12.5', '12.46')).toBe(true);
  });

  it('runs all checks through runTableChecks', () => {
    const input = goodEvaluation();
    input.evaluations[0].total_score = '90';
    expect(ids(input)).toEqual(['evaluation_total_score:P']);
  });
});

import { describe, expect, it } from 'vitest';
import { codedTableSum } from '../../src/validate/checks/coded-tables.js';
import { crossTable } from '../../src/validate/checks/cross-table.js';
import { withinTableSum } from '../../src/validate/checks/within-table.js';
import { runChecks } from '../../src/validate/checks.js';
import { checkInput, table, withTables } from './input.js';
import { readTruth, truthTables } from './truth-input.js';

const EXPENSE = ['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'];

/** A consistent small report: the nine tables' identities all hold. */
function report() {
  const summary = table('income_expense_summary', 1, ['收入/决算数', '支出/决算数'], [
    { row: '一、一般公共预算财政拨款收入', v: { '收入/决算数': '300.00' } },
    { row: '一、一般公共服务支出', v: { '支出/决算数': '250.00' } },
    { row: '五、事业收入', v: { '收入/决算数': '20.00' } },
    { row: '八、社会保障和就业支出', v: { '支出/决算数': '70.00' } },
    { row: '本年收入合计', v: { '收入/决算数': '320.00' } },
    { row: '本年支出合计', v: { '支出/决算数': '320.00' } },
    { row: '年初结转和结余', v: { '收入/决算数': '10.00' } },
    { row: '年末结转和结余', v: { '支出/决算数': '10.00' } },
    { row: '总计', v: { '收入/决算数': '330.00', '支出/决算数': '330.00' } },
  ], { page: 5, title: '收入支出决算总表' });
  const income = table('income', 2, ['本年收入合计', '财政拨款收入', '上级补助收入', '事业收入', '经营收入', '附属单位上缴收入', '其他收入'], [
    { row: '合计', v: { 本年收入合计: '320.00', 财政拨款收入: '300.00', 事业收入: '20.00' } },
    { code: '201', row: '一般公共服务支出', v: { 本年收入合计: '250.00', 财政拨款收入: '230.00', 事业收入: '20.00' } },
    { code: '20101', row: '人大事务', v: { 本年收入合计: '250.00', 财政拨款收入: '230.00', 事业收入: '20.00' } },
    { code: '208', row: '社会保障和就业支出', v: { 本年收入合计: '70.00', 财政拨款收入: '70.00' } },
  ], { page: 6, title: '收入决算表' });
  const expense = table('expense', 3, EXPENSE, [
    { row: '合计', v: { 本年支出合计: '320.00', 基本支出: '120.00', 项目支出: '200.00' } },
    { code: '201', row: '一般公共服务支出', v: { 本年支出合计: '250.00', 基本支出: '50.00', 项目支出: '200.00' } },
    { code: '208', row: '社会保障和就业支出', v: { 本年支出合计: '70.00', 基本支出: '70.00' } },
  ], { page: 8, title: '支出决算表' });
  const fiscal = table('fiscal_summary', 4, ['收入/决算数', '支出/合计', '支出/一般公共预算财政拨款'], [
    { row: '一、一般公共预算财政拨款', v: { '收入/决算数': '300.00' } },
    { row: '一、一般公共服务支出', v: { '支出/合计': '230.00', '支出/一般公共预算财政拨款': '230.00' } },
    { row: '八、社会保障和就业支出', v: { '支出/合计': '70.00', '支出/一般公共预算财政拨款': '70.00' } },
    { row: '本年收入合计', v: { '收入/决算数': '300.00' } },
    { row: '本年支出合计', v: { '支出/合计': '300.00', '支出/一般公共预算财政拨款': '300.00' } },
    { row: '年初财政拨款结转和结余', v: { '收入/决算数': '5.00' } },
    { row: '一、一般公共预算财政拨款', v: { '收入/决算数': '5.00' } },
    { row: '年末财政拨款结转和结余', v: { '支出/合计': '5.00', '支出/一般公共预算财政拨款': '5.00' } },
    { row: '总计', v: { '收入/决算数': '305.00', '支出/合计': '305.00', '支出/一般公共预算财政拨款': '305.00' } },
  ], { page: 10, title: '财政拨款收入支出决算总表' });
  const gpb = table('gpb_expense', 5, ['合计', '基本支出', '项目支出'], [
    { code: '201', row: '一般公共服务支出', v: { 合计: '230.00', 基本支出: '30.00', 项目支出: '200.00' } },
    { code: '208', row: '社会保障和就业支出', v: { 合计: '70.00', 基本支出: '70.00' } },
    { row: '合计', v: { 合计: '300.00', 基本支出: '100.00', 项目支出: '200.00' } },
  ], { page: 12, title: '一般公共预算财政拨款支出决算表' });
  const basic = table('gpb_basic_expense', 6, ['决算数'], [
    { code: '301', row: '工资福利支出', v: { 决算数: '90.00' } },
    { code: '30101', row: '基本工资', v: { 决算数: '90.00' } },
    { code: '302', row: '商品和服务支出', v: { 决算数: '10.00' } },
    { code: '30201', row: '办公费', v: { 决算数: '10.00' } },
    { row: '人员经费合计', v: { 决算数: '90.00' } },
    { row: '公用经费合计', v: { 决算数: '10.00' } },
  ], { page: 13, title: '一般公共预算财政拨款基本支出决算表' });
  const tp = ['合计', '因公出国（境）费', '公务用车购置及运行维护费/小计', '公务用车购置及运行维护费/公务用车购置费', '公务用车购置及运行维护费/公务用车运行维护费', '公务接待费'];
  const threePublic = table('three_public', 7, tp.flatMap((c) => [`财政拨款“三公”经费/${c}/预算数`, `财政拨款“三公”经费/${c}/决算数`]), [
    {
      v: Object.fromEntries(
        tp.flatMap((c, i) => {
          const budget = ['10.00', '2.00', '6.00', '4.00', '2.00', '2.00'][i];
          const final = ['9.00', '1.00', '6.00', '4.00', '2.00', '2.00'][i];
          return [[`财政拨款“三公”经费/${c}/预算数`, budget], [`财政拨款“三公”经费/${c}/决算数`, final]];
        }),
      ),
    },
  ], { page: 14, title: '财政拨款“三公”经费支出决算表' });
  return { summary, income, expense, fiscal, gpb, basic, threePublic };
}

const input = (r: ReturnType<typeof report>) => checkInput(withTables(...Object.values(r)));
const run = (r: ReturnType<typeof report>) => runChecks(input(r), [codedTableSum, withinTableSum, crossTable]).map((f) => `${f.severity}:${f.check}:${f.subject}`);
const set = (t: { cells: { row: string; row_code: string | null; column: string; value: string }[] }, row: string, column: string, value: string) => {
  const c = t.cells.find((x) => (x.row_code ?? x.row) === row && x.column === column);
  if (!c) throw new Error(`no cell ${row}/${column}`);
  c.value = value;
};

describe('table identities', () => {
  it('hold on a consistent report', () => {
    expect(run(report())).toEqual([]);
  });

  it('within_table_sum: across columns (支出决算表 本年支出合计 = 基本 + 项目 …), per basis in the 三公 table', () => {
    const r = report();
    set(r.expense, '208', '基本支出', '69.00');
    expect(withinTableSum.run(input(r)).map((f) => [f.subject, f.expected, f.actual])).toEqual([['expense/208/本年支出合计', '70.00', '69.00']]);
    const t = report();
    set(t.threePublic, '', '财政拨款“三公”经费/公务用车购置及运行维护费/公务用车购置费/决算数', '3.00');
    const f = withinTableSum.run(input(t));
    expect(f.map((x) => [x.subject, x.expected, x.actual])).toEqual([['three_public//财政拨款“三公”经费/公务用车购置及运行维护费/小计/决算数', '6.00', '5.00']]);
    expect(f[0].message).toBe('表内不一致：财政拨款“三公”经费支出决算表 财政拨款“三公”经费/公务用车购置及运行维护费/小计/决算数 印为 6.00，公务用车购置费 + 公务用车运行维护费（决算数） 为 5.00（第14页）');
  });

  it('within_table_sum: across rows (本年收入合计 = 一、…; 总计 = 本年合计 + 结转结余; 人员经费合计 = 301 + 303) and both sides\' 总计', () => {
    const r = report();
    set(r.summary, '本年收入合计', '收入/决算数', '321.00');
    const ids = withinTableSum.run(input(r)).map((f) => f.subject);
    expect(ids).toEqual(['income_expense_summary/本年收入合计/收入/决算数', 'income_expense_summary/总计/收入/决算数']);
    const b = report();
    set(b.basic, '人员经费合计', '决算数', '91.00');
    expect(withinTableSum.run(input(b)).map((f) => f.subject)).toEqual(['gpb_basic_expense/人员经费合计/决算数']);
    const s = report();
    set(s.fiscal, '总计', '支出/合计', '306.00');
    expect(withinTableSum.run(input(s)).map((f) => [f.subject, f.message])).toEqual([
      // its 合计 column is the sum of the fund columns on every row, 总计 too
      ['fiscal_summary/总计/支出/合计', '表内不一致：财政拨款收入支出决算总表 总计 支出/合计 印为 306.00，一般公共预算财政拨款 为 305.00（第10页）'],
      ['fiscal_summary/总计/支出/合计', '表内不一致：财政拨款收入支出决算总表 总计 支出/合计 印为 306.00，本年支出合计 + 年末财政拨款结转和结余 2 行之和为 305.00（第10页）'],
      ['fiscal_summary/总计/收入/决算数', '表内不一致：财政拨款收入支出决算总表 总计 收入/决算数 305.00 ≠ 总计 支出/合计 306.00（第10页）'],
    ]);
  });

  it('cross_table: declared cells and every 类 by code or by name, in Chinese with both numbers and pages', () => {
    const r = report();
    set(r.summary, '八、社会保障和就业支出', '支出/决算数', '70.01');
    const f = crossTable.run(input(r));
    expect(f.map((x) => [x.severity, x.subject, x.expected, x.actual, x.pages])).toEqual([['error', 'income_expense_summary/八、社会保障和就业支出/支出/决算数', '70.01', '70.00', [5, 8]]]);
    expect(f[0].message).toBe('表间不一致：收入支出决算总表 八、社会保障和就业支出 支出/决算数 70.01 ≠ 支出决算表 208 社会保障和就业支出 本年支出合计 70.00（第5页、第8页）');
    expect(f[0].subjects).toEqual(['income_expense_summary/八、社会保障和就业支出/支出/决算数', 'expense/208/本年支出合计']);
    // a 类 one table prints and the other does not
    const m = report();
    m.gpb.cells = m.gpb.cells.filter((c) => c.row_code !== '208');
    expect(crossTable.run(input(m)).map((x) => x.subject)).toContain('fiscal_summary/八、社会保障和就业支出/支出/一般公共预算财政拨款');
  });

  it('cross_table: 人员经费合计 + 公用经费合计 against 基本支出 is a sum, so a one-cent slip is a warning', () => {
    const r = report();
    set(r.basic, '公用经费合计', '决算数', '10.01');
    set(r.basic, '302', '决算数', '10.01');
    set(r.basic, '30201', '决算数', '10.01');
    const f = crossTable.run(input(r));
    expect(f.map((x) => [x.severity, x.expected, x.actual])).toEqual([['warning', '100.01', '100.00']]);
    expect(f[0].message).toBe('表间不一致：一般公共预算财政拨款基本支出决算表 人员经费合计 90.00 + 公用经费合计 10.01 = 100.01 ≠ 一般公共预算财政拨款支出决算表 合计 基本支出 100.00（差额在印刷舍入范围内；第12页、第13页）');
  });

  it('tables printed in different units are not compared digit by digit', () => {
    const r = report();
    r.expense.info.unit = '元';
    set(r.summary, '八、社会保障和就业支出', '支出/决算数', '70.01');
    expect(crossTable.run(input(r)).map((f) => f.subject)).not.toContain('income_expense_summary/八、社会保障和就业支出/支出/决算数');
  });

  it('a table printed empty reads as zeros; a table not printed, or of another column set, is not compared', () => {
    const r = report();
    const gov = table('gov_fund', 8, ['年初结转和结余', '本年收入', '本年支出/合计', '本年支出/基本支出', '本年支出/项目支出', '年末结转和结余'], [], { page: 15 });
    expect(runChecks(checkInput(withTables(...Object.values(r), gov)), [withinTableSum, crossTable])).toEqual([]);
    set(r.fiscal, '本年支出合计', '支出/一般公共预算财政拨款', '300.00');
    r.fiscal.cells.push({ ...r.fiscal.cells[0], row: '二、政府性基金预算财政拨款', row_no: 1, value: '8.00' });
    expect(runChecks(checkInput(withTables(...Object.values(r), gov)), [crossTable]).map((f) => f.subject)).toContain('fiscal_summary/二、政府性基金预算财政拨款/收入/决算数');
    // without the gov_fund table there is nothing to compare that income with
    expect(runChecks(checkInput(withTables(...Object.values(r))), [crossTable]).map((f) => f.subject)).not.toContain('fiscal_summary/二、政府性基金预算财政拨款/收入/决算数');
  });

  it('on the real report\'s truth: exactly notes 1 (302 ≠ Σ 款) and 2 (人员经费 + 公用经费 ≠ 基本支出), both printed-rounding warnings', () => {
    const truth = readTruth('putuo-shgzb-2024.truth.json');
    const f = runChecks(checkInput(truthTables(truth)), [codedTableSum, withinTableSum, crossTable]);
    expect(f.map((x) => `${x.severity}:${x.check}:${x.subject}:${x.expected}:${x.actual}`)).toEqual([
      'warning:coded_table_sum:gpb_basic_expense/302/决算数:10.23:10.22',
      'warning:cross_table:gpb_basic_expense/人员经费合计/决算数:105.59:105.58',
    ]);
  });
});

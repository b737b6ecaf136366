import { describe, expect, it } from 'vitest';
import { amountBound } from '../../src/validate/checks/bounds.js';
import { itemPurposeCopied, listedItemZero } from '../../src/validate/checks/item-words.js';
import { tableMatchesNarrative } from '../../src/validate/checks/narrative-tables.js';
import { completionPct, completionZeroBudget } from '../../src/validate/checks/ratios.js';
import { comparisonWord } from '../../src/validate/checks/words.js';
import type { Fact } from '../../src/extract/types.js';
import type { TextLine } from '../../src/validate/types.js';
import { checkInput, fact, prov, table, withTables } from './input.js';

/** A fact printed at page p, its statement ending at height y (PDF points from the bottom). */
const at = (page: number, y: number) => ({ page, bbox: { x0: 70, y0: y, x1: 520, y1: y + 15 } });
const line = (text: string, page: number, y: number, section: string): TextLine => ({ page, bbox: { x0: 70, y0: y, x1: 520, y1: y + 15 }, text, section, heading: false, in_table: false });

const gpb = () =>
  table('gpb_expense', 1, ['合计', '基本支出', '项目支出'], [
    { code: '201', row: '一般公共服务支出', v: { 合计: '264.87', 基本支出: '62.63', 项目支出: '202.24' } },
    { code: '20139', row: '社会工作事务', v: { 合计: '264.87', 基本支出: '62.63', 项目支出: '202.24' } },
    { code: '2013901', row: '行政运行', v: { 合计: '51.32', 基本支出: '51.32' } },
    { code: '2013999', row: '其他社会工作事务支出', v: { 合计: '213.55', 基本支出: '11.31', 项目支出: '202.24' } },
    { row: '合计', v: { 合计: '264.87', 基本支出: '62.63', 项目支出: '202.24' } },
  ], { page: 12, title: '一般公共预算财政拨款支出决算表' });
const basic = () =>
  table('gpb_basic_expense', 2, ['决算数'], [
    { code: '302', row: '商品和服务支出', v: { 决算数: '10.23' } },
    { code: '30201', row: '办公费', v: { 决算数: '10.23' } },
    { code: '30207', row: '邮电费', v: { 决算数: '0.00' } },
    { row: '人员经费合计', v: { 决算数: '52.40' } },
    { row: '公用经费合计', v: { 决算数: '10.23' } },
  ], { page: 13, title: '一般公共预算财政拨款基本支出决算表' });

const item = (n: number, label: string, code: string | null, amount: string, budget: string, more: Partial<Fact> = {}) =>
  fact('gpb_item', amount, { ...at(18, 500 - n * 60), section: '三/五/三', label, code, item_no: n, budget, budget_basis: '全年预算', parent: 'gpb_expense_total', ...more });

describe('narrative against tables', () => {
  it('table_matches_narrative: totals, components, 类 and numbered items by code agree with their cells', () => {
    const facts = [
      fact('gpb_basic_total', '62.63', { ...at(20, 600), section: '三/六', label: '一般公共预算财政拨款基本支出' }),
      fact('gpb_public', '10.23', { ...at(20, 580), section: '三/六', label: '公用经费', parent: 'gpb_basic_total' }),
      fact('gpb_class', '264.87', { ...at(18, 600), section: '三/五/二', label: '一般公共服务支出（类）', code: '201' }),
      item(1, '一般公共服务支出（类）社会工作事务（款）行政运行（项）', '2013901', '51.32', '52.00'),
    ];
    expect(tableMatchesNarrative.run(checkInput({ facts, ...withTables(gpb(), basic()) }))).toEqual([]);
    // a 类 without a linked code is found by its national name
    expect(tableMatchesNarrative.run(checkInput({ facts: [{ ...facts[2], code: null }], ...withTables(gpb()) }))).toEqual([]);
    const wrong = [{ ...facts[0], amount: '62.13' }, { ...facts[3], amount: '51.23' }];
    const f = tableMatchesNarrative.run(checkInput({ facts: wrong, ...withTables(gpb(), basic()) }));
    expect(f.map((x) => [x.severity, x.subject, x.expected, x.actual, x.pages])).toEqual([
      ['error', 'gpb_basic_total@三/六/一般公共预算财政拨款基本支出', '62.13', '62.63', [12, 20]],
      ['error', 'gpb_item@三/五/三/一般公共服务支出（类）社会工作事务（款）行政运行（项）', '51.23', '51.32', [12, 18]],
    ]);
    expect(f[0].message).toBe('表与说明不一致：说明“一般公共预算财政拨款基本支出” 62.13 ≠ 一般公共预算财政拨款支出决算表 合计 基本支出 62.63（三/六；第12页、第20页）');
    expect(f[0].subjects).toEqual(['gpb_basic_total@三/六/一般公共预算财政拨款基本支出', 'gpb_basic_total', 'gpb_expense/合计/基本支出']);
  });

  it('table_matches_narrative: an item the table does not print is a warning; a restated row is left to the restatement check', () => {
    const missing = item(2, '一般公共服务支出（类）社会工作事务（款）事业运行（项）', null, '11.31', '17.68');
    expect(tableMatchesNarrative.run(checkInput({ facts: [missing], ...withTables(gpb()) })).map((x) => [x.severity, x.subject])).toEqual([['warning', 'gpb_item@三/五/三/一般公共服务支出（类）社会工作事务（款）事业运行（项）']]);
    const restated = fact('gpb_basic_total', '62.13', { section: '三/六', restates: '三/三' });
    expect(tableMatchesNarrative.run(checkInput({ facts: [restated], ...withTables(gpb()) }))).toEqual([]);
    // a table of another column set (the other layout's 表五 prints only 本年支出) is not compared
    const other = table('gpb_expense', 1, ['本年支出'], [{ row: '合计', v: { 本年支出: '264.87' } }]);
    expect(tableMatchesNarrative.run(checkInput({ facts: [fact('gpb_basic_total', '1.00')], ...withTables(other) }))).toEqual([]);
  });

  it('table_matches_narrative: the 三公 final and budget against the 三公 table, whichever way round its header prints', () => {
    const tp = table('three_public', 3, ['决算数/合计', '预算数/合计', '决算数/公务接待费', '预算数/公务接待费'], [{ v: { '决算数/合计': '3.00', '预算数/合计': '5.00', '决算数/公务接待费': '3.00', '预算数/公务接待费': '5.00' } }], { page: 14 });
    const total = fact('three_public_total', '3.00', { ...at(20, 300), section: '三/七', budget: '5.00', budget_basis: '年初预算' });
    expect(tableMatchesNarrative.run(checkInput({ facts: [total], ...withTables(tp) }))).toEqual([]);
    const f = tableMatchesNarrative.run(checkInput({ facts: [{ ...total, budget: '6.00' }], ...withTables(tp) }));
    expect(f.map((x) => [x.subject, x.expected, x.actual])).toEqual([['three_public_total@三/七/three_public_total', '6.00', '5.00']]);
  });
});

describe('completion rates', () => {
  const budgets = [
    fact('gpb_expense_budget_initial', '0', { ...at(18, 470), section: '三/五/三', label: '一般公共预算财政拨款支出年初预算' }),
    fact('gpb_expense_budget_full_year', '321.02', { ...at(18, 440), section: '三/五/三', label: '全年预算' }),
  ];
  const final = (pct: string, budget: string, basis: string) => fact('gpb_expense_total', '307.82', { ...at(18, 440), section: '三/五/三', label: '支出决算', budget, budget_basis: basis, completion_pct: pct });

  it('completion_zero_budget: 完成年初预算的 x% with a 年初预算 of 0, and which budget the rate really is', () => {
    expect(completionZeroBudget.run(checkInput({ facts: [...budgets, final('95.89', '321.02', '全年预算')] }))).toEqual([]);
    const f = completionZeroBudget.run(checkInput({ facts: [...budgets, final('95.89', '0', '年初预算')] }));
    expect(f.map((x) => [x.severity, x.subject, x.actual])).toEqual([['error', 'gpb_expense_total', '95.89']]);
    expect(f[0].message).toBe('完成率无从计算：支出决算 307.82，年初预算为 0，却印“完成年初预算的 95.89%”；95.89% 是 307.82 ÷ 321.02，即对“全年预算”的完成率（三/五/三，第18页）');
    // completion_pct leaves the zero budget to it, and still recomputes the others
    expect(completionPct.run(checkInput({ facts: [final('95.89', '0', '年初预算')] }))).toEqual([]);
    expect(completionPct.run(checkInput({ facts: [final('95.98', '321.02', '全年预算')] })).map((x) => x.check)).toEqual(['completion_pct']);
  });
});

describe('words against numbers', () => {
  const s = '三/五/三';
  it('comparison_word: 大于 / 小于 / 持平 against the budgets the statement printed', () => {
    const items = [item(1, 'A（类）B（款）C（项）', '2013901', '51.32', '52.00'), item(2, 'A（类）B（款）D（项）', '2013999', '202.24', '202.24')];
    const text = (w1: string, w2: string) => [line(`支出决算为51.32万元，完成全年预算数的98.69%。${w1}的主要原因：人员变动。`, 18, 440, s), line(`支出决算为202.24万元。${w2}。`, 18, 380, s)];
    const run = (w1: string, w2: string) => comparisonWord.run(checkInput({ facts: items, text: text(w1, w2) }));
    expect(run('决算数小于全年预算数', '决算数与全年预算数持平')).toEqual([]);
    const f = run('决算数大于预算数', '决算数小于全年预算数');
    expect(f.map((x) => [x.subject, x.expected, x.actual])).toEqual([
      ['gpb_item@三/五/三/A（类）B（款）C（项）', '大于 52.00', '51.32'],
      ['gpb_item@三/五/三/A（类）B（款）D（项）', '小于 202.24', '202.24'],
    ]);
    expect(f[0].message).toBe('文字与数字矛盾：说明写“决算数大于预算数”，而“A（类）B（款）C（项）”决算 51.32 与全年预算 52.00 相比并非大于（三/五/三，第18页）');
  });

  it('comparison_word: an unnamed 预算数 may be any budget the statement printed (年初预算 0, 全年预算 321.02)', () => {
    const facts = [
      fact('gpb_expense_budget_initial', '0', { ...at(18, 470), section: s, label: '一般公共预算财政拨款支出年初预算' }),
      fact('gpb_expense_budget_full_year', '321.02', { ...at(18, 440), section: s, label: '全年预算' }),
      fact('gpb_expense_total', '307.82', { ...at(18, 440), section: s, label: '支出决算', budget: '0', budget_basis: '年初预算', completion_pct: '95.89' }),
    ];
    const text = [line('决算数小于预算数的主要原因：人员经费支出数小于预算数。', 18, 410, s)];
    expect(comparisonWord.run(checkInput({ facts, text }))).toEqual([]);
    expect(comparisonWord.run(checkInput({ facts, text: [line('决算数小于年初预算数的主要原因：', 18, 410, s)] })).map((x) => x.expected)).toEqual(['小于 0']);
  });

  it('comparison_word: a change whose word and numbers point opposite ways', () => {
    const ok = fact('income_expense_grand_total', '8647.22', { change: '-343.61', change_pct: '-3.82', source_text: '收入支出总计减少343.61万元，下降3.82%' });
    expect(comparisonWord.run(checkInput({ facts: [ok] }))).toEqual([]);
    const bad = [
      { ...ok, change_pct: '3.82', source_text: '收入支出总计减少343.61万元，增长3.82%' },
      fact('admin_running_cost', '10.23', { change: '-1.00', source_text: '机关运行经费支出10.23万元，比上年增加-1.00万元' }),
    ];
    expect(comparisonWord.run(checkInput({ facts: bad })).map((x) => [x.subject, x.actual])).toEqual([
      ['income_expense_grand_total', '-343.61 / 3.82%'],
      ['admin_running_cost', '-1.00 / %'],
    ]);
  });

  it('listed_item_zero: an item named as a main content of 公用经费 that the table prints as 0.00 (warning)', () => {
    const text = (items: string) => [line(`公用经费10.23万元，主要包括：${items}。`, 20, 600, '三/六')];
    expect(listedItemZero.run(checkInput({ text: text('办公费'), ...withTables(basic()) }))).toEqual([]);
    const f = listedItemZero.run(checkInput({ text: text('办公费、邮电费等'), ...withTables(basic()) }));
    expect(f.map((x) => [x.severity, x.subject, x.pages])).toEqual([['warning', 'gpb_basic_expense/30207/决算数', [13, 20]]]);
    expect(f[0].message).toBe('文字与数字矛盾：说明把“邮电费”列为公用经费的主要内容，而一般公共预算财政拨款基本支出决算表 30207 邮电费 印为 0.00（三/六；第13页、第20页）');
  });

  it('item_purpose_copied: an item of another 款 saying it is for the same (warning); items of one 款 may', () => {
    const purpose = (n: number, label: string, code: string, what: string) => item(n, label, code, '1.00', '1.00', { source_text: `${n}、${label}。主要用于：${what}。全年预算为1.00万元` });
    const facts = [
      purpose(6, '卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）', '2101101', '医疗保险支出'),
      purpose(7, '卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）', '2101102', '医疗保险支出'),
    ];
    expect(itemPurposeCopied.run(checkInput({ facts }))).toEqual([]);
    const copied = [...facts, purpose(8, '住房保障支出（类）住房改革支出（款）住房公积金（项）', '2210201', '医疗保险支出')];
    expect(itemPurposeCopied.run(checkInput({ facts: copied })).map((x) => [x.severity, x.subject])).toEqual([['warning', 'gpb_item@三/五/三/住房保障支出（类）住房改革支出（款）住房公积金（项）']]);
  });
});

describe('bounds', () => {
  it('amount_bound: parts of a whole that exceed it, beyond rounding', () => {
    const f = (key: string, amount: string) => fact(key, amount, { ...prov, page: 22, section: '三/十一/二', label: key });
    const ok = [f('procurement_total', '21.07'), f('procurement_sme_reserved_awarded', '21.07'), f('procurement_other_sme_awarded', '0')];
    expect(amountBound.run(checkInput({ facts: ok }))).toEqual([]);
    const bad = [f('procurement_total', '21.07'), f('procurement_sme_reserved_awarded', '21.07'), f('procurement_other_sme_awarded', '21.07')];
    expect(amountBound.run(checkInput({ facts: bad })).map((x) => [x.severity, x.expected, x.actual])).toEqual([['error', '<= 21.07', '42.14']]);
  });
});

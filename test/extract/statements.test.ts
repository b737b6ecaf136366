import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { compileStatementRules, readStatements, type SectionInput } from '../../src/extract/statements.js';
import { located } from '../helpers/located.js';

const all = await loadRules(new URL('../../rules', import.meta.url).pathname);
const rules = compileStatementRules(all.statements, all.facts);
const section = (id: string, titles: string[], text: string, page = 1): SectionInput => ({ id, titles, text: located(text, page) });
const read = (...s: SectionInput[]) => readStatements(s, rules, [{ seq: 2, name: '某县文化馆', kind: '事业单位', page: 1, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 }, source_text: 'x' }]);

describe('statements', () => {
  it('reads a total with change in either wording, sign from the word', () => {
    const r = read(section('二/一', ['说明', '收入支出决算总体情况说明'], '2019年度本年收入1234.5万元，比上年增加100.25万元，增长8.84%，主要原因是：项目增加。本年支出1,000.00万元，与上年相比，下降20万元，下降1.96%。'));
    expect(r.facts.map((f) => [f.key, f.amount, f.change, f.change_pct])).toEqual([
      ['income_total', '1234.5', '100.25', '8.84'],
      ['expense_total', '1000.00', '-20', '-1.96'],
    ]);
  });

  it('reads components with shares and gives them their parent', () => {
    const r = read(section('二/二', ['说明', '收入决算情况说明'], '本年收入100万元，其中：财政拨款收入90万元，占90%；其他收入10万元，占10%。'));
    expect(r.facts.map((f) => [f.key, f.share_pct, f.parent])).toEqual([
      ['income_total', null, null],
      ['income_fiscal', '90', 'income_total'],
      ['income_other', '10', 'income_total'],
    ]);
  });

  it('reads budget versus final: variance on the budget fact, the final amount kept for the check', () => {
    const r = read(section('二/四', ['说明', '财政拨款收入支出决算总体情况说明'], '与年初预算数相比情况：财政拨款收入年初预算数200万元，决算数250万元，预决算差异率25%，主要原因是：追加。'));
    expect(r.facts[0]).toMatchObject({ key: 'fiscal_income_budget_initial', amount: '200', final_amount: '250', variance_pct: '25' });
  });

  it('reads coded lines as line items of the statement before, and 包括 lists as basic items', () => {
    const r = read(
      section('二/五', ['说明', '一般公共预算财政拨款支出决算情况说明'], '一般公共预算财政拨款支出30万元。按功能分类科目项级科目公开，其中：2070101行政运行10万元；2079999其他文化旅游体育与传媒支出20万元。'),
      section('二/六', ['说明', '一般公共预算财政拨款基本支出决算情况说明'], '一般公共预算财政拨款基本支出12万元，其中：人员经费10万元，包括：基本工资6万元、津贴补贴4万元。公用经费2万元，包括：办公费2万元。'),
    );
    expect(r.lineItems.map((l) => [l.context, l.code, l.level, l.name, l.amount, l.total_key])).toEqual([
      ['一般公共预算财政拨款支出', '2070101', '项', '行政运行', '10', 'gpb_expense_total'],
      ['一般公共预算财政拨款支出', '2079999', '项', '其他文化旅游体育与传媒支出', '20', 'gpb_expense_total'],
    ]);
    expect(r.basicItems.map((b) => [b.group, b.name, b.amount])).toEqual([
      ['人员经费', '基本工资', '6'],
      ['人员经费', '津贴补贴', '4'],
      ['公用经费', '办公费', '2'],
    ]);
  });

  it('reads counts, attributes, thresholds, enumerated items and unit-indexed keys', () => {
    const r = read(
      section('二/七', ['说明', '“三公”经费支出决算情况说明'], '公务接待费0.5万元，开支内容包括1.调研接待，3人1餐，计300元；2.检查接待，计200元。单位全年安排的国内公务接待2批次，6人次。'),
      section('二/十/三', ['说明', '其他重要事项', '国有资产占用情况说明'], '单位共有房屋120（平方米），价值30万元。车辆2辆，价值40万元；单位价值50万元以上通用设备1台（套）。'),
      section('二/十/一', ['说明', '其他重要事项', '机关运行经费支出情况'], '某县文化馆（事业单位）日常公用经费5万元，比上年减少1万元，下降16.67%。'),
    );
    const got = Object.fromEntries(r.facts.map((f) => [f.key, `${f.label}=${f.amount}${f.unit}`]));
    expect(got).toMatchObject({
      three_public_reception: '公务接待费=0.5万元',
      three_public_reception_item_1: '调研接待=300元',
      three_public_reception_item_2: '检查接待=200元',
      three_public_reception_batches: '国内公务接待批次=2批次',
      three_public_reception_persons: '国内公务接待人次=6人次',
      assets_house_area: '房屋=120平方米',
      assets_house_value: '房屋价值=30万元',
      assets_vehicle_count: '车辆=2辆',
      assets_vehicle_value: '车辆价值=40万元',
      assets_general_equipment_over_50: '单位价值50万元以上通用设备=1台（套）',
      daily_public_cost_unit_2: '日常公用经费=5万元',
    });
    expect(r.unread).toEqual([]);
  });

  it('reports an amount of money no rule places instead of dropping it, and keeps restatements apart', () => {
    const r = read(section('二/一', ['说明', '收入支出决算总体情况说明'], '本年收入100万元。本年收入101万元。神秘资金7万元。'));
    expect(r.facts.map((x) => [x.key, x.amount, x.restates])).toEqual([
      ['income_total', '100', null],
      ['income_total', '101', '二/一'],
    ]);
    expect(r.unread.map((u) => [u.label, u.amount, u.reason])).toEqual([['神秘资金', '7', '没有规则认得这个金额的名称']]);
  });

  it('reports an amount with a field gap inside with both readings, never guesses one', () => {
    // the line builder leaves a space between digits only at a field gap (lines/gaps.ts)
    const r = read(section('二/一', ['说明', '收入支出决算总体情况说明'], '本年收入100万元。本年支出60145 51万元，与上年相比，减少20万元。其他1 2. 5%。福利费1.48 30310个人。'));
    expect(r.facts.map((f) => [f.key, f.amount])).toEqual([['income_total', '100']]);
    expect(r.unread.map((u) => [u.label, u.amount, u.source_text, u.reason])).toEqual([
      ['本年支出', '6014551', '本年支出60145 51万元', '数字之间有栏距，读法不明：可读作一个数 6014551万元，也可读作 60145、51万元'],
      // the change has no statement left to belong to
      ['减少', '20', '减少20万元', '增减额前面没有它所属的金额'],
      ['其他', '12.5', '其他1 2. 5%', '数字之间有栏距，读法不明：可读作一个数 12.5%，也可读作 1、2.、5%'],
    ]);
  });

  it('gives each fact the page and box of its statement', () => {
    const r = read(section('二/一', ['说明', '收入支出决算总体情况说明'], '本年收入100万元。', 7));
    expect(r.facts[0]).toMatchObject({ page: 7, source_text: '本年收入100万元' });
    expect(r.facts[0].bbox.x1).toBeGreaterThan(r.facts[0].bbox.x0);
  });
});

describe('statements: wording variants of other reports', () => {
  it('reads 比2020年度减少 / 较上年增长了 / 差异率为 / 占本年支出 x%', () => {
    const r = read(
      section('二/一', ['说明', '收入支出决算总体情况说明'], '本年收入100万元，比2020年度减少25万元，下降20%。本年支出90万元，较上年增长了10万元，增长率为12.5%。'),
      section('二/三', ['说明', '部门支出决算情况说明'], '本年支出90万元，其中：基本支出45万元，占本年支出50%；项目支出45万元，占比为50%。'),
      section('二/四', ['说明', '财政拨款收入支出决算总体情况说明'], '财政拨款收入年初预算数200万元，决算数250万元，预决算差异率为25%。'),
    );
    // the first statement of each value (本年支出 is restated in 三)
    const got = Object.fromEntries(r.facts.filter((f) => !f.restates).map((f) => [f.key, [f.amount, f.change, f.change_pct, f.share_pct, f.variance_pct]]));
    expect(got).toEqual({
      income_total: ['100', '-25', '-20', null, null],
      expense_total: ['90', '10', '12.5', null, null],
      expense_basic: ['45', null, null, '50', null],
      expense_project: ['45', null, null, '50', null],
      fiscal_income_budget_initial: ['200', null, null, null, '25'],
    });
  });
});

describe('statements: printing variants of the same label', () => {
  it('matches ASCII and full-width parentheses alike, keeping the label as printed', () => {
    const r = read(section('二/七', ['说明', '“三公”经费支出决算情况说明'], '"三公"经费支出10万元，其中：因公出国(境)费支出2万元，占20%；公务接待费支出8万元，占80%。'));
    expect(r.facts.map((f) => [f.key, f.label])).toEqual([
      ['three_public_total', '"三公"经费支出'],
      ['three_public_abroad', '因公出国(境)费支出'],
      ['three_public_reception', '公务接待费支出'],
    ]);
  });
});

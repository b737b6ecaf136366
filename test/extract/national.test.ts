/**
 * Statement shapes of the national template (the wording of the blank template-2024, filled with numbers of
 * our own): totals with 与2023年度相比 … / 持平, budget versus final with 完成…的 x%, numbered 类/款/项 items,
 * the 三公 paragraphs, 政府性基金, 政府采购, 国有资产, 预算绩效.
 */
import { describe, expect, it } from 'vitest';
import { loadRules } from '../../src/rules/load.js';
import { compileStatementRules, readStatements, type SectionInput } from '../../src/extract/statements.js';
import type { LocatedText } from '../../src/lines/types.js';
import type { Fact } from '../../src/extract/types.js';
import { located } from '../helpers/located.js';

const all = await loadRules(new URL('../../rules', import.meta.url).pathname);
const rules = compileStatementRules(all.statements, all.facts);
const PART = '某局2024年度部门决算情况说明';

/** Text printed over several lines and pages, as the lines stage joins it: [text, page] pieces. */
function printed(...pieces: [string, number][]): LocatedText {
  const parts = pieces.map(([text, page], i) => located(text, page, 700 - 30 * i));
  return { text: parts.map((p) => p.text).join(''), chars: parts.flatMap((p) => p.chars) };
}
const section = (id: string, titles: string[], text: string | LocatedText): SectionInput => ({ id, titles: [PART, ...titles], text: typeof text === 'string' ? located(text) : text });
const read = (...s: SectionInput[]) => readStatements(s, rules, []);
const pick = (f: Fact) => ({ key: f.key, label: f.label, amount: f.amount, change: f.change, change_pct: f.change_pct, share_pct: f.share_pct, budget: f.budget, budget_basis: f.budget_basis, completion_pct: f.completion_pct, item_no: f.item_no, parent: f.parent, restates: f.restates, unit: f.unit });
const none = { change: null, change_pct: null, share_pct: null, budget: null, budget_basis: null, completion_pct: null, item_no: null, parent: null, restates: null, unit: '万元' };

describe('national template: totals', () => {
  it('收入支出总计 with 与2023年度相比 … 减少 … 下降, the change naming its subject; 持平 gives 0 and 0', () => {
    const r = read(
      section('三/一', ['收入支出决算总体情况说明'], '上海市某局2024年度收入支出总计1000.50万元。与2023年度相比，收入支出总计减少50.25万元，下降4.78%。主要原因：项目减少。'),
      section('三/四', ['财政拨款收入支出决算总体情况说明'], '上海市某局2024年度财政拨款收入支出总计900万元。与2023年度相比，财政拨款收入支出总计持平。'),
      section('三/十一/一', ['其他重要事项的情况说明', '机关运行经费支出情况'], '机关运行经费支出20万元，与2023年度持平。'),
    );
    expect(r.facts.map(pick)).toEqual([
      { ...none, key: 'income_expense_grand_total', label: '收入支出总计', amount: '1000.50', change: '-50.25', change_pct: '-4.78' },
      { ...none, key: 'fiscal_grand_total', label: '财政拨款收入支出总计', amount: '900', change: '0', change_pct: '0' },
      { ...none, key: 'admin_running_cost', label: '机关运行经费支出', amount: '20', change: '0', change_pct: '0' },
    ]);
    expect(r.unread).toEqual([]);
  });

  it('a change of a subject never stated is reported once, in Chinese', () => {
    const r = read(section('三/一', ['收入支出决算总体情况说明'], '与2023年度相比，神秘支出增加5万元，增长10%。'));
    expect(r.facts).toEqual([]);
    expect(r.unread.map((u) => [u.amount, u.reason])).toEqual([['5', '增减额所说的“神秘支出”前面没有陈述']]);
  });
});

describe('national template: 一般公共预算财政拨款支出', () => {
  const head = '一般公共预算财政拨款支出年初预算为800万元，调整预算为850万元，支出决算为840万元，完成调整预算的98.82%。决算数小于预算数的主要原因：项目调整。其中：';

  it('（一）（二）（三）: the total restated, the 类 with shares, the budgets, the final with its completion', () => {
    const r = read(
      section('三/五/一', ['一般公共预算财政拨款支出决算情况说明', '一般公共预算财政拨款支出决算总体情况'], '一般公共预算财政拨款支出840万元，占本年支出合计的84%。与2023年度相比，一般公共预算财政拨款支出增加40万元，增长5%。'),
      section('三/五/二', ['一般公共预算财政拨款支出决算情况说明', '一般公共预算财政拨款支出决算结构情况'], '一般公共预算财政拨款支出840万元，主要用于以下方面：一般公共服务支出（类）800万元，占95.24%；教育支出（类）40万元，占4.76%。'),
      section('三/五/三', ['一般公共预算财政拨款支出决算情况说明', '一般公共预算财政拨款支出决算具体情况'], head),
    );
    expect(r.facts.map(pick)).toEqual([
      { ...none, key: 'gpb_expense_total', label: '一般公共预算财政拨款支出', amount: '840', share_pct: '84', change: '40', change_pct: '5', parent: 'expense_total' },
      { ...none, key: 'gpb_expense_total', label: '一般公共预算财政拨款支出', amount: '840', restates: '三/五/一' },
      { ...none, key: 'gpb_class', label: '一般公共服务支出（类）', amount: '800', share_pct: '95.24', parent: 'gpb_expense_total' },
      { ...none, key: 'gpb_class', label: '教育支出（类）', amount: '40', share_pct: '4.76', parent: 'gpb_expense_total' },
      { ...none, key: 'gpb_expense_budget_initial', label: '一般公共预算财政拨款支出年初预算', amount: '800' },
      { ...none, key: 'gpb_expense_budget_adjusted', label: '调整预算', amount: '850' },
      // the budget its 完成调整预算的 names
      { ...none, key: 'gpb_expense_total', label: '支出决算', amount: '840', budget: '850', budget_basis: '调整预算', completion_pct: '98.82', restates: '三/五/一' },
    ]);
  });

  it('numbered 类/款/项 items over lines and a page break, with or without 完成…的, 持平 of budget and final changing nothing', () => {
    const text = printed(
      [head, 18],
      ['1、一般公共服务支出（类）人大事务（款）行政运行（项）', 18],
      ['。主要用于：机关运行。年初预算为100万元，支出决算', 18],
      ['为95万元，完成年初预算的95%。决算数小于预算数的主要原因：节约。', 18],
      ['2、教育支出（类）普通教育（款）高等教育（项）。主要用于：助学。年初预算为20万元，支出决算为20万元。决算数与年初预算数持平。', 18],
      ['3、文化旅游体育与传媒支出（类）其他文化旅', 18],
      ['游体育与传媒支出（款）其他文化旅游体育与传媒支出（项）。主要用于：活动。全年预算为10万元，支出决算为12万元，完成全年预算数的120%。', 19],
    );
    const r = read(section('三/五/三', ['一般公共预算财政拨款支出决算情况说明', '一般公共预算财政拨款支出决算具体情况'], text));
    const items = r.facts.filter((f) => f.key === 'gpb_item');
    expect(items.map((f) => ({ ...pick(f), page: f.page }))).toEqual([
      { ...none, key: 'gpb_item', label: '一般公共服务支出（类）人大事务（款）行政运行（项）', item_no: 1, amount: '95', budget: '100', budget_basis: '年初预算', completion_pct: '95', parent: 'gpb_expense_total', page: 18 },
      { ...none, key: 'gpb_item', label: '教育支出（类）普通教育（款）高等教育（项）', item_no: 2, amount: '20', budget: '20', budget_basis: '年初预算', parent: 'gpb_expense_total', page: 18 },
      { ...none, key: 'gpb_item', label: '文化旅游体育与传媒支出（类）其他文化旅游体育与传媒支出（款）其他文化旅游体育与传媒支出（项）', item_no: 3, amount: '12', budget: '10', budget_basis: '全年预算', completion_pct: '120', parent: 'gpb_expense_total', page: 19 },
    ]);
    expect(items[0].source_text).toBe('1、一般公共服务支出（类）人大事务（款）行政运行（项）。主要用于：机关运行。年初预算为100万元，支出决算为95万元，完成年初预算的95%');
    expect(r.unread).toEqual([]);
  });

  it('names holding a parenthesis of their own, items numbered （1） or 1.', () => {
    const r = read(section('三/五/三', ['一般公共预算财政拨款支出决算具体情况'], '其中：（1）一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。主要用于：运行。全年预算为8万元，支出决算为8万元。（2）外交支出（类）对外合作与交流（款）在华国际会议（项），年初预算为1万元，支出决算为0.5万元，完成年初预算的50%。'));
    expect(r.facts.map((f) => [f.item_no, f.label, f.amount, f.budget, f.completion_pct])).toEqual([
      [1, '一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）', '8', '8', null],
      [2, '外交支出（类）对外合作与交流（款）在华国际会议（项）', '0.5', '1', '50'],
    ]);
  });

  it('the 主要用于 prose is not a label, and a budget with no final amount is reported once', () => {
    const r = read(section('三/五/三', ['一般公共预算财政拨款支出决算具体情况'], '1、教育支出（类）普通教育（款）高等教育（项）。主要用于：奖学金。年初预算为20万元。决算数小于预算数的主要原因：未执行。2、教育支出（类）普通教育（款）初中教育（项）。年初预算为5万元，支出决算为5万元。'));
    expect(r.facts.map((f) => [f.label, f.item_no, f.amount, f.budget])).toEqual([['教育支出（类）普通教育（款）初中教育（项）', 2, '5', '5']]);
    expect(r.unread.map((u) => [u.amount, u.reason])).toEqual([['20', '第1项的预算数后面没有对应的决算数']]);
  });
});

describe('national template: “三公”经费', () => {
  const titles = ['财政拨款“三公”经费支出决算情况说明'];
  it('budget, final and 完成预算的 of the total and its parts; the 比2023年度 paragraph naming each part', () => {
    const r = read(
      section('三/七/一', [...titles, '“三公”经费财政拨款支出决算总体情况说明'],
        '“三公”经费财政拨款支出年初预算为30万元，支出决算为25万元，完成预算的83.33%，其中：因公出国（境）费决算为5万元，完成预算的50%；公务用车购置及运行维护费支出决算为15万元，完成预算的100%；公务接待费支出决算为5万元，完成预算的100%。2024年度“三公”经费支出决算数小于预算数的主要原因：厉行节约。' +
          '2024年度“三公”经费财政拨款支出决算数比2023年度减少3万元，下降10.71%，其中：因公出国（境）费支出决算减少2万元，下降28.57%；公务用车购置及运行维护费支出决算持平；公务接待费支出决算减少1万元，下降16.67%。'),
    );
    const parent = 'three_public_total';
    expect(r.facts.map(pick)).toEqual([
      { ...none, key: 'three_public_total', label: '支出决算', amount: '25', budget: '30', budget_basis: '年初预算', completion_pct: '83.33', change: '-3', change_pct: '-10.71' },
      { ...none, key: 'three_public_abroad', label: '因公出国（境）费决算', amount: '5', completion_pct: '50', change: '-2', change_pct: '-28.57', parent },
      { ...none, key: 'three_public_vehicle', label: '公务用车购置及运行维护费支出决算', amount: '15', completion_pct: '100', change: '0', change_pct: '0', parent },
      { ...none, key: 'three_public_reception', label: '公务接待费支出决算', amount: '5', completion_pct: '100', change: '-1', change_pct: '-16.67', parent },
    ]);
    expect(r.unread).toEqual([]);
  });

  it('the 具体情况: shares, groups and persons, purchase and running, the stock, 万 without 元, batches and persons', () => {
    const r = read(
      section('三/七/二', [...titles, '“三公”经费财政拨款支出决算具体情况说明'],
        '“三公”经费财政拨款支出决算中，因公出国（境）费支出决算5万元，占20%；公务用车购置及运行维护费支出决算15万元，占60%；公务接待费支出决算5万元，占20%。具体情况如下：' +
          '1、因公出国（境）费支出5万元。全年安排因公出国（境）团组1个、累计3人次。开支内容包括：考察。' +
          '2、公务用车购置及运行维护费支出15万元。其中：公务用车购置支出为10万元。主要用于更新车辆1辆。公务用车运行维护支出5万元。主要用于燃料。2024年，某局所属各预算单位开支财政拨款的公务用车保有量为4辆。' +
          '3、公务接待费支出5万元。其中：国内公务接待支出5万（含外宾接待支出1万元）。主要用于调研，共接待12批次、156人次，其中：接待外宾2批次、20人次。'),
    );
    const got = r.facts.map((f) => `${f.key}${f.restates ? '(r)' : ''}=${f.amount}${f.unit}${f.share_pct ? ` ${f.share_pct}%` : ''}`);
    expect(got).toEqual([
      'three_public_abroad=5万元 20%',
      'three_public_vehicle=15万元 60%',
      'three_public_reception=5万元 20%',
      'three_public_abroad(r)=5万元',
      'three_public_abroad_groups=1个',
      'three_public_abroad_persons=3人次',
      'three_public_vehicle(r)=15万元',
      'three_public_vehicle_purchase=10万元',
      'three_public_vehicle_running=5万元',
      'three_public_vehicle_stock=4辆',
      'three_public_reception(r)=5万元',
      'three_public_reception_domestic=5万元',
      'three_public_reception_foreign=1万元',
      'three_public_reception_batches=12批次',
      'three_public_reception_persons=156人次',
      'three_public_reception_foreign_batches=2批次',
      'three_public_reception_foreign_persons=20人次',
    ]);
    expect(r.unread).toEqual([]);
  });
});

describe('national template: 政府性基金, 政府采购, 国有资产, 预算绩效', () => {
  it('政府性基金: income, 支出 after it, its numbered items', () => {
    const r = read(section('三/八', ['政府性基金预算财政拨款收入支出决算情况说明'], '政府性基金预算财政拨款收入100万元，支出90万元，支出具体情况如下：1、城乡社区支出（类）国有土地使用权出让收入安排的支出（款）征地和拆迁补偿支出（项）。主要用于：拆迁。年初预算为100万元，支出决算为90万元。决算数小于预算数的主要原因：进度。'));
    expect(r.facts.map((f) => [f.key, f.amount, f.budget, f.item_no, f.parent])).toEqual([
      ['gov_fund_income', '100', null, null, null],
      ['gov_fund_expense', '90', null, null, null],
      ['gov_fund_item', '90', '100', 1, 'gov_fund_expense'],
    ]);
  });

  it('政府采购 labels with commas in them (the whole sentence part); 国有资产 with a （含）以上 threshold', () => {
    const r = read(
      section('三/十一/二', ['其他重要事项的情况说明', '政府采购支出情况'], '某局2024年度政府采购金额（以合同签订为准）为30万元，其中：货物采购金额10万元、工程采购金额0万元、服务采购金额20万元。2024年度本部门面向中小企业预留政府采购项目预算金额8万元，面向小微企业预留政府采购项目预算金额6万元。在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额8万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额2万元。'),
      section('三/十一/三', ['其他重要事项的情况说明', '国有资产占有使用情况说明'], '截至2024年12月31日，某局共有车辆3辆，其中：部级领导干部用车0辆、其他用车3辆。单价100万元（含）以上设备（不含车辆）2台（套）。'),
    );
    expect(r.facts.map((f) => `${f.key}:${f.label}=${f.amount}${f.unit}`)).toEqual([
      'procurement_total:政府采购金额（以合同签订为准）=30万元',
      'procurement_goods:货物采购金额=10万元',
      'procurement_works:工程采购金额=0万元',
      'procurement_services:服务采购金额=20万元',
      'procurement_sme_reserved_budget:面向中小企业预留政府采购项目预算金额=8万元',
      'procurement_small_micro_reserved_budget:面向小微企业预留政府采购项目预算金额=6万元',
      'procurement_sme_reserved_awarded:在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额=8万元',
      'procurement_other_sme_awarded:在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额=2万元',
      'assets_vehicle_count:车辆=3辆',
      'assets_vehicle_ministerial:部级领导干部用车=0辆',
      'assets_vehicle_other:其他用车=3辆',
      'assets_equipment_over_100:单价100万元（含）以上设备（不含车辆）=2台（套）',
    ]);
    expect(r.unread).toEqual([]);
  });

  it('预算绩效: counts, the 涉及预算金额 of the count before it, the average score, ratings and issues', () => {
    const r = read(
      section('三/十', ['预算绩效管理情况'], '全过程绩效管理实施情况：编报绩效目标的2024年度项目5个，涉及预算金额300万元；绩效跟踪评价的2024年度项目4个，涉及预算金额200万元；绩效自评的2024年度项目3个，涉及预算金额100万元，平均得分92.5分（其中，绩效评级为“优”的项目2个；绩效评级为“良”的项目1个；绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个。绩效自评中共发现问题4个，已经完成整改的3个，正在整改的1个）。'),
    );
    expect(r.facts.map((f) => `${f.key}=${f.amount}${f.unit}${f.parent ? ` <${f.parent}` : ''}`)).toEqual([
      'performance_target_projects=5个',
      'performance_target_funds=300万元 <performance_target_projects',
      'performance_tracking_projects=4个',
      'performance_tracking_funds=200万元 <performance_tracking_projects',
      'performance_self_eval_projects=3个',
      'performance_self_eval_funds=100万元 <performance_self_eval_projects',
      'performance_self_eval_avg_score=92.5分',
      'performance_rating_excellent=2个 <performance_self_eval_projects',
      'performance_rating_good=1个 <performance_self_eval_projects',
      'performance_rating_pass=0个 <performance_self_eval_projects',
      'performance_rating_fail=0个 <performance_self_eval_projects',
      'performance_issues_found=4个',
      'performance_issues_fixed=3个 <performance_issues_found',
      'performance_issues_fixing=1个 <performance_issues_found',
    ]);
  });
});

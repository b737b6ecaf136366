import { describe, expect, it } from 'vitest';
import { linkFactCodes } from '../../src/extract/link-codes.js';
import { newFact, type Fact, type TableCell } from '../../src/extract/types.js';

const prov = { page: 1, bbox: { x0: 0, y0: 0, x1: 1, y1: 1 }, source_text: 's' };
const fact = (key: string, label: string): Fact => newFact({ ...prov, key, section: '三/五/三', label, amount: '1', unit: '万元' });
let rowNo = 0;
const cell = (table_no: number, table: string, row_code: string | null, row: string, value = '1.00'): TableCell => ({ ...prov, table_no, table, title: table, row_code, row, row_no: rowNo++, column: '合计', value, unit: '万元' });

// the rows of an 一般公共预算财政拨款支出决算表 (two 行政运行 under different 款) and of a 基本支出 table
const gpb = [
  cell(5, 'gpb_expense', null, '合计'),
  cell(5, 'gpb_expense', '201', '一般公共服务支出'),
  cell(5, 'gpb_expense', '20101', '人大事务'),
  cell(5, 'gpb_expense', '2010101', '行政运行'),
  cell(5, 'gpb_expense', '20139', '社会工作事务'),
  cell(5, 'gpb_expense', '2013901', '行政运行'),
  cell(5, 'gpb_expense', '2013999', '其他社会工作事务支出'),
  cell(5, 'gpb_expense', '2013999', '其他社会工作事务支出', '2.00'), // the row's second column
  cell(5, 'gpb_expense', '221', '住房保障支出'),
  cell(5, 'gpb_expense', '22102', '住房改革支出'),
  cell(5, 'gpb_expense', '2210201', '住房公积金'),
];
const basic = [cell(6, 'gpb_basic_expense', '301', '工资福利支出'), cell(6, 'gpb_basic_expense', '30101', '基本工资')];
const gov = [cell(8, 'gov_fund', '212', '城乡社区支出'), cell(8, 'gov_fund', '21208', '国有土地使用权出让收入安排的支出'), cell(8, 'gov_fund', '2120801', '征地和拆迁补偿支出')];

describe('linkFactCodes', () => {
  it('finds the 类, the 款 under it and the 项 under that', () => {
    const out = linkFactCodes(
      [
        fact('gpb_item', '一般公共服务支出（类）社会工作事务（款）行政运行（项）'),
        fact('gpb_item', '一般公共服务支出（类）人大事务（款）行政运行（项）'),
        fact('gpb_class', '住房保障支出（类）'),
        fact('gpb_item', '住房保障支出（类）住房改革支出（款）'),
        fact('gov_fund_item', '城乡社区支出（类）国有土地使用权出让收入安排的支出（款）征地和拆迁补偿支出（项）'),
        fact('gpb_item', '一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）'),
      ],
      [...basic, ...gpb, ...gov, cell(5, 'gpb_expense', '20103', '政府办公厅（室）及相关机构事务'), cell(5, 'gpb_expense', '2010301', '行政运行')],
    );
    expect(out.map((f) => f.code)).toEqual(['2013901', '2010101', '221', '22102', '2120801', '2010301']);
  });

  it('folds spaces, parenthesis width and numbering; leaves unknown chains and other facts alone', () => {
    const cells = [cell(1, 'income_expense_summary', '201', '一、一般公共服务 支出'), cell(1, 'income_expense_summary', '20139', '社会工作事务'), cell(1, 'income_expense_summary', '2013999', '其他社会工作事务支出')];
    const out = linkFactCodes(
      [
        fact('gpb_item', '一般公共服务支出(类)社会工作事务(款)其他社会工作 事务支出(项)'),
        fact('gpb_item', '一般公共服务支出（类）社会工作事务（款）事业运行（项）'),
        fact('gpb_expense_total', '一般公共预算财政拨款支出'),
      ],
      cells,
    );
    expect(out.map((f) => f.code)).toEqual(['2013999', null, null]);
  });

  it('does not change its input; with no cells nothing is coded', () => {
    const facts = [fact('gpb_class', '住房保障支出（类）')];
    expect(linkFactCodes(facts, []).map((f) => f.code)).toEqual([null]);
    linkFactCodes(facts, gpb);
    expect(facts[0].code).toBeNull();
  });
});

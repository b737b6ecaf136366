import { describe, expect, it } from 'vitest';
import { emptyTableNote, missingTable } from '../../src/validate/checks/completeness.js';
import { departmentName, templatePlaceholder, wrongYear } from '../../src/validate/checks/words.js';
import type { TextLine } from '../../src/validate/types.js';
import { checkInput, prov, table, withTables } from './input.js';

const line = (text: string, page = 2, more: Partial<TextLine> = {}): TextLine => ({ page, bbox: prov.bbox, text, section: null, heading: false, in_table: false, ...more });
const meta = { department: '上海市青岚区农业农村委员会', year: 2023, published: null };

/** The contents and headings of a consistent report of the national template (every table printed). */
const CONTENTS = [
  line('目录'),
  line('第一部分上海市青岚区农业农村委员会概况'),
  line('第二部分上海市青岚区农业农村委员会2023年度部门决算表'),
  ...['一、收入支出决算总表', '二、收入决算表', '三、支出决算表', '四、财政拨款收入支出决算总表', '五、一般公共预算财政拨款支出决算表', '六、一般公共预算财政拨款基本支出决算表', '七、财政拨款“三公”经费支出决算表', '八、政府性基金预算财政拨款收入支出决算表', '九、国有资本经营预算财政拨款收入支出决算表'].map((t) => line(t)),
  line('第三部分上海市青岚区农业农村委员会2023年度部门决算情况说明'),
  line('一、收入支出决算总体情况说明'),
  line('第一部分上海市青岚区农业农村委员会概况', 4, { section: '一', heading: true }),
  line('上海市青岚区农业农村委员会负责贯彻落实党中央关于“三农”工作的方针政策，', 4, { section: '一/一' }),
];
const KINDS = ['income_expense_summary', 'income', 'expense', 'fiscal_summary', 'gpb_expense', 'gpb_basic_expense', 'three_public', 'gov_fund', 'state_capital'];
const printed = (kinds: string[]) => withTables(...kinds.map((k, i) => table(k, i + 1, ['合计'], [{ row: '合计', v: { 合计: '1.00' } }], { page: 5 + i })));

describe('completeness', () => {
  it('missing_table: passes when every table is printed, errors on one the contents list but the report does not print', () => {
    expect(missingTable.run(checkInput({ meta, text: CONTENTS, ...printed(KINDS) }))).toEqual([]);
    const f = missingTable.run(checkInput({ meta, text: CONTENTS, ...printed(KINDS.filter((k) => k !== 'expense')) }));
    expect(f.map((x) => [x.severity, x.subject, x.page])).toEqual([['error', 'expense', 2]]);
    expect(f[0].message).toBe('缺少表格：目录列出“三、支出决算表”，报告中未印出支出决算表（第2页）');
  });

  it('missing_table: the template requires the nine tables of a report printing its tables, even when the contents do not list one', () => {
    const text = CONTENTS.filter((l) => l.text !== '九、国有资本经营预算财政拨款收入支出决算表');
    expect(missingTable.run(checkInput({ meta, text, ...printed(KINDS.filter((k) => k !== 'state_capital')) })).map((x) => x.subject)).toEqual(['state_capital']);
    // a title printed with its 空表说明 and no table under it is an empty table
    const note = [...text, line('国有资本经营预算财政拨款收入支出决算表', 15), line('单位：万元', 15), line('说明：本部门本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。', 15)];
    expect(missingTable.run(checkInput({ meta, text: note, ...printed(KINDS.filter((k) => k !== 'state_capital')) }))).toEqual([]);
    // a report of the other layout (tables 见附表) prints only the tables it has
    expect(missingTable.run(checkInput({ meta, text: [line('第四部分部门决算报表（见附表）')], ...printed(['gpb_expense']) }))).toEqual([]);
  });

  it('empty_table_note: an empty table with its note is fine, without one a warning', () => {
    const withNote = table('gov_fund', 1, ['本年收入'], [], { empty_note: '说明：本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。' });
    const without = table('state_capital', 2, ['本年收入'], [], { page: 16, title: '国有资本经营预算财政拨款收入支出决算表' });
    expect(emptyTableNote.run(checkInput(withTables(withNote)))).toEqual([]);
    const f = emptyTableNote.run(checkInput(withTables(withNote, without)));
    expect(f.map((x) => [x.severity, x.subject, x.message])).toEqual([['warning', 'state_capital', '空表无说明：国有资本经营预算财政拨款收入支出决算表 未印任何数据，也没有说明为何无数据（第16页）']]);
  });
});

describe('words', () => {
  it('template_placeholder: template wording left in, even over a line break; filled wording passes', () => {
    const ok = [line('收入支出总计减少343.61万元，下降3.82%。', 16, { section: '三/一' })];
    expect(templatePlaceholder.run(checkInput({ text: ok }))).toEqual([]);
    const bad = [
      line('收入支出总计减少343.61万元，下降（增', 16, { section: '三/一' }),
      line('长）3.82%。主要原因：XXXXXXXX。', 16, { section: '三/一' }),
      line('上海市XX局202年度部门决算', 1),
    ];
    expect(templatePlaceholder.run(checkInput({ text: bad })).map((f) => [f.actual, f.page])).toEqual([
      ['XXXXXXXX', 16],
      ['下降（增长）', 16],
      ['XX', 1],
      ['202年度', 1],
    ]);
    // a table's cells are not joined with the lines around them
    expect(templatePlaceholder.run(checkInput({ text: [line('中办发【201', 20, { in_table: true }), line('年度总体目标', 20, { in_table: true })] }))).toEqual([]);
  });

  it('wrong_year: a part heading or 截至 date of another year; the year compared with is the one before', () => {
    const ok = [...CONTENTS, line('与2022年度相比，收入支出总计减少343.61万元。', 16, { section: '三/一' }), line('截至2023年12月31日，本部门共有车辆3辆。', 22, { section: '三/十一/三' })];
    expect(wrongYear.run(checkInput({ meta, text: ok }))).toEqual([]);
    const bad = [line('第三部分上海市青岚区农业农村委员会2022年度部门决算情况说明', 16, { section: '三', heading: true }), line('截至2022年12月31日，本部门共有车辆3辆。与2023年度相比，', 22, { section: '三/十一/三' })];
    expect(wrongYear.run(checkInput({ meta, text: bad })).map((f) => [f.expected, f.actual, f.page])).toEqual([
      ['2023', '2022', 16],
      ['2023', '2022', 22],
      ['2022', '2023', 22],
    ]);
    expect(wrongYear.run(checkInput({ meta, text: bad }))[0].message).toBe('年份不符：“第三部分上海市青岚区农业农村委员会2022年度部门决算”写 2022 年，本报告为 2023 年度（三，第16页）');
  });

  it('department_name: a heading naming another department than the cover', () => {
    expect(departmentName.run(checkInput({ meta, text: CONTENTS }))).toEqual([]);
    // the other layout's generic part title names no department
    expect(departmentName.run(checkInput({ meta, text: [line('第一部分部门单位概况')] }))).toEqual([]);
    const f = departmentName.run(checkInput({ meta, text: [line('上海市青岚区水务局2023年度部门决算表', 5)] }));
    expect(f.map((x) => [x.severity, x.expected, x.actual, x.page])).toEqual([['error', '上海市青岚区农业农村委员会', '上海市青岚区水务局', 5]]);
  });
});

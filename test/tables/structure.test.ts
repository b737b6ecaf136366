import { describe, expect, it } from 'vitest';
import { tableStructure, type StructureHints } from '../../src/tables/structure.js';
import { buildTable } from '../extract/build-table.js';

const hints: StructureHints = {
  text: (c) => c.text.replace(/\s+/g, ''),
  isNumber: (t) => /^-?\d+(\.\d+)?$/.test(t.replace(/,/g, '')),
  isCode: (t) => /^\d{3}(\d{2}){0,2}$/.test(t) || /^\d{2}$/.test(t),
  headerRole: (t) => (/^(科目编码|经济分类科目编码)$/.test(t) ? { role: 'code', part: 'full' } : t === '类' ? { role: 'code', part: 'lei' } : t === '款' ? { role: 'code', part: 'kuan' } : t === '项' ? { role: 'code', part: 'xiang' } : /^(科目名称|项目)$/.test(t) ? { role: 'label' } : undefined),
  isBodyLabel: (t) => /^(合计|总计)$|^[一二三四五六七八九十]+、/.test(t),
};

describe('tableStructure', () => {
  it('two-sided table: the sides are column groups, each value column has its side in its path', () => {
    const t = buildTable([
      [{ t: '收入', cs: 2 }, { t: '支出', cs: 3 }],
      ['项目', '决算数', '项目', '合计', '基本支出'],
      ['一、财政拨款收入', '100.00', '一、一般公共服务支出', '100.00', '60.00'],
      ['总计', '100.00', '总计', '100.00', '60.00'],
    ]);
    const s = tableStructure(t, hints);
    expect(s.headerRows).toBe(2);
    expect(s.groups).toEqual([
      { codeCols: [], labelCol: 0, valueCols: [1] },
      { codeCols: [], labelCol: 2, valueCols: [3, 4] },
    ]);
    expect(s.columns.map((c) => c.path.join('/'))).toEqual(['收入/项目', '收入/决算数', '支出/项目', '支出/合计', '支出/基本支出']);
    expect(s.header.map((n) => [n.text, n.children.map((c) => c.text)])).toEqual([
      ['收入', ['项目', '决算数']],
      ['支出', ['项目', '合计', '基本支出']],
    ]);
  });

  it('side-by-side copies of the columns (基本支出 table) are groups of their own', () => {
    const t = buildTable([
      ['经济分类科目编码', '科目名称', '决算数', '经济分类科目编码', '科目名称', '决算数'],
      ['301', '工资福利支出', '95.36', '302', '商品和服务支出', '10.23'],
      ['', '', '', '30201', '办公费', '3.78'],
      [{ t: '人员经费合计', cs: 2 }, '95.36', { t: '公用经费合计', cs: 2 }, '10.23'],
    ]);
    const s = tableStructure(t, hints);
    expect(s.headerRows).toBe(1);
    expect(s.groups.map((g) => [g.codeCols.map((c) => c.col), g.labelCol, g.valueCols])).toEqual([
      [[0], 1, [2]],
      [[3], 4, [5]],
    ]);
  });

  it('codes split into 类/款/项 under a spanning 科目编码; a table of values only has one group without labels', () => {
    const split = buildTable([
      [{ t: '科目编码', cs: 3 }, { t: '科目名称', rs: 2 }, { t: '合计', rs: 2 }],
      ['类', '款', '项', null, null],
      ['208', '', '', '社会保障和就业支出', '5000'],
    ]);
    expect(tableStructure(split, hints).columns.slice(0, 3).map((c) => [c.role, c.part])).toEqual([
      ['code', 'lei'],
      ['code', 'kuan'],
      ['code', 'xiang'],
    ]);
    const three = buildTable([
      [{ t: '合计', cs: 2 }, { t: '公务接待费', cs: 2 }],
      ['预算数', '决算数', '预算数', '决算数'],
      ['10.00', '8.00', '2.00', '1.50'],
    ]);
    const s = tableStructure(three, hints);
    expect(s.headerRows).toBe(2);
    expect(s.groups).toEqual([{ codeCols: [], labelCol: null, valueCols: [0, 1, 2, 3] }]);
    expect(s.columns.map((c) => c.path.join('/'))).toEqual(['合计/预算数', '合计/决算数', '公务接待费/预算数', '公务接待费/决算数']);
  });

  it('a table printing no value is all header; a row label with header text beside it is still header', () => {
    const t = buildTable([
      [{ t: '项目', cs: 2 }, { t: '本年收入', rs: 2 }, { t: '本年支出', cs: 2 }],
      ['科目编码', '科目名称', null, null, null],
      [{ t: '合计', cs: 2 }, '', '合计', '基本支出'],
      ['', '', '', '', ''],
    ]);
    const s = tableStructure(t, hints);
    expect(s.headerRows).toBe(3);
    expect(s.columns[3].path).toEqual(['本年支出', '合计']);
  });
});

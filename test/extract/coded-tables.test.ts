import { beforeAll, describe, expect, it } from 'vitest';
import type { TableRules } from '../../src/rules/tables-schema.js';
import { loadRules as loadAllRules } from '../../src/rules/load.js';
import { readCodedTables } from '../../src/extract/coded-tables.js';
import type { PageContent, TextItem } from '../../src/read/types.js';
import { buildTable } from './build-table.js';

const rulesDir = new URL('../../rules', import.meta.url).pathname;

/** A page with the given lines printed above the table (buildTable's tables start at y = 800). */
function pageWith(page: number, lines: string[]): PageContent {
  const items: TextItem[] = lines.map((str, i) => ({ page, str, x: 60, y: 870 - i * 20, width: str.length * 10, height: 10 }));
  items.push({ page, str: '12', x: 290, y: 30, width: 10, height: 10 });
  return { page, width: 595, height: 842, items, segments: [] };
}

describe('readCodedTables', () => {
  let rules: TableRules;
  beforeAll(async () => {
    rules = (await loadAllRules(rulesDir)).tables;
  });

  it('reads a 表五 with one code column: rows as line items with levels, 合计 as the total record', () => {
    const table = buildTable(
      [
        ['科目编码', '科目名称', '本年支出'],
        [{ t: '合计', cs: 2 }, '130.50'],
        ['201', '一般公共服务支出', '130.50'],
        ['20103', '政府办公厅（室）及相关机构事务', '130.50'],
        ['2010301', '行政运行', '100.00'],
        ['2010302', '一般行政管理事务', '30.50'],
      ],
      { page: 12 },
    );
    const r = readCodedTables([table], [pageWith(12, ['一般公共预算财政拨款支出决算表', '公开05表', '部门：某局 金额单位：万元'])], rules);
    expect(r.unread).toEqual([]);
    expect(r.line_items.map((l) => [l.code, l.level, l.name, l.amount, l.unit, l.context, l.section])).toEqual([
      ['201', '类', '一般公共服务支出', '130.50', '万元', '一般公共预算财政拨款支出决算表', '四'],
      ['20103', '款', '政府办公厅（室）及相关机构事务', '130.50', '万元', '一般公共预算财政拨款支出决算表', '四'],
      ['2010301', '项', '行政运行', '100.00', '万元', '一般公共预算财政拨款支出决算表', '四'],
      ['2010302', '项', '一般行政管理事务', '30.50', '万元', '一般公共预算财政拨款支出决算表', '四'],
    ]);
    expect(r.totals).toEqual([expect.objectContaining({ key: 'table5_total', section: '四', label: '合计', amount: '130.50', unit: '万元', page: 12 })]);
    expect(r.totals[0].source_text).toContain('130.50');
    expect(r.tables[0]).toMatchObject({ narrative_context: '一般公共预算财政拨款支出', narrative_total_key: 'gpb_expense_total' });
    expect(r.line_items[2].bbox.x1).toBeGreaterThan(r.line_items[2].bbox.x0);
  });

  it('reads codes split into 类 / 款 / 项 columns under a two-row header, and the unit line', () => {
    const table = buildTable([
      [{ t: '科目编码', cs: 3 }, { t: '科目名称', rs: 2 }, { t: '合计', rs: 2 }, { t: '基本支出', rs: 2 }],
      ['类', '款', '项', null, null, null],
      [{ t: '合计', cs: 4 }, '5000', '4000'],
      ['208', '', '', '社会保障和就业支出', '5000', '4000'],
      ['208', '05', '', '行政事业单位养老支出', '5000', '4000'],
      ['', '05', '01', '行政单位离退休', '3000', '3000'],
      ['208', '05', '05', '机关事业单位基本养老保险缴费支出', '2000', '1000'],
    ]);
    const r = readCodedTables([table], [pageWith(1, ['表五 一般公共预算财政拨款支出决算表', '金额单位：元'])], rules);
    expect(r.line_items.map((l) => [l.code, l.level, l.amount, l.unit])).toEqual([
      ['208', '类', '5000', '元'],
      ['20805', '款', '5000', '元'],
      ['2080501', '项', '3000', '元'],
      ['2080505', '项', '2000', '元'],
    ]);
    expect(r.totals.map((t) => [t.key, t.amount, t.unit])).toEqual([['table5_total', '5000', '元']]);
  });

  it('leaves tables with another title alone', () => {
    const table = buildTable([
      ['科目编码', '科目名称', '本年支出'],
      ['201', '一般公共服务支出', '1.00'],
    ]);
    const r = readCodedTables([table], [pageWith(1, ['一般公共预算财政拨款基本支出决算表'])], rules);
    expect(r.tables).toEqual([]);
    // ...but says so: a table titled like a report table that no rule reads
    expect(r.unread).toEqual([expect.objectContaining({ page: 1, source_text: '一般公共预算财政拨款基本支出决算表', reason: '第1页的表格“一般公共预算财政拨款基本支出决算表”与规则中的表名都不符，未读取' })]);
  });

  it('reads a table whose OCR\'d title has one character extra, missing or wrong', () => {
    const rows = [
      ['科目编码', '科目名称', '本年支出'],
      ['201', '一般公共服务支出', '1.00'],
    ];
    for (const title of ['一般公共了预算财政拨款支出决算表', '一般公共预算财政拨款支决算表', '表五一般公共预箅财政拨款支出决算表']) {
      const r = readCodedTables([buildTable(rows)], [pageWith(1, [title])], rules);
      expect(r.line_items.map((l) => l.code), title).toEqual(['201']);
      expect(r.tables[0].title).toBe(title);
    }
  });
});

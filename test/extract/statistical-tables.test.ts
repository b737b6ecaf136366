import { beforeAll, describe, expect, it } from 'vitest';
import type { TableRules } from '../../src/rules/tables-schema.js';
import { loadRules as loadAllRules } from '../../src/rules/load.js';
import { readStatisticalTables } from '../../src/extract/statistical-tables.js';
import type { PageContent, TextItem } from '../../src/read/types.js';
import { buildTable } from './build-table.js';

const rulesDir = new URL('../../rules', import.meta.url).pathname;

/** A page with the given lines printed above the table (buildTable's tables start at y = 800). */
function pageWith(page: number, lines: string[]): PageContent {
  const items: TextItem[] = lines.map((str, i) => ({ page, str, x: 60, y: 870 - i * 20, width: str.length * 10, height: 10 }));
  items.push({ page, str: '12', x: 290, y: 30, width: 10, height: 10 });
  return { page, width: 595, height: 842, items, segments: [] };
}

describe('readStatisticalTables', () => {
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
    const r = readStatisticalTables([table], [pageWith(12, ['一般公共预算财政拨款支出决算表', '公开05表', '部门：某局 金额单位：万元'])], rules);
    expect(r.unread).toEqual([]);
    expect(r.line_items.map((l) => [l.code, l.level, l.name, l.amount, l.unit, l.context, l.section])).toEqual([
      ['201', '类', '一般公共服务支出', '130.50', '万元', '一般公共预算财政拨款支出决算表', '四'],
      ['20103', '款', '政府办公厅（室）及相关机构事务', '130.50', '万元', '一般公共预算财政拨款支出决算表', '四'],
      ['2010301', '项', '行政运行', '100.00', '万元', '一般公共预算财政拨款支出决算表', '四'],
      ['2010302', '项', '一般行政管理事务', '30.50', '万元', '一般公共预算财政拨款支出决算表', '四'],
    ]);
    expect(r.totals).toEqual([expect.objectContaining({ key: 'table5_total', section: '四', label: '合计', amount: '130.50', unit: '万元', page: 12 })]);
    expect(r.totals[0].source_text).toContain('130.50');
    expect(r.coded[0]).toMatchObject({ narrative_context: '一般公共预算财政拨款支出', narrative_total_key: 'gpb_expense_total' });
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
    const r = readStatisticalTables([table], [pageWith(1, ['表五 一般公共预算财政拨款支出决算表', '金额单位：元'])], rules);
    expect(r.line_items.map((l) => [l.code, l.level, l.amount, l.unit])).toEqual([
      ['208', '类', '5000', '元'],
      ['20805', '款', '5000', '元'],
      ['2080501', '项', '3000', '元'],
      ['2080505', '项', '2000', '元'],
    ]);
    expect(r.totals.map((t) => [t.key, t.amount, t.unit])).toEqual([['table5_total', '5000', '元']]);
  });

  it('gives line items only for the kinds whose rule says so (基本支出决算表: cells, no line items)', () => {
    const table = buildTable([
      ['科目编码', '科目名称', '本年支出'],
      ['201', '一般公共服务支出', '1.00'],
    ]);
    const r = readStatisticalTables([table], [pageWith(1, ['一般公共预算财政拨款基本支出决算表'])], rules);
    expect(r.coded).toEqual([]);
    expect(r.line_items).toEqual([]);
    expect(r.tables.map((t) => t.kind)).toEqual(['gpb_basic_expense']);
    expect(r.cells.map((x) => [x.row_code, x.row, x.column, x.value])).toEqual([['201', '一般公共服务支出', '本年支出', '1.00']]);
  });

  it("reads a table whose OCR'd title has one character extra, missing or wrong; a text layer's title must be exact", () => {
    const rows = [
      ['科目编码', '科目名称', '本年支出'],
      ['201', '一般公共服务支出', '1.00'],
    ];
    const ocrPage = (title: string): PageContent => ({ ...pageWith(1, [title]), source: 'ocr' });
    for (const title of ['一般公共了预算财政拨款支出决算表', '一般公共预算财政拨款支决算表', '表五一般公共预箅财政拨款支出决算表', '部门收人决算表']) {
      const r = readStatisticalTables([buildTable(rows)], [ocrPage(title)], rules);
      expect(r.tables.map((t) => [t.kind, t.title]), title).toEqual([[title === '部门收人决算表' ? 'income' : 'gpb_expense', title]]);
    }
    expect(readStatisticalTables([buildTable(rows)], [ocrPage('一般公共了预算财政拨款支出决算表')], rules).line_items.map((l) => l.code)).toEqual(['201']);
    // one edit from two kinds' titles at once (部门收入决算表 / 部门支出决算表 are two apart): neither
    expect(readStatisticalTables([buildTable(rows)], [ocrPage('部门收出决算表')], rules).tables.map((t) => t.kind)).toEqual(['other']);
    // the text layer's own words are what the producer printed: no edit is forgiven there
    expect(readStatisticalTables([buildTable(rows)], [pageWith(1, ['一般公共了预算财政拨款支出决算表'])], rules).tables.map((t) => t.kind)).toEqual(['other']);
  });

  it('exports a table no kind knows as other, titled by the line above it, every value cell kept', () => {
    const table = buildTable([
      ['项目', '金额'],
      ['办公设备', '12.50'],
      ['车辆', '1,030.00'],
    ], { page: 3 });
    const r = readStatisticalTables([table], [pageWith(3, ['资产情况统计表', '单位：万元'])], rules);
    expect(r.tables.map((t) => [t.kind, t.title, t.unit, t.empty])).toEqual([['other', '资产情况统计表', '万元', false]]);
    expect(r.cells.map((c) => [c.table, c.row, c.column, c.value])).toEqual([
      ['other', '办公设备', '金额', '12.50'],
      ['other', '车辆', '金额', '1030.00'],
    ]);
  });

  it('never fuses two numbers of one cell into one: the cell is reported and kept as printed, its row has no amount', () => {
    // a space between digits is left only at a field gap or between stacked lines (lines/gaps.ts)
    const table = buildTable([
      ['科目编码', '科目名称', '本年支出'],
      [{ t: '合计', cs: 2 }, '130.50'],
      ['2010301', '行政运行', '293 41'],
      ['2010302', '一般行政管理事务', '30.50'],
    ]);
    const r = readStatisticalTables([table], [pageWith(1, ['一般公共预算财政拨款支出决算表'])], rules);
    expect(r.cells.map((c) => c.value)).toEqual(['130.50', '293 41', '30.50']);
    expect(r.line_items.map((l) => [l.code, l.amount])).toEqual([['2010302', '30.50']]);
    expect(r.unread.map((u) => u.reason)).toEqual([
      expect.stringContaining('“行政运行”的“本年支出”列印的不是一个数而是几个数（293 41）'),
      expect.stringContaining('2010301 行政运行 行没有“本年支出”金额'),
    ]);
  });

  it('reports a value cell that prints text instead of a number, keeping the text', () => {
    const table = buildTable([
      ['科目编码', '科目名称', '决算数'],
      ['301', '工资福利支出', '见附表'],
      ['30101', '基本工资', '12.00'],
      ['30102', '津贴补贴', '8.00'],
    ]);
    const r = readStatisticalTables([table], [pageWith(1, ['一般公共预算财政拨款基本支出决算表'])], rules);
    expect(r.cells.map((c) => c.value)).toEqual(['见附表', '12.00', '8.00']);
    expect(r.unread.map((u) => u.reason)).toEqual([expect.stringContaining('印的不是数字（见附表）')]);
  });
});

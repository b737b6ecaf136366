import { describe, expect, it } from 'vitest';
import type { PageContent, Segment, TextItem } from '../../src/read/types.js';
import { cellAt, findTables, joinContinuedTables, joinWrapped, rowCells, splitItemAt, tableFromAlignment, type Table } from '../../src/tables/index.js';

/** A run as a PDF would give it: CJK glyphs 1 em wide, others 0.5 em. */
function item(str: string, x: number, y: number, size = 10, page = 1): TextItem {
  const width = Array.from(str).reduce((w, ch) => w + (isCJK(ch) ? size : size / 2), 0);
  return { page, str, x, y, width, height: size };
}

/** A run with a given uniform glyph advance. */
function itemW(str: string, x: number, y: number, adv: number, size = 10, page = 1): TextItem {
  return { page, str, x, y, width: Array.from(str).length * adv, height: size };
}

/** Borders of each cell; xs left→right, ys top→bottom. Each cell: [row, col, rowSpan, colSpan]. */
function drawCells(xs: number[], ys: number[], cells: [number, number, number, number][]): Segment[] {
  const segs: Segment[] = [];
  for (const [r, c, rs, cs] of cells) {
    const x0 = xs[c];
    const x1 = xs[c + cs];
    const y1 = ys[r];
    const y0 = ys[r + rs];
    segs.push({ x1: x0, y1: y1, x2: x1, y2: y1 }, { x1: x0, y1: y0, x2: x1, y2: y0 });
    segs.push({ x1: x0, y1: y0, x2: x0, y2: y1 }, { x1: x1, y1: y0, x2: x1, y2: y1 });
  }
  return segs;
}

/** Every cell of a full rows × cols grid. */
function fullGrid(rows: number, cols: number): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out.push([r, c, 1, 1]);
  return out;
}

/** Baseline that puts a 10pt line roughly in the middle of the row between yTop and yBottom. */
function mid(yTop: number, yBottom: number, size = 10): number {
  return (yTop + yBottom) / 2 - 0.35 * size;
}
import { isCJK } from '../../src/tables/text.js';

const XS = [50, 150, 250, 350];
const YS = [700, 680, 660, 640];

describe('findTables: ruled grids', () => {
  it('reads a simple 3×3 grid', () => {
    const items: TextItem[] = [];
    const texts = [
      ['科目', '预算数', '决算数'],
      ['基本支出', '100.00', '98.50'],
      ['项目支出', '200.00', '201.25'],
    ];
    texts.forEach((row, r) => row.forEach((s, c) => items.push(item(s, XS[c] + 5, mid(YS[r], YS[r + 1])))));
    items.push(item('表外标题', 60, 720)); // above the grid: not in any cell
    const [t, ...rest] = findTables(1, items, drawCells(XS, YS, fullGrid(3, 3)));
    expect(rest).toHaveLength(0);
    expect(t.rows).toBe(3);
    expect(t.cols).toBe(3);
    expect(t.cells).toHaveLength(9);
    expect(t.source).toBe('rulings');
    for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) expect(cellAt(t, r, c)?.text).toBe(texts[r][c]);
    expect(t.bbox).toEqual({ x0: 50, y0: 640, x1: 350, y1: 700 });
    const c11 = cellAt(t, 1, 1)!;
    expect(c11.bbox).toEqual({ x0: 150, y0: 660, x1: 250, y1: 680 });
    expect(c11.items[0].str).toBe('100.00');
    expect(c11.page).toBe(1);
  });

  it('finds row and column spans where inner rulings are missing', () => {
    // Row 0: one cell across columns 1–2; column 0: one cell over rows 1–2.
    const segs = drawCells(XS, YS, [
      [0, 0, 1, 1],
      [0, 1, 1, 2],
      [1, 0, 2, 1],
      [1, 1, 1, 1],
      [1, 2, 1, 1],
      [2, 1, 1, 1],
      [2, 2, 1, 1],
    ]);
    const items = [
      item('项目资金', 55, mid(700, 680)),
      item('年度预算', 180, mid(700, 680)),
      item('产出指标', 55, mid(680, 640)),
      item('a', 160, mid(680, 660)),
      item('b', 260, mid(680, 660)),
      item('c', 160, mid(660, 640)),
      item('d', 260, mid(660, 640)),
    ];
    const [t] = findTables(3, items, segs);
    expect(t.rows).toBe(3);
    expect(t.cols).toBe(3);
    expect(t.cells).toHaveLength(7);
    const top = cellAt(t, 0, 2)!;
    expect(top).toBe(cellAt(t, 0, 1));
    expect(top).toMatchObject({ row: 0, col: 1, rowSpan: 1, colSpan: 2, text: '年度预算' });
    const left = cellAt(t, 2, 0)!;
    expect(left).toMatchObject({ row: 1, col: 0, rowSpan: 2, colSpan: 1, text: '产出指标' });
    expect(left.bbox).toEqual({ x0: 50, y0: 640, x1: 150, y1: 680 });
    expect(cellAt(t, 2, 2)?.text).toBe('d');
    expect(rowCells(t, 2).map((c) => c.text)).toEqual(['c', 'd']);
  });

  it('joins wrapped lines of a cell without making extra rows', () => {
    const ys = [700, 660, 620];
    const items = [
      item('项目支出绩效', 55, 685),
      item('自评表', 55, 673),
      item('annual', 160, 685),
      item('report', 160, 673),
      item('well-', 260, 685),
      item('known', 260, 673),
      item('第二行', 55, 640),
    ];
    const [t] = findTables(1, items, drawCells(XS, ys, fullGrid(2, 3)));
    expect(t.rows).toBe(2);
    expect(cellAt(t, 0, 0)?.text).toBe('项目支出绩效自评表');
    expect(cellAt(t, 0, 1)?.text).toBe('annual report');
    expect(cellAt(t, 0, 2)?.text).toBe('well-known');
    expect(cellAt(t, 0, 0)?.items).toHaveLength(2);
    expect(cellAt(t, 1, 0)?.text).toBe('第二行');
  });

  it('keeps empty cells as cells with empty text', () => {
    const items = [item('x', 60, mid(700, 680)), item('y', 260, mid(660, 640))];
    const [t] = findTables(1, items, drawCells(XS, YS, fullGrid(3, 3)));
    expect(t.cells).toHaveLength(9);
    expect(t.cells.filter((c) => c.text === '')).toHaveLength(7);
    expect(cellAt(t, 1, 1)).toMatchObject({ text: '', items: [] });
  });

  it('rejoins a number split over two lines in a narrow cell, but not two stacked numbers in a wide one', () => {
    const xs = [50, 90, 250];
    const ys = [700, 660];
    const items = [
      item('10000.0', 52, 685), // 35pt wide in a 40pt cell: full, so the "0" below is its tail
      item('0', 52, 673),
      item('<=18', 92, 685), // a wide cell: "<=18" had room for ".84" too, so this break was deliberate
      item('.84', 92, 673),
    ];
    const [t] = findTables(1, items, drawCells(xs, ys, fullGrid(1, 2)));
    expect(t.cols).toBe(2);
    expect(cellAt(t, 0, 0)?.text).toBe('10000.00');
    expect(cellAt(t, 0, 1)?.text).toBe('<=18 .84');
    // A narrow target cell as in the 自评表: "<=18" fills it, ".84" then "万元" are its continuation.
    const [n] = findTables(1, [item('<=18', 52, 685), item('.84', 52, 673), item('万元', 52, 661)], drawCells([50, 72, 150], [700, 650], [[0, 0, 1, 1], [0, 1, 1, 1]]));
    expect(cellAt(n, 0, 0)?.text).toBe('<=18.84万元');
  });

  it('splits a run that crosses a drawn column boundary', () => {
    // One run "合计1500.00" from x=138 with 6pt glyphs: "合计" falls left of x=150, the number right of it.
    const run = itemW('合计1500.00', 138, mid(700, 680), 6);
    const [t] = findTables(1, [run], drawCells(XS, YS, fullGrid(3, 3)));
    const left = cellAt(t, 0, 0)!;
    const right = cellAt(t, 0, 1)!;
    expect(left.text).toBe('合计');
    expect(right.text).toBe('1500.00');
    expect(right.items[0].x).toBeCloseTo(150);
    expect(right.items[0].width).toBeCloseTo(42);
    expect(left.items[0].width).toBeCloseTo(12);
    // A run crossing a line that is not drawn in its row (a spanning cell) stays whole.
    const spanned = drawCells(XS, YS, [[0, 0, 1, 2], [0, 2, 1, 1], ...fullGrid(3, 3).slice(3)]);
    const [s] = findTables(1, [run], spanned);
    expect(cellAt(s, 0, 0)?.text).toBe('合计1500.00');
  });

  it('reads two separate grids as two tables, top to bottom, and ignores a lone box', () => {
    const a = drawCells(XS, [500, 480, 460], fullGrid(2, 3));
    const b = drawCells(XS, YS, fullGrid(3, 3));
    const box = drawCells([50, 350], [300, 200], [[0, 0, 1, 1]]);
    const tables = findTables(1, [], [...a, ...b, ...box]);
    expect(tables.map((t) => t.rows)).toEqual([3, 2]);
  });

  it('keeps the last row of a grid cut open by a page break (no closing line)', () => {
    const segs = drawCells(XS, YS, fullGrid(2, 3)).concat(XS.map((x) => ({ x1: x, y1: 640, x2: x, y2: 660 })));
    const [t] = findTables(1, [item('末行', 55, mid(660, 640))], segs);
    expect(t.rows).toBe(3);
    expect(cellAt(t, 2, 0)?.text).toBe('末行');
  });
});

describe('tableFromAlignment', () => {
  it('reads an unruled table from column gaps and baselines, merging wrapped continuation lines', () => {
    const items = [
      item('科目名称', 50, 700),
      item('预算数', 200, 700),
      item('决算数', 300, 700),
      item('一般公共服务支出', 50, 685),
      item('120.00', 200, 685),
      item('118.00', 300, 685),
      item('其中：当年财政拨', 50, 670),
      item('1500', 200, 670),
      item('1500', 300, 670),
      item('款', 50, 658), // continuation of the cell above: the other columns are empty on this line
      item('上年结转', 50, 643),
      item('0', 200, 643),
      item('0', 300, 643),
      item('页脚', 50, 500), // outside the region
    ];
    const t = tableFromAlignment(items, { x0: 40, y0: 600, x1: 400, y1: 720 })!;
    expect(t).not.toBeNull();
    expect(t.source).toBe('alignment');
    expect(t.cols).toBe(3);
    expect(t.rows).toBe(4);
    expect(cellAt(t, 2, 0)?.text).toBe('其中：当年财政拨款');
    expect(cellAt(t, 2, 2)?.text).toBe('1500');
    expect(cellAt(t, 3, 0)?.text).toBe('上年结转');
    expect(cellAt(t, 1, 1)?.text).toBe('120.00');
    expect(t.cells.every((c) => c.bbox.x0 < c.bbox.x1 && c.bbox.y0 < c.bbox.y1)).toBe(true);
    // Column boundaries lie in the gaps.
    expect(t.xs[1]).toBeGreaterThan(130);
    expect(t.xs[1]).toBeLessThan(200);
  });

  it('joins a value vertically centred beside a two-line label into one row', () => {
    const items = [
      item('其中：当年财政拨', 50, 683),
      item('1500', 200, 677),
      item('款', 50, 671),
      item('其他资金', 50, 655),
      item('0', 200, 655),
    ];
    const t = tableFromAlignment(items)!;
    expect(t.rows).toBe(2);
    expect(cellAt(t, 0, 0)?.text).toBe('其中：当年财政拨款');
    expect(cellAt(t, 0, 1)?.text).toBe('1500');
  });

  it('reads a header centred over two columns as spanning them, and a header wrapped in a narrow column as one cell', () => {
    // columns: label 50–150, value 200–240 | label 260–360, value 400–440; 收入 centred over 50–245, 支出 over 255–445
    const items = [
      item('收入', 137, 730),
      item('支出', 340, 730),
      item('一般公共', 400, 716),
      item('项目', 90, 702),
      item('决算数', 205, 702),
      item('项目', 300, 702),
      item('预算', 410, 702),
      item('一、财政拨款收入', 50, 685),
      item('307.82', 205, 685),
      item('一、一般公共服务支出', 260, 685),
      item('264.87', 405, 685),
      item('总计', 50, 670),
      item('307.82', 205, 670),
      item('总计', 260, 670),
      item('307.82', 405, 670),
    ];
    const t = tableFromAlignment(items)!;
    expect(t.cols).toBe(4);
    const header = t.cells.filter((c) => c.row < 2 && c.text);
    expect(header.map((c) => [c.text, c.row, c.col, c.colSpan])).toEqual([
      ['收入', 0, 0, 2],
      ['支出', 0, 2, 2],
      ['项目', 1, 0, 1],
      ['决算数', 1, 1, 1],
      ['项目', 1, 2, 1],
      ['一般公共预算', 1, 3, 1],
    ]);
    expect(cellAt(t, 3, 3)?.text).toBe('307.82');
  });

  it('returns null when there is no second column', () => {
    expect(tableFromAlignment([item('一行文字', 50, 700), item('又一行文字', 50, 685)])).toBeNull();
  });
});

describe('joinContinuedTables', () => {
  const header = ['科目', '预算数', '决算数'];
  function part(page: number, ys: number[], rows: string[][], xs = XS): { table: Table; items: TextItem[] } {
    const items: TextItem[] = [];
    rows.forEach((row, r) => row.forEach((s, c) => s && items.push(item(s, xs[c] + 5, mid(ys[r], ys[r + 1]), 10, page))));
    const [table] = findTables(page, items, drawCells(xs, ys, fullGrid(rows.length, xs.length - 1)));
    return { table, items };
  }
  const page = (n: number, items: TextItem[]): PageContent => ({ page: n, width: 595, height: 842, items, segments: [] });

  it('joins a table continued on the next page and drops the repeated header', () => {
    const p1 = part(1, [140, 120, 100, 80], [header, ['201', '10', '9'], ['202', '20', '19']]);
    const p2 = part(2, [780, 760, 740, 720], [header, ['203', '30', '29'], ['204', '40', '41']]);
    const pages = [page(1, [...p1.items, item('正文', 50, 400, 10, 1), item('1', 290, 30, 10, 1)]), page(2, [...p2.items, item('2', 290, 30, 10, 2)])];
    const joined = joinContinuedTables([p2.table, p1.table], { pages });
    expect(joined).toHaveLength(1);
    const t = joined[0];
    expect(t.rows).toBe(5);
    expect(t.cols).toBe(3);
    expect(t.parts.map((p) => [p.page, p.rowOffset])).toEqual([[1, 0], [2, 3]]);
    expect(rowCells(t, 0).map((c) => c.text)).toEqual(header);
    expect(rowCells(t, 3).map((c) => c.text)).toEqual(['203', '30', '29']);
    expect(cellAt(t, 2, 0)).toMatchObject({ text: '202', page: 1 });
    expect(cellAt(t, 4, 2)).toMatchObject({ text: '41', page: 2 });
    expect(cellAt(t, 4, 2)?.items[0].page).toBe(2);
    expect(cellAt(t, 4, 2)?.bbox.y1).toBe(740);
  });

  it('does not join when the columns differ', () => {
    const p1 = part(1, [140, 120, 100], [header, ['201', '10', '9']]);
    const p2 = part(2, [780, 760, 740], [['a', 'b', 'c'], ['d', 'e', 'f']], [50, 120, 250, 350]);
    expect(joinContinuedTables([p1.table, p2.table])).toHaveLength(2);
    const p3 = part(2, [780, 760, 740], [['a', 'b'], ['d', 'e']], [50, 150, 350]);
    expect(joinContinuedTables([p1.table, p3.table])).toHaveLength(2);
  });

  it('does not join a new table with its own title, nor a table that is not at the bottom of its page', () => {
    const p1 = part(1, [140, 120, 100], [header, ['201', '10', '9']]);
    const p2 = part(2, [780, 760, 740], [header, ['203', '30', '29']]);
    const titled = [page(1, p1.items), page(2, [...p2.items, item('项目支出绩效自评表', 200, 800, 16, 2)])];
    expect(joinContinuedTables([p1.table, p2.table], { pages: titled })).toHaveLength(2);
    const textBelow = [page(1, [...p1.items, item('注：本表无数据', 50, 60, 10, 1)]), page(2, p2.items)];
    expect(joinContinuedTables([p1.table, p2.table], { pages: textBelow })).toHaveLength(2);
    // Pages that are not consecutive never join.
    const p4 = part(4, [780, 760, 740], [header, ['203', '30', '29']]);
    expect(joinContinuedTables([p1.table, p4.table])).toHaveLength(2);
  });

  it('continues a row cut by the page break instead of adding a row', () => {
    const p1 = part(1, [140, 120, 100], [['指标', '分值', '说明'], ['满意度', '10', '仅27家非常满意，后续将加强']]);
    const p2 = part(2, [780, 760, 740], [['', '', '服务能力评估。'], ['总分', '100', '']]);
    const [t, ...rest] = joinContinuedTables([p1.table, p2.table]);
    expect(rest).toHaveLength(0);
    expect(t.rows).toBe(3);
    const note = cellAt(t, 1, 2)!;
    expect(note.text).toBe('仅27家非常满意，后续将加强服务能力评估。');
    expect(note.page).toBe(1);
    expect(note.continuation).toEqual([{ page: 2, bbox: { x0: 250, y0: 760, x1: 350, y1: 780 } }]);
    expect(new Set(note.items.map((i) => i.page))).toEqual(new Set([1, 2]));
    expect(rowCells(t, 2).map((c) => [c.text, c.page])).toEqual([['总分', 2], ['100', 2], ['', 2]]);
  });
});

describe('text helpers', () => {
  it('joinWrapped follows the CJK / Latin / number rules', () => {
    expect(joinWrapped('基本达到', '预期效果')).toBe('基本达到预期效果');
    expect(joinWrapped('1046', '个')).toBe('1046个');
    expect(joinWrapped('annual', 'report')).toBe('annual report');
    expect(joinWrapped('self-', 'evaluation')).toBe('self-evaluation');
    expect(joinWrapped('10000.0', '0')).toBe('10000.00');
    expect(joinWrapped('100', '200', false)).toBe('100 200');
    expect(joinWrapped('(7*24', ')')).toBe('(7*24)');
  });
  it('splitItemAt cuts by equal glyph advance', () => {
    const parts = splitItemAt(itemW('ab cd', 0, 0, 2), [6]);
    expect(parts.map((p) => [p.str, p.x, p.width])).toEqual([['ab ', 0, 6], ['cd', 6, 4]]);
  });
});

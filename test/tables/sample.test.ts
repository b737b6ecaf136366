import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageContent, TextItem } from '../../src/read/types.js';
import { readSegments } from '../../src/read/rulings.js';
import { cellAt, findTables, joinContinuedTables, rowCells, type Table } from '../../src/tables/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

async function readPage(doc: PDFDocumentProxy, n: number): Promise<PageContent> {
  const page = await doc.getPage(n);
  const tc = await page.getTextContent();
  const items: TextItem[] = [];
  for (const it of tc.items) {
    if (!('str' in it)) continue;
    const t = it.transform as number[];
    items.push({ page: n, str: it.str, x: t[4], y: t[5], width: it.width, height: Math.hypot(t[2], t[3]) });
  }
  const [, , w, h] = page.view;
  return { page: n, width: w, height: h, items, segments: await readSegments(page) };
}

describe('tables on the sample report (urumqi-gxj-2021, 项目支出绩效自评表 on pages 11–12)', () => {
  let p11: PageContent;
  let p12: PageContent;
  let p13: PageContent;
  let t11: Table;

  beforeAll(async () => {
    const doc = await getDocument({
      url: `${root}test/fixtures/urumqi-gxj-2021.pdf`,
      cMapUrl: `${root}node_modules/pdfjs-dist/cmaps/`,
      cMapPacked: true,
      standardFontDataUrl: `${root}node_modules/pdfjs-dist/standard_fonts/`,
    }).promise;
    [p11, p12, p13] = [await readPage(doc, 11), await readPage(doc, 12), await readPage(doc, 13)];
    const tables = findTables(11, p11.items, p11.segments);
    expect(tables).toHaveLength(1);
    t11 = tables[0];
    await doc.destroy();
  });

  it('reads the evaluation table grid with its spans', () => {
    expect(t11.cols).toBe(9);
    expect(t11.rows).toBe(22);
    const name = t11.cells.find((c) => c.text === '项目名称')!;
    expect(name).toMatchObject({ row: 0, col: 0 });
    expect(cellAt(t11, 0, 1)).toMatchObject({ text: '2020年度乌鲁木齐市政务云服务项目(2)', colSpan: 8 });
    expect(cellAt(t11, 1, 4)?.text).toBe('实施单位');

    const fundsRow = t11.cells.find((c) => c.text === '年度资金总额')!.row;
    const funds = rowCells(t11, fundsRow).filter((c) => c.text !== '');
    expect(funds.map((c) => c.text)).toEqual(['年度资金总额', '1500.00', '1500.00', '1500.00', '10', '100.00%', '10.00分']);
    // 项目资金（万元） spans the funds header and its four rows.
    expect(cellAt(t11, fundsRow, 0)).toMatchObject({ text: '项目资金（万元）', rowSpan: 5 });
    // A label wrapped over two lines in its cell is one cell, one row.
    expect(rowCells(t11, fundsRow + 1).map((c) => c.text)).toEqual(['其中：当年财政拨款', '1500', '1500', '1500', '—', '—', '—']);

    const head = t11.cells.find((c) => c.text === '一级指标')!;
    const heads = rowCells(t11, head.row).map((c) => c.text);
    expect(heads).toEqual(['年度绩效指标完成情况', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
    const output = cellAt(t11, head.row + 1, 1)!;
    expect(output).toMatchObject({ text: '产出指标', rowSpan: 7 });
    const first = rowCells(t11, head.row + 1).map((c) => c.text);
    expect(first).toEqual(['产出指标', '数量指标', '虚拟机', '=1046个', '1046个', '7', '7', '']);
    const benefit = rowCells(t11, t11.cells.find((c) => c.text === '社会效益指标')!.row).map((c) => c.text);
    expect(benefit.slice(0, 5)).toEqual(['社会效益指标', '提升全市自建信息化系统上云率。', '不断提升', '基本达到预期效果', '15']);
    // Every text run of the table is in exactly one cell, on page 11.
    expect(t11.cells.every((c) => c.page === 11 && c.items.every((i) => i.page === 11))).toBe(true);
  });

  it('joins the table with its end on page 12, continuing the row cut by the page break', () => {
    const all = [11, 12, 13].flatMap((n) => {
      const pc = [p11, p12, p13][n - 11];
      return findTables(n, pc.items, pc.segments);
    });
    const joined = joinContinuedTables(all, { pages: [p11, p12, p13] });
    expect(joined.map((t) => t.parts.map((p) => p.page))).toEqual([[11, 12], [13]]);
    const t = joined[0];
    const total = t.cells.find((c) => c.text === '总分')!;
    expect(total.page).toBe(12);
    expect(rowCells(t, total.row).map((c) => c.text)).toEqual(['总分', '100', '87.44分', '']);
    const note = cellAt(t, total.row - 1, 8)!;
    expect(note.page).toBe(11);
    expect(note.text.startsWith('仅27家非常满意')).toBe(true);
    expect(note.text.endsWith('提升，优化评价体系，采购第三方进行服务能力评估。')).toBe(true);
    expect(note.continuation?.[0].page).toBe(12);
    expect(cellAt(t, total.row - 1, 6)?.text).toBe('10');
  });
});

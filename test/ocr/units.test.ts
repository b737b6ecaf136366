/** Pure parts of the OCR stage: clean-up rules, the per-page decision, rulings and cells, words → items. */
import { describe, expect, it } from 'vitest';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { compileCleanup, cleanOcrText, collapseCjkSpaces } from '../../src/ocr/cleanup.js';
import { decidePageSource, parseOcrMode } from '../../src/ocr/decide.js';
import { gridCells } from '../../src/ocr/grid.js';
import { detectRulings, toPdfSegments } from '../../src/ocr/rulings.js';
import { ocrRulesSchema } from '../../src/ocr/rules.js';
import { loadRules, parseRuleFile } from '../../src/rules/load.js';
import { linesToItems } from '../../src/ocr/words.js';
import { quarterTurn, verticalShare } from '../../src/ocr/orient.js';
import { dropBorderGlyphs, unruledTables } from '../../src/ocr/page.js';
import { judgeTextLayer } from '../../src/ocr/quality.js';
import { largestImage, type GrayImage } from '../../src/read/render.js';

const rules = (await loadRules(new URL('../../rules', import.meta.url).pathname)).ocr;
const cleanup = compileCleanup(rules.cleanup);

describe('clean-up (rules/ocr.yaml)', () => {
  it.each([
    ['年 度 本 年 收 入', '年度本年收入'],
    ['12,45O.OO', '12,450.00'],
    ['l00.07万元', '100.07万元'],
    ['59923，16万元', '59923.16万元'],
    ['占 0.18 %%', '占 0.18 %%'.replace(/ /g, ' ')],
    ['11.9%%', '11.9%'],
    ['一一', '—'],
    ['2021 年度', '2021 年度'],
  ])('%s → %s', (input, expected) => {
    expect(cleanOcrText(input, cleanup)).toBe(expected);
  });

  it('leaves Latin words, lists and Chinese numerals alone', () => {
    for (const s of ['Office 2019', 'IOS', '第1，2项', '一、收入', 'l', 'O']) expect(cleanOcrText(s, cleanup)).toBe(s);
  });

  it('collapses only spaces between CJK characters', () => {
    expect(collapseCjkSpaces('支 出 4947.97 万 元 ， 其 中 ： 基')).toBe('支出 4947.97 万元，其中：基');
  });

  it('reports a bad rule with its line', () => {
    expect(() => parseRuleFile('ocr.yaml', 'render: {dpi: 300, min_dpi: 150, max_dpi: 400, scan_coverage: 2}\n', ocrRulesSchema)).toThrow(/ocr\.yaml:1/);
  });
});

describe('decidePageSource', () => {
  const good = judgeTextLayer('2019年度本年收入 4911.6 万元，比上年增加 391.42 万元，支出', ['万元', '支出']);
  const bad = judgeTextLayer('\u0001\u0002\u0003\u0004\u0005\u0006', ['万元']);
  it('auto: OCR only unusable layers, with the reason', () => {
    expect(decidePageSource(good)).toEqual({ source: 'text', reason: '' });
    expect(decidePageSource(bad, 'auto')).toMatchObject({ source: 'ocr', reason: bad.reason });
  });
  it('always / never', () => {
    expect(decidePageSource(good, 'always').source).toBe('ocr');
    expect(decidePageSource(bad, 'never')).toMatchObject({ source: 'unreadable' });
    expect(decidePageSource(good, 'never').source).toBe('text');
    expect(() => parseOcrMode('sometimes')).toThrow();
  });
});

describe('largestImage', () => {
  it('finds a full-page scan and its native DPI from the CTM', () => {
    // A4 page, image of 2480×3508 px drawn over the whole page = 300 dpi.
    const ops = {
      fnArray: [OPS.save, OPS.transform, OPS.paintImageXObject, OPS.restore],
      argsArray: [null, [595.28, 0, 0, 841.89, 0, 0], ['img_p0_1', 2480, 3508], null],
    };
    const info = largestImage(ops, 595.28, 841.89)!;
    expect(info.dpi).toBeCloseTo(300, 0);
    expect(info.coverage).toBeCloseTo(1, 3);
  });
  it('returns null when nothing is painted', () => {
    expect(largestImage({ fnArray: [], argsArray: [] }, 100, 100)).toBeNull();
  });
});

/** A white image with black lines drawn (thickness t), slightly skewed rows to mimic a scan. */
function gridImage(W: number, H: number, xs: number[], ys: number[], t: number, skew = 0): GrayImage {
  const data = new Uint8Array(W * H).fill(255);
  const x0 = xs[0], x1 = xs[xs.length - 1], y0 = ys[0], y1 = ys[ys.length - 1];
  for (const y of ys) for (let x = x0; x <= x1; x++) for (let k = 0; k < t; k++) data[(Math.round(y + skew * (x - x0)) + k) * W + x] = 0;
  for (const x of xs) for (let y = y0; y <= y1 + t; y++) for (let k = 0; k < t; k++) data[y * W + x + k] = 0;
  return { width: W, height: H, data };
}

describe('rulings and cells from an image', () => {
  it('finds a 3×2 grid even with a slight skew', () => {
    const img = gridImage(800, 500, [50, 300, 550, 750], [50, 200, 350], 3, 0.004);
    const r = detectRulings(img, 200);
    expect(r.horizontal).toHaveLength(3);
    expect(r.vertical).toHaveLength(4);
    const cells = gridCells(r, 6);
    expect(cells).toHaveLength(6);
    expect(cells[0]).toMatchObject({ row: 0, rowSpan: 1 });
  });
  it('merges a row-spanning cell whose inner border is missing', () => {
    const img = gridImage(800, 500, [50, 300, 550], [50, 350], 3);
    // The middle horizontal border only in the right column.
    for (let x = 300; x <= 550; x++) for (let k = 0; k < 3; k++) img.data[(200 + k) * 800 + x] = 0;
    const cells = gridCells(detectRulings(img, 200), 6);
    expect(cells).toHaveLength(3);
    expect(cells.find((c) => c.x0 < 100)).toMatchObject({ rowSpan: 2 });
  });
  it('closes a table cut by the page edge where its vertical lines start together', () => {
    const img = gridImage(800, 500, [50, 300, 550], [50, 200, 350], 3);
    for (let x = 50; x <= 550; x++) for (let k = 0; k < 3; k++) img.data[(50 + k) * 800 + x] = 255; // no top border
    const cells = gridCells(detectRulings(img, 200), 6);
    expect(cells).toHaveLength(4);
  });
  it('ignores text-like strokes', () => {
    // a row of glyphs built of strokes (三, 十, 口, 丁 …): tops lined up, bodies below
    const img: GrayImage = { width: 420, height: 100, data: new Uint8Array(420 * 100).fill(255) };
    const bar = (x0: number, x1: number, y: number) => {
      for (let x = x0; x < x1; x++) for (let k = 0; k < 2; k++) img.data[(y + k) * 420 + x] = 0;
    };
    const stem = (x: number, y0: number, y1: number) => {
      for (let y = y0; y < y1; y++) for (let k = 0; k < 2; k++) img.data[y * 420 + x + k] = 0;
    };
    for (let c = 0; c < 11; c++) {
      const x = 10 + c * 36;
      bar(x, x + 26, 38); // every glyph has a top stroke at the same height
      if (c % 3 === 0) bar(x + 3, x + 23, 50), bar(x, x + 26, 62); // 三
      if (c % 3 === 1) stem(x + 12, 38, 64), bar(x + 2, x + 24, 52); // 干
      if (c % 3 === 2) stem(x + 2, 38, 64), stem(x + 23, 38, 64), bar(x + 2, x + 25, 63); // 口
    }
    const r = detectRulings(img, 200);
    expect(r.horizontal).toHaveLength(0);
    expect(r.vertical).toHaveLength(0);
  });
  it('maps pixels to PDF points, origin bottom-left', () => {
    const segs = toPdfSegments({ horizontal: [{ x1: 0, y1: 100, x2: 200, y2: 100, thickness: 2 }], vertical: [] }, [72 / 200, 0, 0, -72 / 200, 0, 842]);
    expect(segs[0]).toEqual({ x1: 0, y1: 842 - 36, x2: 72, y2: 842 - 36 });
  });
});

describe('words → text items', () => {
  it('joins close words into one run, splits at a column gap, keeps confidence and geometry', () => {
    const items = linesToItems(
      [
        {
          words: [
            { text: '本年', confidence: 90, x0: 100, x1: 180 },
            { text: '收入', confidence: 80, x0: 185, x1: 265 },
            { text: '4911.6', confidence: 70, x0: 600, x1: 720 },
          ],
          baselineLeft: 400,
          baselineRight: 400,
          left: 100,
          right: 720,
          top: 360,
        },
      ],
      { page: 3, pxToPdf: [72 / 200, 0, 0, -72 / 200, 0, 842], cleanup },
    );
    expect(items.map((i) => i.str)).toEqual(['本年收入', '4911.6']);
    expect(items[0]).toMatchObject({ page: 3, confidence: 80 });
    expect(items[0].x).toBeCloseTo(36, 5);
    expect(items[0].y).toBeCloseTo(842 - 144, 5);
    expect(items[0].height).toBeCloseTo(14.4, 5);
    expect(items[1].width).toBeCloseTo(43.2, 5);
  });
});

describe('page orientation', () => {
  it('turns an image by quarter turns exactly (four make a round trip)', () => {
    const img: GrayImage = { width: 3, height: 2, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    const r90 = quarterTurn(img, 90);
    expect([r90.width, r90.height, Array.from(r90.data)]).toEqual([2, 3, [4, 1, 5, 2, 6, 3]]);
    expect(Array.from(quarterTurn(img, 180).data)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(Array.from(quarterTurn(quarterTurn(r90, 180), 90).data)).toEqual(Array.from(img.data));
  });
  it('tells text lines running down the image from lines running across', () => {
    const line = (w: number, h: number) => ({ words: [{ text: '本年收入支出' }], left: 0, right: w, top: 0, baselineLeft: h, baselineRight: h });
    expect(verticalShare([line(300, 30), line(280, 30)])).toBe(0);
    expect(verticalShare([line(30, 300), line(30, 280), line(300, 30)])).toBeCloseTo(2 / 3, 5);
  });
});

describe('a grid that cannot be right', () => {
  const v = (x: number, y1: number, y2: number) => ({ x1: x, x2: x, y1, y2, thickness: 2 });
  const h = (y: number, x1: number, x2: number) => ({ x1, x2, y1: y, y2: y, thickness: 2 });
  it('is found where long verticals run side by side with no row border between their ends', () => {
    const rulings = { vertical: [v(100, 100, 900), v(400, 100, 900), v(700, 100, 900)], horizontal: [h(100, 100, 700), h(900, 100, 700)] };
    expect(unruledTables(rulings, 200)).toEqual([{ x0: 100, x1: 700, y0: 100, y1: 900 }]);
  });
  it('is not a table with its row borders, nor a tall cell inside a longer table', () => {
    const rows = [h(100, 100, 700), h(300, 100, 700), h(900, 100, 700)];
    expect(unruledTables({ vertical: [v(100, 100, 900), v(400, 100, 900), v(700, 100, 900)], horizontal: rows }, 200)).toEqual([]);
    // the goal row's own borders (300–600) inside a table whose outer verticals run 100–900
    const table = { vertical: [v(100, 100, 900), v(700, 100, 900), v(300, 300, 600), v(500, 300, 600)], horizontal: [h(100, 100, 700), h(300, 100, 700), h(600, 100, 700), h(900, 100, 700)] };
    expect(unruledTables(table, 200)).toEqual([]);
  });
});

describe('border remnants in a cell', () => {
  const line = (...texts: string[]) => ({ words: texts.map((text, i) => ({ text, confidence: 90, x0: i * 100, x1: i * 100 + 90 })), baselineLeft: 30, baselineRight: 30, left: 0, right: 300, top: 0 });
  it('drops a 1 or | read from a border at the edge of Chinese text, nothing else', () => {
    expect(dropBorderGlyphs(line('项目名称1')).words.map((w) => w.text)).toEqual(['项目名称']);
    expect(dropBorderGlyphs(line('|主管部门')).words.map((w) => w.text)).toEqual(['主管部门']);
    for (const keep of ['10.00分', '第1', '年1', '2020年度乌鲁木齐市政务云服务项目(2)']) expect(dropBorderGlyphs(line(keep)).words[0].text).toBe(keep);
  });
});

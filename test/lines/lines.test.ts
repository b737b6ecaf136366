import { describe, expect, it } from 'vitest';
import { flowText } from '../../src/lines/flow.js';
import { dropFurniture } from '../../src/lines/furniture.js';
import { pageLines } from '../../src/lines/lines.js';
import { normalizeLine } from '../../src/normalize/normalize.js';
import { item, line } from '../helpers/located.js';

describe('lines', () => {
  it('groups runs by baseline, top to bottom, left to right', () => {
    const lines = pageLines([item('第二行', 72, 680), item('万元', 200, 700.8), item('本年收入', 72, 700), item('59923.16', 130, 700, { width: 64 })]);
    // the spaces printed around the number on a line set solid are kept; the narrative form drops them
    expect(lines.map((l) => l.text)).toEqual(['本年收入 59923.16 万元', '第二行']);
    expect(lines.map((l) => normalizeLine(l).text)).toEqual(['本年收入59923.16万元', '第二行']);
  });

  it('puts no space between CJK glyphs of a justified line, one at a field gap', () => {
    // one run per glyph, 5pt apart (0.42 em): the line's own spacing
    const glyphs = (s: string, x: number) => Array.from(s).map((ch, i) => item(ch, x + 17 * i, 700));
    expect(pageLines(glyphs('年度本年支出', 72))[0].text).toBe('年度本年支出');
    // two labels 40pt apart on a line set solid: a field gap
    expect(pageLines([item('部门：某局', 72, 700), item('单位：万元', 172, 700)])[0].text).toBe('部门：某局 单位：万元');
  });

  it('separates two numbers that are apart', () => {
    const lines = pageLines([item('293', 72, 700, { width: 18 }), item('41', 120, 700, { width: 12 })]);
    expect(lines[0].text).toBe('293 41');
    expect(lines[0].chars).toHaveLength(lines[0].text.length);
  });

  it('joins lines of a sentence without a separator, but never fuses two numbers', () => {
    const t = flowText([line('本年收入59923.16万元，与上年相比，减少'), line('14782.79万元', { y: 680 }), line('2021', { y: 660 }), line('10', { y: 640 })]);
    expect(t.text).toBe('本年收入59923.16万元，与上年相比，减少14782.79万元2021 10');
    expect(t.chars).toHaveLength(t.text.length);
  });

  it('drops page numbers in the margins only', () => {
    const kept = dropFurniture([line('3', { y: 40 }), line('3', { y: 400 }), line('第二部分', { y: 800 })], 842, 0.1, [/^\d+$/]);
    expect(kept.map((l) => `${l.text}@${l.box.y0}`)).toEqual(['3@398', '第二部分@798']);
  });
});

describe('running headers and footers', () => {
  it('are found when the same margin text recurs on several pages, digits aside', async () => {
    const { runningFurniture, furnitureKey } = await import('../../src/lines/furniture.js');
    const pages = [1, 2, 3, 4].map((p) => ({ height: 842, lines: [line('某局2021年度部门决算公开', { page: p, y: 810 }), line(`第${p}页正文`, { page: p, y: 400 })] }));
    const found = runningFurniture(pages, 0.1);
    expect([...found]).toEqual([furnitureKey('某局2021年度部门决算公开')]);
    expect(runningFurniture(pages.slice(0, 2), 0.1).size).toBe(0);
  });
});

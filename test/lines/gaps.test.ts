import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GAP, gapKind, joinRunsText, typicalGap, type Run } from '../../src/lines/gaps.js';
import { pageLines } from '../../src/lines/lines.js';
import { normalizeLine } from '../../src/normalize/normalize.js';
import { cellText } from '../../src/tables/text.js';
import { pdfjsRuns, placeGlyphs } from '../helpers/pdfjs-runs.js';

const SIZE = 10;
/** one run with CJK glyphs 1 em and others 0.55 em wide, `extra` points of spaces / spacing on top */
const run = (str: string, x: number, extra = 0, size = SIZE): Run => ({
  str,
  x,
  size,
  width: Array.from(str).reduce((w, ch) => w + (ch === ' ' ? 0 : /[\u2e80-\u9fff\uff01-\uff5e]/u.test(ch) ? size : 0.55 * size), 0) + extra,
});
/** a run whose spaces are `gap` em wide each */
const spaced = (str: string, x: number, gap: number, size = SIZE): Run => run(str, x, (str.split(' ').length - 1) * gap * size, size);
const text = (...runs: Run[]) => joinRunsText(runs);
/** a line drawn with glyph positions, as pdf.js returns it, in the narrative's normal form */
const narrative = (glyphs: ReturnType<typeof placeGlyphs>) => pageLines(pdfjsRuns(glyphs, SIZE)).map((l) => normalizeLine(l).text).join('\n');

describe('gapKind', () => {
  it('reads the gap against the line: nothing, a word space or a field gap', () => {
    // a line set solid (typical gap 0)
    expect(gapKind('a', 'b', 0.3, 0, false)).toBe('space');
    expect(gapKind('a', 'b', 0.05, 0, false)).toBe('none');
    expect(gapKind('年', '度', 0.3, 0, true)).toBe('space'); // a printed space
    expect(gapKind('年', '度', 3, 0, false)).toBe('field');
    // inside a number: nothing, short of a field
    expect(gapKind('5', '1', 0.5, 0, true)).toBe('none');
    expect(gapKind('.', '1', 0.9, 0, false)).toBe('none');
    expect(gapKind('2', '%', 0.4, 0, false)).toBe('none');
    expect(gapKind('0', '8', 1.2, 0, false)).toBe('field');
    // a justified / letter-spaced line (typical gap 0.4): its own gaps are nothing, CJK never gets a space
    expect(gapKind('年', '度', 0.45, 0.4, true)).toBe('none');
    expect(gapKind('年', '度', 1.2, 0.4, false)).toBe('none');
    expect(gapKind('年', '度', 1.5, 0.4, false)).toBe('field');
    expect(gapKind('a', 'b', 0.45, 0.4, false)).toBe('none');
    // a space pdf.js put into a run is at most 0.6 em: never a field
    expect(gapKind('0', '8', 0.6, 0, true)).toBe('none');
  });

  it('takes the line\'s typical gap without its field gaps', () => {
    expect(typicalGap([])).toBe(0);
    expect(typicalGap([0.3, 0.3, 0.35, 0.3])).toBe(0.3);
    expect(typicalGap([3, 10])).toBe(3);
    // "其他资金 0 0 0 — — —": more columns than glyph pairs inside words
    expect(typicalGap([0, 0, 0, 9.2, 7.8, 5.8, 4.1, 2.7, 7.9])).toBe(0);
  });
});

describe('joinRunsText', () => {
  it('joins the gaps inside a number, in one run or across runs', () => {
    expect(text(spaced('1 000.00', 72, 0.3))).toBe('1000.00');
    expect(text(spaced('本年支出60145.5 1万元', 72, 0.4))).toBe('本年支出60145.51万元');
    expect(text(run('项目支出575', 72), run('65.64万元', 72 + 40 + 16.5 + 8))).toBe('项目支出57565.64万元');
    expect(text(run('财政拨款支出60030.', 72), run('17万元', 72 + 60 + 33 + 7))).toBe('财政拨款支出60030.17万元');
    expect(text(spaced('年初预算数214 7.42万元', 72, 0.25))).toBe('年初预算数2147.42万元');
  });

  it('keeps two numbers a field apart, and two cells of a row apart', () => {
    expect(text(run('总分', 72), run('100', 252), run('87.44分', 252 + 16.5 + 11))).toBe('总分 100 87.44分');
    expect(text(run('其他资金', 72), run('0', 190), run('0', 260), run('0', 320), run('—', 370), run('—', 400))).toBe('其他资金 0 0 0 — —');
  });

  it('reads a justified or letter-spaced CJK line as its words, keeps a space printed on a line set solid', () => {
    expect(text(spaced('机 关 事 业 单 位', 72, 0.35))).toBe('机关事业单位');
    expect(text(spaced('社 会 保 障 和', 72, 0.2), run('就业支出', 132))).toBe('社会保障和就业支出');
    // one run per glyph, 0.8 em apart: each glyph its own pdf.js run
    expect(text(...Array.from('因公出国（境）费').map((ch, i) => run(ch, 72 + 18 * i)))).toBe('因公出国（境）费');
    expect(text(spaced('路）工 程建设', 72, 0.5))).toBe('路）工 程建设');
    // a line justified at its word boundaries (putuo-shgzb-2024 p.13, WPS): several gaps, no printed space
    expect(text({ str: '信息 网络 及软件 购置', x: 370, width: 102, size: 10.5 })).toBe('信息网络及软件购置');
    expect(text(spaced('项目 名称', 72, 0.5))).toBe('项目 名称');
    expect(text(spaced('不明显。影响此指标。 后续', 72, 0.5))).toBe('不明显。影响此指标。 后续');
  });

  it('puts word spaces between Latin words, none inside a letter-spaced word', () => {
    expect(text(run('annual', 72), run('report', 72 + 33 + 3))).toBe('annual report');
    expect(text(spaced('annual report', 72, 0.3))).toBe('annual report');
    expect(text(run('=5.14', 72), run('km', 72 + 27.5))).toBe('=5.14km');
    expect(text(spaced('k m', 72, 0.3), spaced('a b', 110, 0.3))).toBe('km ab');
  });
});

describe('properties, through runs as pdf.js makes them', () => {
  const digits = fc.stringMatching(/^[1-9]\d{0,5}(\.\d{1,2})?$/);
  const cjk = fc.array(fc.constantFrom(...'本年收入支出财政拨款机关事业单位基本养老保险缴费社会保障和就业信息网络及软件购置更新'), { minLength: 2, maxLength: 24 }).map((a) => a.join(''));

  it(`an amount set one glyph per run, up to ${0.95} em apart, reads back as the amount`, () => {
    fc.assert(
      fc.property(
        digits,
        fc.array(fc.double({ min: 0, max: 0.95, noNaN: true }), { minLength: 12, maxLength: 12 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.boolean(),
        (amount, spacing, justify, fullWidth) => {
          const shown = fullWidth ? amount.replace(/[0-9.]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : amount;
          const label = '本年支出';
          // the words around it are set solid or justified (every glyph `justify` em apart)
          const line = `${label}${shown}万元`;
          const n = Array.from(label).length;
          const glyphs = placeGlyphs(line, 72, SIZE, (i) => (i > n && i <= n + Array.from(shown).length - 1 ? spacing[i - n] : justify));
          expect(narrative(glyphs)).toBe(`${label}${amount}万元`);
        },
      ),
    );
  });

  it('CJK text justified or letter-spaced at random reads back without spaces', () => {
    fc.assert(
      fc.property(cjk, fc.double({ min: 0, max: 3, noNaN: true }), fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 24, maxLength: 24 }), (s, cs, jitter) => {
        const glyphs = placeGlyphs(s, 72, SIZE, (i) => Math.max(0, cs + jitter[i]));
        const line = pageLines(pdfjsRuns(glyphs, SIZE));
        expect(line.map((l) => l.text).join('')).toBe(s);
      }),
    );
  });

  it('two numbers a field apart on a line set solid stay two', () => {
    fc.assert(
      fc.property(digits, digits, fc.double({ min: GAP.field + 0.05, max: 8, noNaN: true }), (a, b, gap) => {
        const la = Array.from(a).length;
        const glyphs = placeGlyphs(`合计${a}${b}`, 72, SIZE, (i) => (i === 2 + la ? gap : 0));
        expect(pageLines(pdfjsRuns(glyphs, SIZE))[0].text).toBe(`合计${a} ${b}`);
      }),
    );
  });
});

describe('cell text', () => {
  it('a name distributed over the lines of its cell comes out as printed', () => {
    const size = 9;
    // "机关事业单位" / "基本养老保险" spread to the cell width (0.3 em between glyphs), "缴费支出" set solid
    const lines = ['机关事业单位', '基本养老保险', '缴费支出'].map((s, k) =>
      pdfjsRuns(placeGlyphs(s, 100, size, () => (k < 2 ? 0.3 : 0)), size, 700 - 12 * k),
    );
    expect(lines[0][0].str).toBe('机 关 事 业 单 位');
    expect(cellText(lines.flat())).toBe('机关事业单位基本养老保险缴费支出');
  });
});

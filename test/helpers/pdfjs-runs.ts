import type { TextItem } from '../../src/read/types.js';

/** A glyph placed on a line: its character, left edge and advance, points. */
export interface PlacedGlyph {
  ch: string;
  x: number;
  advance: number;
}

/** Advance of a glyph in em the way a CJK font sets it: ideographs and full-width forms 1 em, others ~0.55. */
export function advanceEm(ch: string): number {
  return /[\u2e80-\u9fff\uf900-\ufaff\uff01-\uff5e]/u.test(ch) ? 1 : 0.55;
}

/** Places `text` from x on, each glyph `spacing(i)` em after the previous one's advance. */
export function placeGlyphs(text: string, x: number, size: number, spacing: (i: number) => number): PlacedGlyph[] {
  const out: PlacedGlyph[] = [];
  let cx = x;
  Array.from(text).forEach((ch, i) => {
    if (i > 0) cx += spacing(i) * size;
    const advance = advanceEm(ch) * size;
    out.push({ ch, x: cx, advance });
    cx += advance;
  });
  return out;
}

/**
 * The runs pdf.js's getTextContent makes of glyphs drawn one after another in one font (evaluator.js
 * compareWithLastPosition / addFakeSpaces): a gap up to 0.102 em joins the run, up to 0.6 em joins it with
 * a " ", beyond that (or a step back of 0.2 em) starts a new run.
 */
export function pdfjsRuns(glyphs: readonly PlacedGlyph[], size: number, y = 700, page = 1): TextItem[] {
  const items: TextItem[] = [];
  let cur: { str: string; x: number; end: number } | undefined;
  const flush = () => {
    if (cur) items.push({ page, str: cur.str, x: cur.x, y, width: cur.end - cur.x, height: size });
    cur = undefined;
  };
  for (const g of glyphs) {
    if (cur) {
      const gap = g.x - cur.end;
      if (gap < -0.2 * size || gap > 0.6 * size) flush();
      else if (gap >= 0.102 * size) cur.str += ' ';
    }
    if (cur) {
      cur.str += g.ch;
      cur.end = g.x + g.advance;
    } else cur = { str: g.ch, x: g.x, end: g.x + g.advance };
  }
  flush();
  return items;
}

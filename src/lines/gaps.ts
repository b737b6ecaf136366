/**
 * Whether the gap between two glyphs of one printed line is nothing, a word space or a field (column) gap,
 * decided from the glyphs themselves. The one place this is decided: the narrative line builder
 * (lines.ts) and the text of a table cell (tables/text.ts) both join their runs here.
 *
 * What the read stage gives: pdf.js runs ("items"). pdf.js merges glyphs that follow each other into one
 * run; where two glyphs are apart by 0.102–0.6 em it puts a " " into the run, beyond 0.6 em it starts a
 * new run (pdf.js evaluator: TRACKING_SPACE_FACTOR, SPACE_IN_FLOW_MAX_FACTOR). So a space inside a run
 * says "a gap of 0.1–0.6 em here", whether the PDF drew a space glyph, letter-spaced the text or
 * justified it; between runs the gap is measured. OCR runs follow the same shape (a space inside a run
 * between words, runs apart beyond a word gap).
 *
 * A gap is judged against the line's own typical gap: a justified or letter-spaced line has one (every
 * glyph a little apart), a line set solid has none. Then
 *  - field: far wider than the line's typical gap (a column of an unruled table, "部门：…      单位：万元");
 *  - nothing: at the line's typical gap (justification, letter-spacing, kerning), and any gap inside a
 *    number short of a field ("60145.5 1", "1 000.00": Chinese prints no two amounts side by side without
 *    words between them);
 *  - a word space: between Latin letters / digits and words, standing out from the line's typical gap;
 *    next to a CJK character only on a line set solid, where the space was printed — and between two
 *    ideographs only where it is the line's one such gap (several are a line justified at its word
 *    boundaries). A justified or letter-spaced CJK line never gets one: "机 关 事 业 单 位" is 机关事业单位.
 */
import { foldChar, isCjk } from '../normalize/chars.js';

/** One text run on a line, in PDF points. */
export interface Run {
  str: string;
  /** left edge */
  x: number;
  /** advance width of the whole run */
  width: number;
  /** font size */
  size: number;
}

export type GapKind = 'none' | 'space' | 'field';

/** One character of a joined line: a glyph of run `run`, or a decided space (then `run` is the run after it). */
export interface LineGlyph {
  /** one code point */
  ch: string;
  run: number;
  x0: number;
  x1: number;
}

/** All in em of the font size. pdf.js reports a space from 0.102 em and splits a run beyond 0.6 em. */
export const GAP = {
  /** least gap over the line's typical one that is a word space (pdf.js's own space threshold) */
  word: 0.1,
  /** a line whose typical gap is below this is set solid (not justified, not letter-spaced) */
  solid: 0.1,
  /** least gap over the line's typical one that is a field gap (a column: an em and more, where a word space is a third
   * to half of one); a field gap is also at least twice the typical gap */
  field: 1,
  /** the range pdf.js puts a space into a run for */
  inRunMin: 0.102,
  inRunMax: 0.6,
} as const;

/** Glyphs set on the em square (ideographs, kana, full-width forms): one em wide in practically every CJK font. */
function wide(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return isCjk(ch) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0xff01 && c <= 0xff5e);
}

const DIGIT = /^[0-9]$/;

/** Both sides belong to one number: digits, a decimal point or separator between digits, a % after one. */
function insideNumber(left: string, right: string): boolean {
  return (DIGIT.test(left) && /^[0-9.,%]$/.test(right)) || (/^[.,]$/.test(left) && DIGIT.test(right));
}

/**
 * The kind of one gap. `gap` and `typical` in em; `inRun`: the gap is a space pdf.js put inside a run (so
 * at most 0.6 em: never a field); `left` / `right` are the folded characters on either side.
 */
export function gapKind(left: string, right: string, gap: number, typical: number, inRun: boolean): GapKind {
  const t = Math.max(0, typical);
  if (!inRun && gap >= Math.max(t + GAP.field, 2 * t)) return 'field';
  // A letter-spaced line's own gaps vary a little: a word space must stand out by more than that.
  if (gap - t < GAP.word + t / 2) return 'none';
  if (insideNumber(left, right)) return 'none';
  if (isCjk(left) || isCjk(right)) return t < GAP.solid ? 'space' : 'none';
  return 'space';
}

interface Placed {
  ch: string;
  folded: string;
  run: number;
  x0: number;
  x1: number;
  /** gap to the previous glyph in em, and whether it was a space inside the run; undefined for a run's first glyph */
  before?: { gap: number; inRun: boolean };
}

/**
 * The glyphs of a run with their estimated extents: the run's width shared by the glyphs (wide ones one
 * em, others half) and its spaces, each space the width left over within pdf.js's range for a space.
 */
function placeRun(r: Run, index: number): Placed[] {
  const cps = Array.from(r.str);
  const size = r.size > 0 ? r.size : 10;
  const spaces = cps.filter((c) => /\s/.test(c)).length;
  const adv = (c: string) => (wide(c) ? 1 : 0.5);
  const glyphs = cps.filter((c) => !/\s/.test(c));
  const glyphEm = glyphs.reduce((a, c) => a + adv(c), 0);
  const widthEm = r.width / size;
  const spaceEm = spaces ? Math.min(GAP.inRunMax, Math.max(GAP.inRunMin, (widthEm - glyphEm) / spaces)) : 0;
  // scale so that the glyphs and spaces fill the run's real width
  const total = glyphEm + spaces * spaceEm;
  const k = total > 0 ? r.width / total : 0;
  const out: Placed[] = [];
  let x = r.x;
  let pendingSpace = false;
  for (const ch of cps) {
    const w = (/\s/.test(ch) ? spaceEm : adv(ch)) * k;
    if (/\s/.test(ch)) {
      pendingSpace = true;
    } else {
      const prev = out[out.length - 1];
      out.push({
        ch,
        folded: foldChar(ch),
        run: index,
        x0: x,
        x1: x + w,
        before: prev ? { gap: pendingSpace ? spaceEm : 0, inRun: pendingSpace } : undefined,
      });
      pendingSpace = false;
    }
    x += w;
  }
  return out;
}

/** Lower median: on a line of two gaps, the smaller one is the line's own spacing. */
function lowerMedian(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
}

/**
 * The line's own gap between glyphs, em: the lower median of its gaps, leaving out the field gaps (on a
 * row of a table most gaps can be columns: "其他资金 0 0 0 — — —").
 */
export function typicalGap(gaps: readonly number[]): number {
  let t = lowerMedian([...gaps]);
  for (let k = 0; k < 3; k++) {
    const next = lowerMedian(gaps.filter((g) => g < t + GAP.field));
    if (next === t) break;
    t = next;
  }
  return t;
}

/**
 * Joins the runs of one printed line (left to right) into its glyphs, with a space glyph where a gap is a
 * word space or a field gap. Spaces inside runs are decided like gaps between runs; nothing else is dropped.
 */
export function joinRuns(runs: readonly Run[]): LineGlyph[] {
  const glyphs: Placed[] = [];
  runs.forEach((r, i) => {
    const placed = placeRun(r, i);
    const prev = glyphs[glyphs.length - 1];
    if (prev && placed.length) {
      const size = (sizeOf(runs[prev.run]) + sizeOf(r)) / 2;
      placed[0].before = { gap: Math.max(0, placed[0].x0 - prev.x1) / size, inRun: false };
    }
    glyphs.push(...placed);
  });
  const typical = typicalGap(glyphs.flatMap((g) => (g.before ? [g.before.gap] : [])));
  const kinds = glyphs.map((g, i) => (i > 0 && g.before ? gapKind(glyphs[i - 1].folded, g.folded, g.before.gap, typical, g.before.inRun) : 'none'));
  // Word spaces between ideographs on a line set solid: one is a printed space ("工 程建设"); several are a
  // line justified at its word boundaries ("信息 网络 及软件 购置", as WPS sets it), read as the words they are.
  const between = kinds.flatMap((k, i) => (k === 'space' && isCjk(glyphs[i - 1].folded) && isCjk(glyphs[i].folded) ? [i] : []));
  if (between.length > 1) for (const i of between) kinds[i] = 'none';
  const out: LineGlyph[] = [];
  glyphs.forEach((g, i) => {
    const prev = glyphs[i - 1];
    if (kinds[i] !== 'none') out.push({ ch: ' ', run: g.run, x0: prev.x1, x1: Math.max(prev.x1, g.x0) });
    out.push({ ch: g.ch, run: g.run, x0: g.x0, x1: g.x1 });
  });
  return out;
}

function sizeOf(r: Run): number {
  return r.size > 0 ? r.size : 10;
}

/** The text of one line's runs (left to right), gaps decided. */
export function joinRunsText(runs: readonly Run[]): string {
  return joinRuns(runs)
    .map((g) => g.ch)
    .join('');
}

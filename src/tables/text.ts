/** Turning the text runs inside one cell into its text, and splitting runs that cross cell boundaries. */
import type { Box, TextItem } from '../read/types.js';
import { joinRunsText } from '../lines/gaps.js';

/** CJK ideographs, radicals, kana, CJK punctuation and full-width forms: joined without spaces. */
export function isCJK(ch: string): boolean {
  return /[\u2E80-\u2FDF\u3000-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/u.test(ch);
}

/** Vertical middle of a run: glyphs of a CJK font sit roughly from -0.12 em to 0.88 em around the baseline. */
export function itemMidY(it: TextItem): number {
  return it.y + 0.35 * (it.height || 0);
}

export function itemMidX(it: TextItem): number {
  return it.x + it.width / 2;
}

/**
 * Cut a run at the given x positions, assuming every glyph of the run has the same advance (width / length).
 * Returns the non-blank pieces with their own x and width. Used when a PDF emitted one run across two cells.
 */
export function splitItemAt(it: TextItem, cuts: number[]): TextItem[] {
  const chars = Array.from(it.str);
  if (chars.length < 2 || it.width <= 0) return [it];
  const adv = it.width / chars.length;
  const idx = cuts
    .map((x) => Math.round((x - it.x) / adv))
    .filter((k) => k > 0 && k < chars.length)
    .sort((a, b) => a - b);
  const bounds = [0, ...new Set(idx), chars.length];
  const out: TextItem[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const s = chars.slice(bounds[k], bounds[k + 1]).join('');
    if (s.trim() === '') continue;
    out.push({ ...it, str: s, x: it.x + bounds[k] * adv, width: (bounds[k + 1] - bounds[k]) * adv });
  }
  return out;
}

interface Line {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/** Group runs into lines by baseline (top to bottom), runs in a line left to right. */
export function toLines(items: TextItem[]): Line[] {
  const sorted = items.filter((it) => it.str.trim() !== '').sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextItem[][] = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    const size = Math.max(it.height, g?.[0]?.height ?? 0, 1);
    if (g && Math.abs(g[0].y - it.y) <= 0.3 * size) g.push(it);
    else groups.push([it]);
  }
  return groups.map((g) => {
    g.sort((a, b) => a.x - b.x);
    // Whether a gap is a space is decided by the same rule as narrative lines (lines/gaps.ts).
    const text = joinRunsText(g.map((it) => ({ str: it.str, x: it.x, width: it.width, size: it.height })));
    return {
      text: text.trim(),
      x0: Math.min(...g.map((i) => i.x)),
      x1: Math.max(...g.map((i) => i.x + i.width)),
      y: g[0].y,
      size: Math.max(...g.map((i) => i.height || 0)),
    };
  });
}

const NUM_END = /[\d.,]$/;
const NUM_START = /^[\d.,%]/;

/**
 * Join two wrapped lines of one cell. CJK on either side of the break: no space. A line ending in a hyphen:
 * no space (hyphen kept). A number split over the break ('10000.0' / '0', '<=18' / '.84'): no space — when the
 * cell width is known, only if the first line was full (the next line's first word would not have fitted),
 * so two numbers stacked on purpose ('100' / '200') stay apart. Otherwise a space.
 */
export function joinWrapped(a: string, b: string, wrapped = true): string {
  a = a.trimEnd();
  b = b.trimStart();
  if (!a) return b;
  if (!b) return a;
  const last = a[a.length - 1];
  const first = b[0];
  if (isCJK(last) || isCJK(first)) return a + b;
  if (last === '-' || last === '/' || last === '(') return a + b;
  if (NUM_END.test(a) && NUM_START.test(b)) return wrapped ? a + b : `${a} ${b}`;
  if (/^[)\]%,.;:!?]/.test(b)) return a + b;
  return `${a} ${b}`;
}

/** The text of a cell from its runs; `box` (the cell's box) lets a numeric split be told from a deliberate break. */
export function cellText(items: TextItem[], box?: Box): string {
  const lines = toLines(items);
  let text = '';
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (k === 0) {
      text = line.text;
      continue;
    }
    const prev = lines[k - 1];
    let wrapped = true;
    if (box) {
      // Would the next line's first word have fitted after the previous line? Then the break was deliberate.
      const firstWord = line.text.split(/\s+/)[0] ?? '';
      const charW = line.text.length ? (line.x1 - line.x0) / Array.from(line.text).length : prev.size / 2;
      const room = box.x1 - box.x0 - (prev.x1 - prev.x0);
      const slack = Math.max(4, 0.8 * (prev.size || 9)); // cell padding on both sides, roughly
      wrapped = room < Array.from(firstWord).length * charW + slack;
    }
    text = joinWrapped(text, line.text, wrapped);
  }
  return text;
}

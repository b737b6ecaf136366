import type { Box, TextItem } from '../read/types.js';
import type { CharBox, Line } from './types.js';
import { joinRuns } from './gaps.js';

/**
 * Groups a page's text runs into lines in reading order (top to bottom, left to right).
 * Runs share a line when their baselines are within a fraction of the font size. Whether a gap between
 * two glyphs is a space is decided by gaps.ts from the line's own glyphs (the same rule as table cells).
 */
export function pageLines(items: TextItem[]): Line[] {
  const runs = items.filter((it) => it.str.trim().length > 0).sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: TextItem[][] = [];
  for (const it of runs) {
    const last = groups[groups.length - 1];
    if (last) {
      const ref = last[0];
      const tol = 0.35 * Math.min(ref.height || 10, it.height || 10);
      if (Math.abs(ref.y - it.y) <= tol) {
        last.push(it);
        continue;
      }
    }
    groups.push([it]);
  }
  return groups.map(buildLine);
}

function buildLine(group: TextItem[]): Line {
  group.sort((a, b) => a.x - b.x);
  let raw = '';
  const chars: CharBox[] = [];
  const sizes = group.map((g) => g.height).sort((a, b) => a - b);
  const fontSize = sizes[Math.floor(sizes.length / 2)] || 10;
  for (const g of joinRuns(group.map((it) => ({ str: it.str, x: it.x, width: it.width, size: it.height })))) {
    const it = group[g.run];
    raw += g.ch;
    // one box per UTF-16 unit
    for (let k = 0; k < g.ch.length; k++) {
      chars.push({ page: it.page, x0: g.x0, x1: g.x1, y0: it.y - 0.2 * it.height, y1: it.y + 0.8 * it.height, conf: it.confidence });
    }
  }
  return { page: group[0].page, raw, text: raw, chars, box: boxOf(chars), fontSize };
}

export function boxOf(chars: CharBox[]): Box {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const c of chars) {
    if (c.x0 < x0) x0 = c.x0;
    if (c.y0 < y0) y0 = c.y0;
    if (c.x1 > x1) x1 = c.x1;
    if (c.y1 > y1) y1 = c.y1;
  }
  if (!Number.isFinite(x0)) return { x0: 0, y0: 0, x1: 0, y1: 0 };
  return { x0, y0, x1, y1 };
}

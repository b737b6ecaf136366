/** Tables without rulings: columns from whitespace common to all lines, rows from baselines. */
import type { Box, TextItem } from '../read/types.js';
import type { Cell, Table } from './types.js';
import { cellText, itemMidX, itemMidY } from './text.js';

export interface AlignmentOptions {
  /** narrowest gap (in multiples of the median font size) that separates columns (default 0.8) */
  minGap?: number;
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

/**
 * Read the runs inside `region` (all runs when absent) as one table. Column boundaries are the middles of
 * vertical strips no run crosses (at least minGap × font size wide). Each baseline is a row, except that a
 * line is merged into the row above (a wrapped cell's continuation) when it is close below it (at most
 * 1.6 × font size) and has text only in columns where that row has text too, and fewer of them; and a line
 * offset by less than one font size from the row above with text only in that row's empty columns (a cell
 * vertically centred against a two-line neighbour) joins it. Returns null when fewer than two columns or
 * two rows are found. All cells are 1×1 (no spans can be seen without rulings).
 */
export function tableFromAlignment(items: TextItem[], region?: Box, options: AlignmentOptions = {}): Table | null {
  const inside = items.filter((it) => {
    if (it.str.trim() === '') return false;
    if (!region) return true;
    const x = itemMidX(it);
    const y = itemMidY(it);
    return x >= region.x0 && x <= region.x1 && y >= region.y0 && y <= region.y1;
  });
  if (inside.length < 2) return null;
  const size = median(inside.map((it) => it.height || 0)) || 10;
  const page = inside[0].page;

  // Column gaps: sweep the x extents of all runs; uncovered stretches wide enough are boundaries.
  const spans = inside.map((it) => [it.x, it.x + it.width] as [number, number]).sort((a, b) => a[0] - b[0]);
  const left = spans[0][0];
  let right = spans[0][1];
  const cuts: number[] = [];
  for (const [a, b] of spans) {
    if (a - right >= (options.minGap ?? 0.8) * size) cuts.push((a + right) / 2);
    right = Math.max(right, b);
  }
  const xs = [left, ...cuts, right];
  const nCols = xs.length - 1;
  if (nCols < 2) return null;
  const colOf = (x: number): number => {
    for (let c = 0; c < nCols; c++) if (x < xs[c + 1]) return c;
    return nCols - 1;
  };

  // Lines by baseline, each line's runs split by column.
  const byLine: TextItem[][] = [];
  const sorted = [...inside].sort((a, b) => b.y - a.y || a.x - b.x);
  for (const it of sorted) {
    const g = byLine[byLine.length - 1];
    if (g && Math.abs(g[0].y - it.y) <= 0.3 * Math.max(size, it.height)) g.push(it);
    else byLine.push([it]);
  }
  interface Row {
    top: number;
    bottom: number;
    lastY: number;
    cols: TextItem[][];
  }
  const rows: Row[] = [];
  for (const line of byLine) {
    const cols: TextItem[][] = Array.from({ length: nCols }, () => []);
    for (const it of line) cols[colOf(itemMidX(it))].push(it);
    const y = line[0].y;
    const occ = cols.map((c) => c.length > 0);
    const prev = rows[rows.length - 1];
    if (prev) {
      const prevOcc = prev.cols.map((c) => c.length > 0);
      const dy = prev.lastY - y;
      const nOcc = occ.filter(Boolean).length;
      const subset = occ.every((o, c) => !o || prevOcc[c]) && nOcc < prevOcc.filter(Boolean).length;
      const disjoint = occ.every((o, c) => !o || !prevOcc[c]);
      if ((subset && dy <= 1.6 * size) || (disjoint && dy < size)) {
        cols.forEach((c, k) => prev.cols[k].push(...c));
        prev.lastY = y;
        prev.bottom = Math.min(prev.bottom, ...line.map((it) => it.y - 0.2 * (it.height || size)));
        continue;
      }
    }
    rows.push({
      top: Math.max(...line.map((it) => it.y + 0.9 * (it.height || size))),
      bottom: Math.min(...line.map((it) => it.y - 0.2 * (it.height || size))),
      lastY: y,
      cols,
    });
  }
  if (rows.length < 2) return null;

  // Row boundaries halfway between rows; the outer ones at the text's extent.
  const ys = [rows[0].top];
  for (let r = 1; r < rows.length; r++) ys.push((rows[r - 1].bottom + rows[r].top) / 2);
  ys.push(rows[rows.length - 1].bottom);
  const cells: Cell[] = [];
  rows.forEach((row, r) => {
    row.cols.forEach((its, c) => {
      const bbox: Box = { x0: xs[c], x1: xs[c + 1], y0: ys[r + 1], y1: ys[r] };
      cells.push({ page, row: r, col: c, rowSpan: 1, colSpan: 1, text: cellText(its, bbox), bbox, items: its });
    });
  });
  const bbox: Box = { x0: xs[0], x1: xs[nCols], y0: ys[rows.length], y1: ys[0] };
  return { page, bbox, rows: rows.length, cols: nCols, cells, xs, source: 'alignment', parts: [{ page, bbox, rowOffset: 0 }] };
}

/** Tables from ruling lines: a grid from the lines, cells spanning where an inner line is missing. */
import type { Box, Segment, TextItem } from '../read/types.js';
import type { Cell, Table } from './types.js';
import { cellText, itemMidX, itemMidY, splitItemAt } from './text.js';

export interface GridOptions {
  /** lines closer than this (points) are the same grid line; segments this close are touching (default 2.5) */
  snap?: number;
  /** share of a grid edge that must be drawn for it to count as a cell border (default 0.6) */
  minCoverage?: number;
}

interface HSeg {
  y: number;
  x0: number;
  x1: number;
}
interface VSeg {
  x: number;
  y0: number;
  y1: number;
}

/** Cluster sorted-able values: values chained within `tol` become their mean. */
export function clusterValues(values: number[], tol: number): number[] {
  const s = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of s) {
    if (group.length && v - group[group.length - 1] > tol) {
      out.push(group.reduce((p, q) => p + q, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length) out.push(group.reduce((p, q) => p + q, 0) / group.length);
  return out;
}

/** Length of [a, b] covered by the union of the intervals. */
function covered(intervals: [number, number][], a: number, b: number): number {
  const parts = intervals
    .map(([p, q]) => [Math.max(p, a), Math.min(q, b)] as [number, number])
    .filter(([p, q]) => q > p)
    .sort((u, v) => u[0] - v[0]);
  let total = 0;
  let end = a;
  for (const [p, q] of parts) {
    if (q <= end) continue;
    total += q - Math.max(p, end);
    end = q;
  }
  return total;
}

/** Connected groups of crossing/touching horizontal and vertical segments: one group per table. */
function components(hs: HSeg[], vs: VSeg[], tol: number): { hs: HSeg[]; vs: VSeg[] }[] {
  const n = hs.length + vs.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  for (let i = 0; i < hs.length; i++) {
    const h = hs[i];
    for (let j = 0; j < vs.length; j++) {
      const v = vs[j];
      if (v.x >= h.x0 - tol && v.x <= h.x1 + tol && h.y >= v.y0 - tol && h.y <= v.y1 + tol) parent[find(i)] = find(hs.length + j);
    }
  }
  const groups = new Map<number, { hs: HSeg[]; vs: VSeg[] }>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, { hs: [], vs: [] });
    const g = groups.get(r)!;
    if (i < hs.length) g.hs.push(hs[i]);
    else g.vs.push(vs[i - hs.length]);
  }
  return [...groups.values()];
}

/**
 * All ruled tables on one page. Each connected set of rulings with at least two cells becomes a Table; text
 * runs are placed in cells by their centre, runs that cross a drawn column border are cut at it first.
 * Tables are returned top to bottom. Text outside every grid is ignored (see tableFromAlignment for unruled
 * tables).
 */
export function findTables(page: number, items: TextItem[], segments: Segment[], options: GridOptions = {}): Table[] {
  const snap = options.snap ?? 2.5;
  const minCov = options.minCoverage ?? 0.6;
  const hs: HSeg[] = [];
  const vs: VSeg[] = [];
  for (const s of segments) {
    const dx = Math.abs(s.x2 - s.x1);
    const dy = Math.abs(s.y2 - s.y1);
    if (dy <= 0.5 && dx > 0) hs.push({ y: (s.y1 + s.y2) / 2, x0: Math.min(s.x1, s.x2), x1: Math.max(s.x1, s.x2) });
    else if (dx <= 0.5 && dy > 0) vs.push({ x: (s.x1 + s.x2) / 2, y0: Math.min(s.y1, s.y2), y1: Math.max(s.y1, s.y2) });
  }
  const tables: Table[] = [];
  const textItems = items.filter((it) => it.str.trim() !== '');
  for (const comp of components(hs, vs, snap)) {
    if (comp.hs.length < 2 || comp.vs.length < 2) continue;
    const t = gridTable(page, comp.hs, comp.vs, textItems, snap, minCov);
    if (t) tables.push(t);
  }
  return tables.sort((a, b) => b.bbox.y1 - a.bbox.y1);
}

function gridTable(page: number, hs: HSeg[], vs: VSeg[], items: TextItem[], snap: number, minCov: number): Table | null {
  // Rulings that run past the outermost line on the other axis mark an open edge (a table cut by a page
  // break has no closing line): their ends become grid lines too, so the last row is not lost.
  const xVals = vs.map((v) => v.x);
  const yVals = hs.map((h) => h.y);
  const minX = Math.min(...xVals), maxX = Math.max(...xVals), minY = Math.min(...yVals), maxY = Math.max(...yVals);
  const hx0 = Math.min(...hs.map((h) => h.x0)), hx1 = Math.max(...hs.map((h) => h.x1));
  const vy0 = Math.min(...vs.map((v) => v.y0)), vy1 = Math.max(...vs.map((v) => v.y1));
  if (hx0 < minX - snap) xVals.push(hx0);
  if (hx1 > maxX + snap) xVals.push(hx1);
  if (vy0 < minY - snap) yVals.push(vy0);
  if (vy1 > maxY + snap) yVals.push(vy1);
  const xs = clusterValues(xVals, snap);
  const ys = clusterValues(yVals, snap).reverse(); // top to bottom
  const nCols = xs.length - 1;
  const nRows = ys.length - 1;
  if (nCols < 1 || nRows < 1 || nCols * nRows < 2) return null;

  // Which grid edges are drawn. vEdge[r][k]: line at xs[k] along row r; hEdge[k][c]: line at ys[k] along col c.
  const vAt = xs.map((x) => vs.filter((v) => Math.abs(v.x - x) <= snap).map((v) => [v.y0, v.y1] as [number, number]));
  const hAt = ys.map((y) => hs.filter((h) => Math.abs(h.y - y) <= snap).map((h) => [h.x0, h.x1] as [number, number]));
  const vEdge = (r: number, k: number): boolean => {
    const a = ys[r + 1];
    const b = ys[r];
    return covered(vAt[k], a, b) >= minCov * (b - a);
  };
  const hEdge = (k: number, c: number): boolean => {
    const a = xs[c];
    const b = xs[c + 1];
    return covered(hAt[k], a, b) >= minCov * (b - a);
  };

  // Greedy rectangles: widen while no border to the right, then grow down while no border below.
  const owner: number[][] = Array.from({ length: nRows }, () => new Array<number>(nCols).fill(-1));
  const spans: { row: number; col: number; rowSpan: number; colSpan: number }[] = [];
  for (let r = 0; r < nRows; r++) {
    for (let c = 0; c < nCols; c++) {
      if (owner[r][c] !== -1) continue;
      let cs = 1;
      while (c + cs < nCols && !vEdge(r, c + cs) && owner[r][c + cs] === -1) cs++;
      let rs = 1;
      const canGrow = (rr: number): boolean => {
        for (let cc = c; cc < c + cs; cc++) if (hEdge(rr, cc) || owner[rr][cc] !== -1) return false;
        for (let cc = c + 1; cc < c + cs; cc++) if (vEdge(rr, cc)) return false;
        return true;
      };
      while (r + rs < nRows && canGrow(r + rs)) rs++;
      const id = spans.length;
      for (let rr = r; rr < r + rs; rr++) for (let cc = c; cc < c + cs; cc++) owner[rr][cc] = id;
      spans.push({ row: r, col: c, rowSpan: rs, colSpan: cs });
    }
  }

  const bbox: Box = { x0: xs[0], y0: ys[nRows], x1: xs[nCols], y1: ys[0] };
  const cellItems: TextItem[][] = spans.map(() => []);
  const rowOf = (y: number): number => {
    for (let r = 0; r < nRows; r++) if (y <= ys[r] && y >= ys[r + 1]) return r;
    return -1;
  };
  const colOf = (x: number): number => {
    for (let c = 0; c < nCols; c++) if (x >= xs[c] && x <= xs[c + 1]) return c;
    return -1;
  };
  for (const it of items) {
    const r = rowOf(itemMidY(it));
    if (r < 0 || colOf(itemMidX(it)) < 0) continue;
    // Cut at every drawn border in this row that the run crosses by more than half a glyph on both sides.
    const adv = it.width / Math.max(1, Array.from(it.str).length);
    const cuts: number[] = [];
    for (let k = 1; k < nCols; k++) {
      if (xs[k] > it.x + adv / 2 && xs[k] < it.x + it.width - adv / 2 && vEdge(r, k)) cuts.push(xs[k]);
    }
    const pieces = cuts.length ? splitItemAt(it, cuts) : [it];
    for (const p of pieces) {
      const c = colOf(itemMidX(p));
      if (c >= 0) cellItems[owner[r][c]].push(p);
    }
  }

  const cells: Cell[] = spans.map((s, i) => {
    const box: Box = { x0: xs[s.col], x1: xs[s.col + s.colSpan], y1: ys[s.row], y0: ys[s.row + s.rowSpan] };
    return { page, ...s, text: cellText(cellItems[i], box), bbox: box, items: cellItems[i] };
  });
  return { page, bbox, rows: nRows, cols: nCols, cells, xs, source: 'rulings', parts: [{ page, bbox, rowOffset: 0 }] };
}

/** The cell covering grid position (row, col), spans taken into account. */
export function cellAt(table: Table, row: number, col: number): Cell | undefined {
  return table.cells.find((c) => row >= c.row && row < c.row + c.rowSpan && col >= c.col && col < c.col + c.colSpan);
}

/** The cells whose top row is `row`, left to right. */
export function rowCells(table: Table, row: number): Cell[] {
  return table.cells.filter((c) => c.row === row).sort((a, b) => a.col - b.col);
}

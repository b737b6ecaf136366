/**
 * Table cells from ruling lines (pixel space), so a ruled table can be recognised cell by cell: whole-page
 * OCR of a ruled table runs neighbouring cells together and drops signs and decimal points
 * (`=1199个` → `-9个`, `100.07` → `10007`).
 *
 * Rows are the bands between consecutive horizontal lines; within a band, the vertical lines that cross
 * the whole band split it into cells. A cell whose top border is missing continues the cell above with
 * the same left and right borders (a row-spanning 一级指标 cell); a missing vertical line simply makes a
 * wider cell (column span). Cells not closed at top and bottom are not table cells and are dropped.
 */
import type { PxLine, PxRulings } from './rulings.js';

export interface Cell {
  /** inner box in pixels (between the border lines' centres) */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** index of the band the cell starts in, and how many bands it spans */
  row: number;
  rowSpan: number;
  /** index of the left border among the distinct vertical line positions */
  col: number;
}

/** Groups values closer than `tol` and returns each group's mean (sorted). */
function cluster(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v - last[last.length - 1] <= tol) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

/** Does some horizontal line at `y` run from x0 to x1 (within tol)? */
function closedAt(lines: PxLine[], y: number, x0: number, x1: number, tol: number): boolean {
  return lines.some((l) => Math.abs(l.y1 - y) <= tol && l.x1 <= x0 + tol && l.x2 >= x1 - tol);
}

/** Cells of every ruled table in the image; `tol` is the alignment tolerance in pixels. */
export function gridCells(rulings: PxRulings, tol: number): Cell[] {
  const { vertical } = rulings;
  const horizontal = [...rulings.horizontal, ...cutEdges(rulings, tol)];
  if (horizontal.length < 2 || vertical.length < 2) return [];
  const ys = cluster(horizontal.map((l) => l.y1), tol);
  const xs = cluster(vertical.map((l) => l.x1), tol);
  const colOf = (x: number) => xs.findIndex((c) => Math.abs(c - x) <= tol);
  // Candidate cells of each band, keyed by band; a candidate is [left x, right x].
  const bands: { top: number; bottom: number; cells: Cell[] }[] = [];
  for (let r = 0; r + 1 < ys.length; r++) {
    const top = ys[r];
    const bottom = ys[r + 1];
    if (bottom - top < 2 * tol) {
      bands.push({ top, bottom, cells: [] });
      continue;
    }
    const crossing = cluster(
      vertical.filter((v) => v.y1 <= top + tol && v.y2 >= bottom - tol).map((v) => v.x1),
      tol,
    );
    const cells: Cell[] = [];
    for (let k = 0; k + 1 < crossing.length; k++) {
      cells.push({ x0: crossing[k], y0: top, x1: crossing[k + 1], y1: bottom, row: r, rowSpan: 1, col: Math.max(0, colOf(crossing[k])) });
    }
    bands.push({ top, bottom, cells });
  }
  // Merge downwards through missing horizontal borders.
  const open: Cell[] = []; // cells whose bottom is not closed yet, waiting for the next band
  const done: Cell[] = [];
  for (let r = 0; r < bands.length; r++) {
    const band = bands[r];
    const next: Cell[] = [];
    for (const cand of band.cells) {
      const topClosed = closedAt(horizontal, band.top, cand.x0, cand.x1, tol);
      const above = open.find((o) => Math.abs(o.x0 - cand.x0) <= tol && Math.abs(o.x1 - cand.x1) <= tol);
      let cell: Cell | null = cand;
      if (!topClosed) {
        if (above) {
          above.y1 = cand.y1;
          above.rowSpan++;
          cell = above;
        } else cell = null; // open at the top with nothing above: not inside a table
      }
      if (!cell) continue;
      if (closedAt(horizontal, band.bottom, cell.x0, cell.x1, tol)) done.push(cell);
      else next.push(cell);
    }
    open.splice(0, open.length, ...next);
  }
  return done.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

/**
 * A table cut by a page break often has no border where the page cuts it: its vertical lines simply
 * start (or stop) together. Where at least three vertical lines end at the same height and no
 * horizontal line is there, that height is taken as a border across them.
 */
function cutEdges(rulings: PxRulings, tol: number): PxLine[] {
  const out: PxLine[] = [];
  for (const end of ['y1', 'y2'] as const) {
    for (const y of cluster(rulings.vertical.map((v) => v[end]), tol)) {
      const vs = rulings.vertical.filter((v) => Math.abs(v[end] - y) <= tol);
      if (vs.length < 3) continue;
      const x1 = Math.min(...vs.map((v) => v.x1));
      const x2 = Math.max(...vs.map((v) => v.x1));
      if (rulings.horizontal.some((h) => Math.abs(h.y1 - y) <= tol && h.x1 <= x1 + tol && h.x2 >= x2 - tol)) continue;
      out.push({ x1, x2, y1: y, y2: y, thickness: 0 });
    }
  }
  return out;
}

/**
 * Ruling lines found in a page image: a scan has no vector paths, so table borders must be seen as long,
 * thin dark runs. Works in pixel space (origin top-left, y down); `toPdfSegments` maps the result to
 * the text layer's space (PDF points, origin bottom-left) for the table stage.
 *
 * A scanned line is rarely one pixel row: it is 2–6 px thick, broken by noise, and a slightly rotated
 * page makes it step from row to row. So dark runs of each row (gaps up to `gapIn` bridged) are linked
 * with the overlapping runs of the next row into components; a component long enough and thin on
 * average is a line, drawn at its length-weighted median row. Text strokes are short and separated by
 * white, so they never reach the minimum length.
 */
import type { Segment } from '../read/types.js';
import { applyMatrix, type GrayImage } from '../read/render.js';
import type { Matrix } from '../read/rulings.js';

/** An axis-aligned line in pixels: horizontal has y1 === y2, vertical x1 === x2; x1 <= x2, y1 <= y2. */
export interface PxLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** mean thickness, pixels */
  thickness: number;
}

export interface ImageRulingOptions {
  /** pixels darker than this (0–255) are ink (default 160) */
  threshold?: number;
  /** shortest line kept, inches (default 0.3) */
  minLengthIn?: number;
  /** shortest vertical kept when both its ends meet horizontal lines (a one-row cell border), inches (default 0.12) */
  minCellIn?: number;
  /** widest gap bridged inside a line, inches (default 0.012) */
  gapIn?: number;
  /** thickest line, inches (default 0.04: thicker is a filled area or bold glyphs) */
  maxThicknessIn?: number;
}

export interface ImageRulings {
  horizontal: PxLine[];
  vertical: PxLine[];
}

/** Horizontal and vertical ruling lines of a grey image rendered at `dpi`. */
export function detectRulings(img: GrayImage, dpi: number, opts: ImageRulingOptions = {}): ImageRulings {
  const threshold = opts.threshold ?? 160;
  const minLen = Math.max(8, (opts.minLengthIn ?? 0.3) * dpi);
  const gap = Math.max(1, Math.round((opts.gapIn ?? 0.012) * dpi));
  const maxThick = Math.max(2, (opts.maxThicknessIn ?? 0.04) * dpi);
  const { width: W, height: H, data } = img;
  const dark = new Uint8Array(W * H);
  for (let i = 0; i < dark.length; i++) dark[i] = data[i] < threshold ? 1 : 0;
  const horizontal = scan(dark, W, H, false, minLen, gap, maxThick);
  // The vertical pass reads columns as rows of the transposed image, then swaps the axes back. A cell
  // border one row high (a header row above a 合计 row that spans two columns) is shorter than minLen:
  // a short vertical is kept when both its ends meet horizontal lines, which a glyph stroke never does.
  const shortLen = Math.max(8, Math.min(minLen, (opts.minCellIn ?? 0.12) * dpi));
  const tol = Math.max(3, 0.03 * dpi);
  const meets = (x: number, y: number) => horizontal.some((h) => Math.abs(h.y1 - y) <= tol && x >= h.x1 - tol && x <= h.x2 + tol);
  const vertical = scan(dark, W, H, true, shortLen, gap, maxThick)
    .map((l) => ({ x1: l.y1, y1: l.x1, x2: l.y2, y2: l.x2, thickness: l.thickness }))
    .filter((v) => v.y2 - v.y1 >= minLen || (meets(v.x1, v.y1) && meets(v.x1, v.y2)));
  return { horizontal, vertical };
}

interface Run {
  row: number;
  a: number;
  b: number; // inclusive start, exclusive end
  comp: number;
}

function scan(dark: Uint8Array, W: number, H: number, transposed: boolean, minLen: number, gap: number, maxThick: number): PxLine[] {
  const rows = transposed ? W : H;
  const cols = transposed ? H : W;
  const at = transposed ? (r: number, c: number) => dark[c * W + r] : (r: number, c: number) => dark[r * W + c];
  // Runs shorter than this cannot belong to a line worth keeping (a line is at least minLen long, and a
  // row of a skewed line still holds a good part of it); dropping them keeps glyph strokes out.
  const minRun = Math.max(4, Math.round(minLen / 4));
  const parent: number[] = [];
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const runs: Run[] = [];
  let prev: Run[] = [];
  for (let r = 0; r < rows; r++) {
    const cur: Run[] = [];
    let c = 0;
    while (c < cols) {
      if (!at(r, c)) {
        c++;
        continue;
      }
      const a = c;
      let end = c + 1; // exclusive end of the last dark pixel seen
      let k = c + 1;
      while (k < cols && k - end <= gap) {
        if (at(r, k)) end = k + 1;
        k++;
      }
      if (end - a >= minRun) {
        const run: Run = { row: r, a, b: end, comp: runs.length };
        parent.push(runs.length);
        runs.push(run);
        cur.push(run);
      }
      c = Math.max(end, k);
    }
    // Link with overlapping runs of the previous row (both lists are sorted by start).
    let j = 0;
    for (const run of cur) {
      while (j < prev.length && prev[j].b <= run.a) j++;
      for (let k = j; k < prev.length && prev[k].a < run.b; k++) {
        const ra = find(run.comp);
        const rb = find(prev[k].comp);
        if (ra !== rb) parent[ra] = rb;
      }
    }
    prev = cur;
  }
  const comps = new Map<number, Run[]>();
  for (const run of runs) {
    const root = find(run.comp);
    const list = comps.get(root);
    if (list) list.push(run);
    else comps.set(root, [run]);
  }
  const out: PxLine[] = [];
  for (const list of comps.values()) {
    let lo = Infinity;
    let hi = -Infinity;
    let area = 0;
    for (const run of list) {
      lo = Math.min(lo, run.a);
      hi = Math.max(hi, run.b);
      area += run.b - run.a;
    }
    const length = hi - lo;
    if (length < minLen) continue;
    const thickness = area / length;
    if (thickness > maxThick) continue;
    out.push({ x1: lo, x2: hi - 1, y1: weightedMedianRow(list), y2: weightedMedianRow(list), thickness });
  }
  return out.sort((p, q) => p.y1 - q.y1 || p.x1 - q.x1);
}

function weightedMedianRow(list: Run[]): number {
  const sorted = [...list].sort((p, q) => p.row - q.row);
  const total = sorted.reduce((s, r) => s + (r.b - r.a), 0);
  let acc = 0;
  for (const r of sorted) {
    acc += r.b - r.a;
    if (acc * 2 >= total) return r.row + 0.5;
  }
  return sorted[sorted.length - 1].row + 0.5;
}

/** Pixel lines → PDF segments (points, origin bottom-left), ordered as src/read/rulings.ts emits them. */
export function toPdfSegments(lines: ImageRulings, pxToPdf: Matrix): Segment[] {
  const out: Segment[] = [];
  for (const l of [...lines.horizontal, ...lines.vertical]) {
    const [ax, ay] = applyMatrix(pxToPdf, l.x1, l.y1);
    const [bx, by] = applyMatrix(pxToPdf, l.x2, l.y2);
    if (Math.abs(ay - by) <= Math.abs(ax - bx)) {
      const y = (ay + by) / 2;
      out.push({ x1: Math.min(ax, bx), y1: y, x2: Math.max(ax, bx), y2: y });
    } else {
      const x = (ax + bx) / 2;
      out.push({ x1: x, y1: Math.min(ay, by), x2: x, y2: Math.max(ay, by) });
    }
  }
  return out;
}

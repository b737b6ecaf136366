/**
 * Ruling lines (table borders) from a page's drawing operators.
 *
 * pdfjs-dist 5 hands paths over as `OPS.constructPath` with args `[paintOp, [Float32Array | null], minMax]`,
 * the Float32Array being a flat list of DrawOPS (moveTo=0 x y, lineTo=1 x y, curveTo=2 x1 y1 x2 y2 x y,
 * quadraticCurveTo=3 x1 y1 x y, closePath=4) in the user space current when the path was painted. We track
 * the CTM ourselves (save / restore / transform / form XObjects) and emit segments in PDF user space
 * (points, origin bottom-left, unrotated — the same space as the text layer's `transform`).
 *
 * What counts as a ruling:
 *  - stroked straight horizontal / vertical pieces of any path (lines and rectangle outlines);
 *  - filled rectangles thinner than `thinRect` points: one segment along their long axis (Chromium, Excel
 *    and WPS draw cell borders this way);
 *  - larger filled rectangles: their four edges, but only when the fill is visible (not white) and the
 *    rectangle is smaller than most of the page. Choice: a shaded cell background is a visible boundary,
 *    and its edges coincide with the cell's borders, so keeping them helps tables ruled only by shading;
 *    white fills (page and cell backgrounds in HTML-to-PDF output) draw nothing and would invent a box,
 *    so they are dropped. A lone shaded box yields a 1×1 grid, which the table reader ignores.
 * Diagonals and curves are dropped. Collinear overlapping or touching segments are merged.
 */
import type { PDFPageProxy } from './pdfjs.js';
import { OPS } from './pdfjs.js';
import type { Segment, TextItem } from './types.js';

/** 2D affine matrix [a, b, c, d, e, f] as in PDF `cm`. */
export type Matrix = [number, number, number, number, number, number];

export interface OperatorListLike {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

export interface RulingOptions {
  /** matrix from the operator list's initial user space to the output space (default identity) */
  initialMatrix?: Matrix;
  /** filled rectangles thinner than this (points) are one line (default 2) */
  thinRect?: number;
  /** a segment is axis-aligned when its off-axis extent is below this (points, default 0.5) */
  axisTolerance?: number;
  /** drop segments shorter than this (points, default 1): glyph-like specks, dots of dotted lines */
  minLength?: number;
  /** merge collinear segments whose gap is at most this (points, default 1) */
  mergeGap?: number;
  /** filled rectangles bigger than this area (points²) are backgrounds, not boxes (default 200000 ≈ 40% of A4) */
  maxFillArea?: number;
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

// DrawOPS codes in constructPath's path buffer (pdfjs 5: src/shared/util.js DrawOPS).
const D_MOVE = 0;
const D_LINE = 1;
const D_CURVE = 2;
const D_QUAD = 3;
const D_CLOSE = 4;

export function multiply(m: Matrix, n: Matrix): Matrix {
  // m × n in PDF's row-vector convention: a point goes through m first, then n (`cm`: CTM' = M × CTM).
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

interface GState {
  ctm: Matrix;
  fill: string;
  stroke: string;
}

/** A white (or near-white) fill paints nothing on paper. */
function isWhite(hex: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return false;
  return [m[1], m[2], m[3]].every((h) => parseInt(h, 16) >= 0xf5);
}

type Pt = [number, number];

/** Split a DrawOPS buffer into subpaths of transformed points (curves replaced by their end point, flagged). */
function subpaths(path: ArrayLike<number>, ctm: Matrix): { pts: Pt[]; closed: boolean; curved: boolean }[] {
  const out: { pts: Pt[]; closed: boolean; curved: boolean }[] = [];
  let cur: { pts: Pt[]; closed: boolean; curved: boolean } | null = null;
  for (let i = 0; i < path.length; ) {
    const op = path[i++];
    if (op === D_MOVE) {
      cur = { pts: [apply(ctm, path[i], path[i + 1])], closed: false, curved: false };
      out.push(cur);
      i += 2;
    } else if (op === D_LINE) {
      const p = apply(ctm, path[i], path[i + 1]);
      if (!cur) {
        cur = { pts: [], closed: false, curved: false };
        out.push(cur);
      }
      cur.pts.push(p);
      i += 2;
    } else if (op === D_CURVE || op === D_QUAD) {
      const n = op === D_CURVE ? 6 : 4;
      if (cur) {
        cur.curved = true;
        // Keep the end point so following lines start right; the curve itself is never a ruling.
        cur.pts.push([NaN, NaN], apply(ctm, path[i + n - 2], path[i + n - 1]));
      }
      i += n;
    } else if (op === D_CLOSE) {
      if (cur) cur.closed = true;
    } else {
      break; // unknown op: the rest of the buffer cannot be parsed safely
    }
  }
  return out;
}

/** Axis-aligned rectangle of a 4-corner closed subpath, or null. */
function asRect(sp: { pts: Pt[]; closed: boolean; curved: boolean }, tol: number): [number, number, number, number] | null {
  if (sp.curved) return null;
  let pts = sp.pts;
  if (pts.length === 5 && Math.abs(pts[0][0] - pts[4][0]) < tol && Math.abs(pts[0][1] - pts[4][1]) < tol) pts = pts.slice(0, 4);
  if (pts.length !== 4) return null;
  for (let k = 0; k < 4; k++) {
    const [ax, ay] = pts[k];
    const [bx, by] = pts[(k + 1) % 4];
    if (Math.abs(ax - bx) >= tol && Math.abs(ay - by) >= tol) return null; // a side that is not axis-aligned
  }
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function pushAxisSegment(out: Segment[], a: Pt, b: Pt, tol: number): void {
  if (Number.isNaN(a[0]) || Number.isNaN(b[0])) return;
  if (Math.abs(a[1] - b[1]) < tol) {
    const y = (a[1] + b[1]) / 2;
    out.push({ x1: Math.min(a[0], b[0]), y1: y, x2: Math.max(a[0], b[0]), y2: y });
  } else if (Math.abs(a[0] - b[0]) < tol) {
    const x = (a[0] + b[0]) / 2;
    out.push({ x1: x, y1: Math.min(a[1], b[1]), x2: x, y2: Math.max(a[1], b[1]) });
  }
}

/**
 * Horizontal and vertical ruling segments of one page's operator list, merged.
 * Horizontal segments come out with y1 === y2 and x1 < x2, vertical ones with x1 === x2 and y1 < y2.
 */
export function extractSegments(opList: OperatorListLike, options: RulingOptions = {}): Segment[] {
  const thin = options.thinRect ?? 2;
  const tol = options.axisTolerance ?? 0.5;
  const maxFillArea = options.maxFillArea ?? 200000;
  const raw: Segment[] = [];
  let gs: GState = { ctm: options.initialMatrix ?? IDENTITY, fill: '#000000', stroke: '#000000' };
  const stack: GState[] = [];

  const strokeOps = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fillOps = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

  for (let i = 0; i < opList.fnArray.length; i++) {
    const fn = opList.fnArray[i];
    const args = opList.argsArray[i] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push(gs);
        gs = { ...gs };
        break;
      case OPS.restore:
        gs = stack.pop() ?? gs;
        break;
      case OPS.transform:
        gs.ctm = multiply(args as unknown as Matrix, gs.ctm);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push(gs);
        gs = { ...gs };
        const m = args?.[0] as ArrayLike<number> | null | undefined;
        if (m && m.length === 6) gs.ctm = multiply(Array.from(m) as Matrix, gs.ctm);
        break;
      }
      case OPS.paintFormXObjectEnd:
        gs = stack.pop() ?? gs;
        break;
      case OPS.setFillRGBColor:
        if (typeof args?.[0] === 'string') gs.fill = args[0];
        break;
      case OPS.setStrokeRGBColor:
        if (typeof args?.[0] === 'string') gs.stroke = args[0];
        break;
      case OPS.setFillTransparent:
        gs.fill = 'pattern'; // a pattern or shading: assume visible
        break;
      case OPS.setStrokeTransparent:
        gs.stroke = 'pattern';
        break;
      case OPS.constructPath: {
        if (!args) break;
        const paintOp = args[0] as number;
        const path = (args[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | null | undefined;
        if (!path || path.length === 0) break;
        const stroked = strokeOps.has(paintOp) && !isWhite(gs.stroke);
        const filled = fillOps.has(paintOp);
        if (!stroked && !filled) break; // endPath: a clipping path, draws nothing
        for (const sp of subpaths(path, gs.ctm)) {
          if (stroked) {
            const pts = sp.pts;
            for (let k = 0; k + 1 < pts.length; k++) pushAxisSegment(raw, pts[k], pts[k + 1], tol);
            if (sp.closed && pts.length > 2) pushAxisSegment(raw, pts[pts.length - 1], pts[0], tol);
          }
          if (filled && !isWhite(gs.fill)) {
            const r = asRect(sp, tol);
            if (!r) continue;
            const [x0, y0, x1, y1] = r;
            const w = x1 - x0;
            const h = y1 - y0;
            if (h < thin && w >= h) raw.push({ x1: x0, y1: (y0 + y1) / 2, x2: x1, y2: (y0 + y1) / 2 });
            else if (w < thin) raw.push({ x1: (x0 + x1) / 2, y1: y0, x2: (x0 + x1) / 2, y2: y1 });
            else if (!stroked && w * h <= maxFillArea) {
              raw.push({ x1: x0, y1: y0, x2: x1, y2: y0 }, { x1: x0, y1: y1, x2: x1, y2: y1 });
              raw.push({ x1: x0, y1: y0, x2: x0, y2: y1 }, { x1: x1, y1: y0, x2: x1, y2: y1 });
            }
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return mergeSegments(raw, options.mergeGap ?? 1, options.minLength ?? 1);
}

/**
 * Merge collinear segments: horizontals whose y differ by less than `gap` and whose x ranges overlap or
 * come within `gap` become one (at their mean y); likewise verticals. Segments shorter than `minLength` are
 * dropped after merging, so a dotted rule made of specks survives while an isolated speck does not.
 */
export function mergeSegments(segs: Segment[], gap = 1, minLength = 1): Segment[] {
  const hs: { c: number; a: number; b: number }[] = [];
  const vs: { c: number; a: number; b: number }[] = [];
  for (const s of segs) {
    if (Math.abs(s.y1 - s.y2) <= Math.abs(s.x1 - s.x2)) hs.push({ c: (s.y1 + s.y2) / 2, a: Math.min(s.x1, s.x2), b: Math.max(s.x1, s.x2) });
    else vs.push({ c: (s.x1 + s.x2) / 2, a: Math.min(s.y1, s.y2), b: Math.max(s.y1, s.y2) });
  }
  const out: Segment[] = [];
  for (const m of mergeAxis(hs, gap)) if (m.b - m.a >= minLength) out.push({ x1: m.a, y1: m.c, x2: m.b, y2: m.c });
  for (const m of mergeAxis(vs, gap)) if (m.b - m.a >= minLength) out.push({ x1: m.c, y1: m.a, x2: m.c, y2: m.b });
  return out;
}

function mergeAxis(list: { c: number; a: number; b: number }[], gap: number): { c: number; a: number; b: number }[] {
  // Group by the cross coordinate (chained within `gap`), then merge intervals along the axis.
  const sorted = [...list].sort((p, q) => p.c - q.c);
  const groups: { c: number; a: number; b: number }[][] = [];
  for (const s of sorted) {
    const g = groups[groups.length - 1];
    if (g && s.c - g[g.length - 1].c <= gap) g.push(s);
    else groups.push([s]);
  }
  const out: { c: number; a: number; b: number }[] = [];
  for (const g of groups) {
    g.sort((p, q) => p.a - q.a);
    let run: { sumC: number; n: number; a: number; b: number } | null = null;
    for (const s of g) {
      if (run && s.a <= run.b + gap) {
        run.b = Math.max(run.b, s.b);
        run.sumC += s.c;
        run.n++;
      } else {
        if (run) out.push({ c: run.sumC / run.n, a: run.a, b: run.b });
        run = { sumC: s.c, n: 1, a: s.a, b: s.b };
      }
    }
    if (run) out.push({ c: run.sumC / run.n, a: run.a, b: run.b });
  }
  return out;
}

/**
 * The page's ruling segments in PDF user space (what the read stage stores in PageContent.segments).
 * Given the page's text runs, a page whose text shows no table (mayHoldTable) is not asked for its
 * operator list: that second pass over the page builds every glyph's outline and costs more than the text
 * layer itself, and its rulings could only serve a table.
 */
export async function readSegments(page: PDFPageProxy, text?: readonly TextItem[], options: RulingOptions = {}): Promise<Segment[]> {
  if (text && !mayHoldTable(text)) return [];
  const opList = await page.getOperatorList();
  return extractSegments(opList, options);
}

/** Text runs at most this many: the page may be a table with empty cells (or a scan): its rulings are read. */
const FEW_RUNS = 10;

/**
 * Two runs of a line further apart than this many times their height are two cells (pdf.js starts a new
 * run past 0.6; narrative lines have gaps up to about 1 where a justified line or a heading number spaces
 * them, and a table's cells are padded on both sides of their borders).
 */
const GAP_EM = 1;

/**
 * Whether a page's text can be part of a table, judged from positions only (the text may be garbled):
 * a table's row prints two cells on one baseline with a gap between them wider than the text's height,
 * or one run holding such a gap as spaces (some producers write a row as one string); a page with only a
 * few runs may be a table whose cells are empty. Narrative pages (runs that follow one another along each
 * line) fail all three. Runs set sideways by the text matrix are not recognised; the table stage reads
 * runs as horizontal anyway.
 */
export function mayHoldTable(text: readonly TextItem[]): boolean {
  const runs = text.filter((t) => t.str.trim() !== '');
  if (runs.length <= FEW_RUNS) return true;
  if (runs.some((t) => /\S(?: {2,}|\u3000)\S/u.test(t.str.trim()))) return true;
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  // the same baseline grouping as the table stage (src/tables/text.ts toLines)
  let line: TextItem[] = [];
  const gapped = (): boolean => {
    line.sort((a, b) => a.x - b.x);
    for (let i = 1; i < line.length; i++) {
      if (line[i].x - (line[i - 1].x + line[i - 1].width) > GAP_EM * Math.max(line[i].height, line[i - 1].height, 1)) return true;
    }
    return false;
  };
  for (const t of sorted) {
    if (line.length && Math.abs(line[0].y - t.y) <= 0.3 * Math.max(t.height, line[0].height, 1)) {
      line.push(t);
      continue;
    }
    if (gapped()) return true;
    line = [t];
  }
  return gapped();
}

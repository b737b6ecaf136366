/**
 * Ruling lines found in a page image: a scan has no vector paths, so table borders must be seen as long,
 * thin dark lines. Works in pixel space (origin top-left, y down); `toPdfSegments` maps the result to
 * the text layer's space (PDF points, origin bottom-left) for the table stage.
 *
 * What is ink is judged against the page itself, not a fixed grey level: producers draw inner borders
 * as hairlines (0.05–0.1 pt, often 50% grey), which a 200 dpi scan turns into 1 px lines of grey 160–220
 * under noise — lighter than a fixed ink threshold, darker than the paper only on average. So:
 *  - darkness is measured below the page's paper level (the histogram's bright peak);
 *  - it is averaged along the line's direction over `windowIn` (a matched filter: a line is constant
 *    along itself, noise is not), and a pixel is "dark" when that average stands out of the page's own
 *    distribution of averages (median + `sensitivity` × robust spread, at least `minContrast` levels);
 *  - a line is a chain of thin dark slices, column by column (for horizontals): each slice at most
 *    `maxThicknessIn` thick with paper above and below, the next slice at most 1 px higher or lower (a
 *    slightly skewed line stepping from row to row stays one line). A chain may cross a stretch where the
 *    slice is thick — a crossing perpendicular border, or text touching the line — up to `bridgeIn`; a
 *    stretch of paper ends it (a border missing under a spanning cell stays missing).
 *  - text strokes are short (a chain must reach `minLengthIn`) and a text line is thick (its slices are
 *    not thin), so neither becomes a line.
 * The average along the line lengthens a chain by up to half a window at a free end: free ends are trimmed
 * back by what the window added; ends stopped by a crossing border are snapped onto it.
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
  /** mean darkness below the paper along the line (0–255) */
  contrast?: number;
}

export interface ImageRulingOptions {
  /** shortest line kept, inches (default 0.3) */
  minLengthIn?: number;
  /** shortest vertical kept when both its ends meet horizontal lines (a one-row cell border), inches (default 0.12) */
  minCellIn?: number;
  /** thickest line, inches (default 0.04: thicker is a filled area or bold glyphs) */
  maxThicknessIn?: number;
  /** length of the average taken along a line, inches (default 0.1) */
  windowIn?: number;
  /** how far out of the page's distribution an averaged darkness must stand to be ink, in robust spreads (default 4) */
  sensitivity?: number;
  /** smallest darkness below the paper that counts, grey levels (default 8) */
  minContrast?: number;
  /** longest stretch a line may cross where it is not thin (a crossing border, touching text), inches (default 0.3) */
  bridgeIn?: number;
}

/** Ruling lines in pixels. */
export interface PxRulings {
  horizontal: PxLine[];
  vertical: PxLine[];
}

export interface ImageRulings extends PxRulings {
  /** the page's paper level and the darkness threshold used (for reports and a more sensitive retry) */
  paper: number;
  threshold: number;
}

/** The brightest well-populated peak of a histogram (from `from` up): the paper, which is most of a page. */
function brightPeak(hist: Float64Array, from: number): number {
  let best = 255;
  let bestN = -1;
  for (let v = from; v < 256; v++) {
    // smoothed a little: JPEG and noise make a ragged peak
    let n = 0;
    for (let d = -2; d <= 2; d++) n += hist[Math.min(255, Math.max(0, v + d))];
    if (n > bestN) {
      bestN = n;
      best = v;
    }
  }
  return best;
}

/** The grey level of the paper over the whole page. */
export function paperLevel(img: GrayImage): number {
  const hist = new Float64Array(256);
  const step = Math.max(1, Math.floor(img.data.length / 400_000));
  for (let i = 0; i < img.data.length; i += step) hist[img.data[i]]++;
  return brightPeak(hist, 64);
}

/**
 * The paper level at every pixel: the bright peak of each tile (`tile` px square), tiles that are
 * mostly ink taking their neighbours' level, interpolated bilinearly between tile centres — a lamp
 * brighter on one side, or a grey band along a fold, is paper, not ink.
 */
export function paperMap(img: GrayImage, tile: number): Uint8Array {
  const { width: W, height: H, data } = img;
  const global = paperLevel(img);
  const nx = Math.max(1, Math.ceil(W / tile));
  const ny = Math.max(1, Math.ceil(H / tile));
  const level = new Float64Array(nx * ny);
  const hist = new Float64Array(256);
  for (let ty = 0; ty < ny; ty++) {
    for (let tx = 0; tx < nx; tx++) {
      hist.fill(0);
      let n = 0;
      for (let y = ty * tile; y < Math.min(H, (ty + 1) * tile); y += 2) {
        for (let x = tx * tile; x < Math.min(W, (tx + 1) * tile); x += 2) {
          hist[data[y * W + x]]++;
          n++;
        }
      }
      // only levels near the page's paper can be this tile's paper (a tile of a black picture has none)
      const from = Math.max(0, global - 60);
      let near = 0;
      for (let v = from; v < 256; v++) near += hist[v];
      level[ty * nx + tx] = near >= n / 4 ? brightPeak(hist, from) : -1;
    }
  }
  for (let i = 0; i < level.length; i++) if (level[i] < 0) level[i] = global;
  const out = new Uint8Array(W * H);
  const cx = (x: number) => Math.min(nx - 1, Math.max(0, (x + 0.5) / tile - 0.5));
  const cy = (y: number) => Math.min(ny - 1, Math.max(0, (y + 0.5) / tile - 0.5));
  for (let y = 0; y < H; y++) {
    const fy = cy(y);
    const y0 = Math.floor(fy);
    const y1 = Math.min(ny - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < W; x++) {
      const fx = cx(x);
      const x0 = Math.floor(fx);
      const x1 = Math.min(nx - 1, x0 + 1);
      const wx = fx - x0;
      const top = level[y0 * nx + x0] * (1 - wx) + level[y0 * nx + x1] * wx;
      const bottom = level[y1 * nx + x0] * (1 - wx) + level[y1 * nx + x1] * wx;
      out[y * W + x] = Math.round(top * (1 - wy) + bottom * wy);
    }
  }
  return out;
}

/** Horizontal and vertical ruling lines of a grey image rendered at `dpi`. */
export function detectRulings(img: GrayImage, dpi: number, opts: ImageRulingOptions = {}): ImageRulings {
  const { width: W, height: H } = img;
  const minLen = Math.max(8, (opts.minLengthIn ?? 0.3) * dpi);
  const maxThick = Math.max(3, Math.round((opts.maxThicknessIn ?? 0.04) * dpi));
  const half = Math.max(2, Math.round(((opts.windowIn ?? 0.1) * dpi) / 2));
  const bridge = Math.max(2 * half + maxThick, Math.round((opts.bridgeIn ?? 0.3) * dpi));
  const sensitivity = opts.sensitivity ?? 4;
  const paper = paperMap(img, Math.max(16, Math.round(0.5 * dpi)));
  const dark = darkness(img, paper);
  // Averaged along x (for horizontals), laid out column by column for the tracer; averaged along y (for
  // verticals), row by row as it comes.
  const alongX = transpose16(smoothRows(dark, W, H, half), W, H);
  const alongY = smoothCols(dark, W, H, half);
  const threshold = Math.max(opts.minContrast ?? 8, thresholdOf(alongX, sensitivity), thresholdOf(alongY, sensitivity));
  const p = { maxThick, bridge, threshold, near: Math.max(2, Math.round(0.015 * dpi)), paperGap: Math.max(2, half) };
  const hs = trace(alongX, W, H, p);
  const vs = trace(alongY, H, W, p);
  // An end stopped by thick ink is snapped onto a crossing border there (the border's averaged band hides
  // the last stretch of the line); any other end is trimmed back by what the averaging window added:
  // j pixels past a free end the average is contrast × (half + 1 − j) / (2·half + 1).
  const reach = half + maxThick + 2;
  const over = (t: Traced) => Math.max(0, Math.floor(half + 1 - (threshold * (2 * half + 1)) / Math.max(t.contrast, 1e-6)));
  const settle = (lines: Traced[], across: Traced[], vertical: boolean): (PxLine & { joined: boolean })[] =>
    lines.map((t) => {
      // only lines that are long themselves: a glyph's stroke beside a chain of glyph tops is no junction
      const spans = across.filter((q) => q.b - q.a + 1 >= minLen && t.c >= q.a - reach && t.c <= q.b + reach).map((q) => q.c);
      // ...and only where the ink goes on in the image up to that border (a glyph's stem stopped by its
      // own crossbar near a cell border stops short of it)
      const snap = (end: number) =>
        spans.filter((c) => Math.abs(c - end) <= reach && inkAlong(t, dark, W, H, vertical, end, c)).sort((u, v) => Math.abs(u - end) - Math.abs(v - end))[0];
      const sa = t.open[0] ? snap(t.a) : undefined;
      const sb = t.open[1] ? snap(t.b) : undefined;
      // (an end cut back to where the ink stops in the image is where the line ends)
      const a = sa !== undefined ? Math.min(t.a, sa) : t.cut?.[0] ? t.a : t.a + over(t);
      const b = sb !== undefined ? Math.max(t.b, sb) : t.cut?.[1] ? t.b : t.b - over(t);
      const joined = spans.some((c) => Math.abs(c - a) <= reach) || spans.some((c) => Math.abs(c - b) <= reach);
      return { x1: a, x2: b, y1: t.c, y2: t.c, thickness: t.thickness, contrast: t.contrast, joined };
    });
  // A line meeting no other line at either end must be longer: the tops of a row of glyphs can line up
  // over a third of an inch, a border standing alone (a rule under a title) is long.
  const long = (l: PxLine & { joined: boolean }) => l.x2 - l.x1 >= (l.joined ? minLen : 2 * minLen);
  const strip = ({ joined: _j, ...l }: PxLine & { joined: boolean }): PxLine => l;
  // The stretches of thick ink a line was traced across must be crossing borders, mostly: a chain of
  // glyph tops along a text line crosses the glyphs' bodies instead.
  const explained = (t: Traced, across: Traced[]) => {
    let unexplained = 0;
    for (const [g0, g1] of t.gaps) {
      const cover = across.filter((q) => t.c >= q.a - reach && t.c <= q.b + reach && q.c + reach >= g0 && q.c - reach <= g1);
      for (let v = g0; v <= g1; v++) if (!cover.some((q) => Math.abs(q.c - v) <= reach)) unexplained++;
    }
    return unexplained <= 0.2 * (t.b - t.a + 1);
  };
  const minV = Math.min(minLen, (opts.minCellIn ?? 0.12) * dpi) * 0.8;
  // A short line must be as dark all along (a border: a glyph stroke averaged along is a bump) and clearly
  // darker than the threshold (the averaged edge of a glyph hovers at it).
  // Either way it stands clear of other ink for most of its length (text near a border is not that near).
  const steady = (t: Traced) => t.crowded <= 0.5 && (t.b - t.a + 1 >= 2 * minLen || (t.flat >= 0.8 && t.contrast >= 1.5 * threshold));
  const solidOnes = (list: Traced[], vertical: boolean, min: number) =>
    list
      .filter((t) => t.b - t.a + 1 >= min && steady(t))
      .map((t) => solidify(t, dark, W, H, vertical, t.open[0] ? 0 : over(t), t.open[1] ? 0 : over(t)))
      .filter((t): t is Traced => t !== null && t.b - t.a + 1 >= min);
  const candH = solidOnes(hs, false, minLen * 0.8);
  const candV = solidOnes(vs, true, minV);
  const longH = candH.filter((t) => explained(t, candV));
  const longV = candV.filter((t) => explained(t, candH));
  // What the tracer crossed as thick ink, and the gaps joinPieces bridged, must hold the line's own ink:
  // where a spanning cell has no border, its text crossing the line's path is not one.
  const minHole = Math.max(2 * maxThick, Math.round(0.1 * dpi));
  const horizontal = joinPieces(settle(longH, longV, false), bridge).flatMap((l) => splitAbsent(l, dark, W, H, false, minHole)).filter(long).map(strip);
  const vertical = joinPieces(settle(longV, longH, true), bridge).flatMap((l) => splitAbsent(l, dark, W, H, true, minHole)).map((l) => ({ x1: l.y1, x2: l.y2, y1: l.x1, y2: l.x2, thickness: l.thickness, contrast: l.contrast, joined: l.joined }));
  // A short vertical (a one-row cell border) is kept when both its ends meet horizontal lines, which a
  // glyph stroke never does.
  const shortLen = Math.max(8, Math.min(minLen, (opts.minCellIn ?? 0.12) * dpi));
  const tol = Math.max(3, 0.03 * dpi);
  const meets = (x: number, y: number) => horizontal.some((h) => Math.abs(h.y1 - y) <= tol && x >= h.x1 - tol && x <= h.x2 + tol);
  return {
    horizontal,
    vertical: vertical
      .filter((v) => v.y2 - v.y1 >= (v.joined ? minLen : 2 * minLen) || (v.y2 - v.y1 >= shortLen && meets(v.x1, v.y1) && meets(v.x1, v.y2)))
      .map(strip),
    paper: paperLevel(img),
    threshold,
  };
}

/**
 * Pieces of one line (same row within 2 px, at most `gap` apart: broken where noise or a glyph touched it)
 * become one line. A border missing under a spanning cell leaves a gap of a whole cell, which stays.
 * Works on lines in the pass's axes (x along, y across).
 */
function joinPieces<T extends PxLine & { joined: boolean }>(lines: T[], gap: number): T[] {
  const sorted = [...lines].sort((p, q) => p.y1 - q.y1 || p.x1 - q.x1);
  const out: T[] = [];
  for (const l of sorted) {
    const prev = out.find((o) => Math.abs(o.y1 - l.y1) <= 2 && l.x1 - o.x2 <= gap && l.x2 >= o.x1 - gap);
    if (!prev) {
      out.push({ ...l });
      continue;
    }
    const la = prev.x2 - prev.x1;
    const lb = l.x2 - l.x1;
    const y = (prev.y1 * la + l.y1 * lb) / Math.max(1, la + lb);
    prev.thickness = (prev.thickness * la + l.thickness * lb) / Math.max(1, la + lb);
    prev.x1 = Math.min(prev.x1, l.x1);
    prev.x2 = Math.max(prev.x2, l.x2);
    prev.y1 = prev.y2 = y;
    prev.joined = prev.joined || l.joined;
  }
  return out;
}

/**
 * The line cut where its own ink is absent: a stretch of at least `minHole` positions along it, most of
 * them (60%) paper along the line in the image (a 3 px mean, as rawAt, within a few pixels of its centre), splits it. A border that
 * text touches or a crossing border keeps its ink there; a spanning cell's text in the path of a border
 * missing under it does not. Works in the pass's axes (x along, y across), like joinPieces.
 */
function splitAbsent<T extends PxLine & { joined: boolean }>(line: T, dark: Uint8Array, W: number, H: number, vertical: boolean, minHole: number): T[] {
  const a = Math.round(line.x1);
  const b = Math.round(line.x2);
  const n = b - a + 1;
  if (n < 2 * minHole) return [line];
  const typical = line.contrast ?? 0;
  const hole = new Uint8Array(n);
  // the line's centre is its mean position: a line left slightly skewed strays from it by a pixel or two
  const radius = 2 + Math.round(line.thickness / 2);
  for (let l = a; l <= b; l++) hole[l - a] = rawAt(dark, W, H, vertical, l, line.y1, radius) < typical / 3 ? 1 : 0;
  const sum = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) sum[i + 1] = sum[i] + hole[i];
  const absent = new Uint8Array(n);
  let any = false;
  for (let i = 0; i + minHole <= n; i++) {
    if (sum[i + minHole] - sum[i] >= 0.6 * minHole) {
      absent.fill(1, i, i + minHole);
      any = true;
    }
  }
  if (!any) return [line];
  // an absent stretch runs from its first hole to its last: the ink around it (a crossing border at the
  // cell's edge) stays with the pieces
  for (let i = 0; i < n; ) {
    if (!absent[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && absent[j]) j++;
    let f = i;
    while (f < j && !hole[f]) absent[f++] = 0;
    let e = j - 1;
    while (e > f && !hole[e]) absent[e--] = 0;
    i = j;
  }
  const pieces: T[] = [];
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const ink = i < n && !absent[i];
    if (ink && start < 0) start = i;
    if (!ink && start >= 0) {
      if (i - 1 > start) pieces.push({ ...line, x1: a + start, x2: a + i - 1 });
      start = -1;
    }
  }
  return pieces;
}

/** Raw darkness at (l along, c across) of a pass: a 3 px mean along, the darkest of the row and the two beside it. */
function rawAt(dark: Uint8Array, W: number, H: number, vertical: boolean, l: number, c: number, radius = 1): number {
  const at = (ll: number, cc: number) => {
    const [x, y] = vertical ? [cc, ll] : [ll, cc];
    return x < 0 || y < 0 || x >= W || y >= H ? 0 : dark[y * W + x];
  };
  const c0 = Math.floor(c);
  let best = 0;
  for (let k = c0 - radius; k <= c0 + radius; k++) best = Math.max(best, (at(l - 1, k) + at(l, k) + at(l + 1, k)) / 3);
  return best;
}

const typicalInk = new WeakMap<Traced, number>();

/** Does the line's ink go on from `from` to `to` in the image (at most a fifth of the way below a third of its typical darkness)? */
function inkAlong(t: Traced, dark: Uint8Array, W: number, H: number, vertical: boolean, from: number, to: number): boolean {
  const typical = typicalInk.get(t) ?? 0;
  const [lo, hi] = [Math.round(Math.min(from, to)), Math.round(Math.max(from, to))];
  if (hi - lo < 2) return true;
  let holes = 0;
  for (let l = lo; l <= hi; l++) if (rawAt(dark, W, H, vertical, l, t.c) < typical / 3) holes++;
  return holes <= 0.2 * (hi - lo + 1);
}

/**
 * The line as far as it is solid ink along its slices, or null when it is not. The average along it
 * bridges the gaps between glyphs whose strokes stand in a row (the 横 of neighbouring characters at one
 * height), and runs on past a border's end into whatever ink is near; in the image itself those gaps are
 * paper. Measured with a 3 px average along (at the slice's row or one beside it) against a third of the
 * line's averaged darkness: paper at an end is cut off, and at most 5% of what is left may be paper.
 */
function solidify(t: Traced, dark: Uint8Array, W: number, H: number, vertical: boolean, trimA: number, trimB: number): Traced | null {
  // the slices past the line's ends that only the averaging window saw are not the line
  const idx = t.path.ls.map((l, i) => [l, i] as const).filter(([l]) => l >= t.a + trimA && l <= t.b - trimB).map(([, i]) => i);
  if (idx.length === 0) return null;
  const typical = t.contrast;
  const hole = idx.map((i) => rawAt(dark, W, H, vertical, t.path.ls[i], t.path.cs[i]) < typical / 3);
  // cut paper off the ends: an end starts at the first of 5 solid slices in a row
  const run = 5;
  let i0 = 0;
  while (i0 < hole.length && hole.slice(i0, i0 + run).some(Boolean)) i0++;
  let i1 = hole.length - 1;
  while (i1 >= i0 && hole.slice(Math.max(i0, i1 - run + 1), i1 + 1).some(Boolean)) i1--;
  if (i1 - i0 + 1 < run) return null;
  const holes = hole.slice(i0, i1 + 1).filter(Boolean).length;
  if (holes > 0.05 * (i1 - i0 + 1)) return null;
  typicalInk.set(t, typical);
  if (i0 === 0 && i1 === hole.length - 1) return t;
  const cutA = i0 > 0;
  const cutB = i1 < hole.length - 1;
  // Paper cut off beyond a stretch of thick ink (the line was traced on across a crossing border into
  // whatever ink lies past it) leaves the line ending at that border: the end is stopped by thick ink,
  // to be snapped onto the border, not a free end.
  const afterGap = (from: number, to: number) => t.gaps.some(([g0, g1]) => g0 > Math.min(from, to) && g1 < Math.max(from, to));
  const stopA = cutA && afterGap(t.path.ls[idx[i0 - 1]], t.path.ls[idx[i0]]);
  const stopB = cutB && afterGap(t.path.ls[idx[i1]], t.path.ls[idx[i1 + 1]]);
  const out: Traced = {
    ...t,
    a: cutA ? t.path.ls[idx[i0]] : t.a,
    b: cutB ? t.path.ls[idx[i1]] : t.b,
    open: [cutA ? stopA : t.open[0], cutB ? stopB : t.open[1]],
    cut: [(cutA && !stopA) || !!t.cut?.[0], (cutB && !stopB) || !!t.cut?.[1]],
  };
  typicalInk.set(out, typical);
  return out;
}

/** Darkness below the paper level, per pixel (0 where the pixel is at least as bright as paper). */
function darkness(img: GrayImage, paper: Uint8Array): Uint8Array {
  const out = new Uint8Array(img.data.length);
  for (let i = 0; i < out.length; i++) {
    const d = paper[i] - img.data[i];
    out[i] = d > 0 ? d : 0;
  }
  return out;
}

function transpose16(data: Uint16Array, W: number, H: number): Uint16Array {
  const out = new Uint16Array(W * H);
  for (let y = 0; y < H; y++) {
    const off = y * W;
    for (let x = 0; x < W; x++) out[x * H + y] = data[off + x];
  }
  return out;
}

/** Mean over 2·half+1 pixels along each row (at the edges, the part of the window inside), ×4 for precision. */
function smoothRows(data: Uint8Array, W: number, H: number, half: number): Uint16Array {
  const out = new Uint16Array(W * H);
  for (let y = 0; y < H; y++) {
    const off = y * W;
    let sum = 0;
    let n = 0;
    for (let x = 0; x < Math.min(W, half); x++) {
      sum += data[off + x];
      n++;
    }
    for (let x = 0; x < W; x++) {
      if (x + half < W) {
        sum += data[off + x + half];
        n++;
      }
      if (x - half - 1 >= 0) {
        sum -= data[off + x - half - 1];
        n--;
      }
      out[off + x] = Math.round((4 * sum) / n);
    }
  }
  return out;
}

/** The same along each column, computed row by row (running sums per column). */
function smoothCols(data: Uint8Array, W: number, H: number, half: number): Uint16Array {
  const out = new Uint16Array(W * H);
  const sum = new Float64Array(W);
  for (let y = 0; y < Math.min(H, half); y++) for (let x = 0; x < W; x++) sum[x] += data[y * W + x];
  let n = Math.min(H, half);
  for (let y = 0; y < H; y++) {
    if (y + half < H) {
      const off = (y + half) * W;
      for (let x = 0; x < W; x++) sum[x] += data[off + x];
      n++;
    }
    if (y - half - 1 >= 0) {
      const off = (y - half - 1) * W;
      for (let x = 0; x < W; x++) sum[x] -= data[off + x];
      n--;
    }
    const off = y * W;
    for (let x = 0; x < W; x++) out[off + x] = Math.round((4 * sum[x]) / n);
  }
  return out;
}

/** Median + sensitivity × robust spread (1.4826 × MAD) of the averaged darkness, in grey levels. */
function thresholdOf(smooth: Uint16Array, sensitivity: number): number {
  const hist = new Float64Array(4 * 256 + 1);
  const step = Math.max(1, Math.floor(smooth.length / 300_000));
  let n = 0;
  for (let i = 0; i < smooth.length; i += step) {
    hist[smooth[i]]++;
    n++;
  }
  const quantile = (h: Float64Array, q: number) => {
    let acc = 0;
    for (let v = 0; v < h.length; v++) {
      acc += h[v];
      if (acc >= q * n) return v;
    }
    return h.length - 1;
  };
  const median = quantile(hist, 0.5);
  const dev = new Float64Array(hist.length);
  for (let v = 0; v < hist.length; v++) dev[Math.abs(v - median)] += hist[v];
  const mad = quantile(dev, 0.5);
  // 4 steps per grey level; a spread below half a level is quantisation, not noise
  return (median + sensitivity * Math.max(2, 1.4826 * mad)) / 4;
}

interface TraceParams {
  /** longest stretch of paper inside a line (a faint line under noise drops below the threshold now and then), px */
  paperGap: number;
  /** ink this close to a slice makes it crowded, px */
  near: number;
  maxThick: number;
  bridge: number;
  threshold: number;
}

/** A traced line in the pass's own axes: `c` across, [a, b] along. */
interface Traced {
  c: number;
  a: number;
  b: number;
  thickness: number;
  contrast: number;
  /** whether each end was stopped by thick ink (a crossing border?) rather than by paper */
  open: [boolean, boolean];
  /** stretches of thick ink the line was traced across, [from, to] inclusive */
  gaps: [number, number][];
  /** share of its slices at least half as dark as its darkest tenth: ~1 for a line, ~½ for a stroke's averaged bump */
  flat: number;
  /** share of its slices with other ink within `near` px (the tops of a row of glyphs, their bodies just below) */
  crowded: number;
  /** where each slice was: position along, centre across */
  path: { ls: number[]; cs: number[] };
  /** ends cut back to where the ink stops in the image */
  cut?: [boolean, boolean];
}

interface Track {
  cs: number[];
  ls: number[];
  thick: number;
  contrast: number;
  first: number;
  last: number;
  lastC: number;
  /** the positions since the last slice were all thick ink */
  blocked: boolean;
  startBlocked: boolean;
  slices: number;
  seen: number;
  gaps: [number, number][];
  peaks: number[];
  crowded: number;
}

/**
 * Lines in `data` (L positions along the lines × C across, index l·C + c, values ×4): at each position the
 * runs of dark pixels across; a thin run is a slice of a line, chained to the track whose last slice is
 * within 1 px (2 after a gap).
 */
function trace(data: Uint16Array, L: number, C: number, p: TraceParams): Traced[] {
  const t4 = Math.round(p.threshold * 4);
  const done: Track[] = [];
  let active: Track[] = []; // sorted by lastC
  let starts: number[] = [];
  let ends: number[] = [];
  let prevStarts: number[] = [];
  let prevEnds: number[] = [];
  const thickAt = (s: number[], e: number[], c: number) => {
    for (let k = 0; k < s.length; k++) if (e[k] - s[k] > p.maxThick && s[k] <= c + 1 && e[k] >= c - 1) return true;
    return false;
  };
  for (let l = 0; l < L; l++) {
    [prevStarts, prevEnds, starts, ends] = [starts, ends, prevStarts, prevEnds];
    starts.length = 0;
    ends.length = 0;
    const off = l * C;
    for (let c = 0; c < C; ) {
      if (data[off + c] <= t4) {
        c++;
        continue;
      }
      const a = c;
      while (c < C && data[off + c] > t4) c++;
      starts.push(a);
      ends.push(c);
    }
    const next: Track[] = [];
    let j = 0;
    for (let k = 0; k < starts.length; k++) {
      const a = starts[k];
      const b = ends[k];
      if (b - a > p.maxThick) continue;
      let sw = 0;
      let sc = 0;
      let peak = 0;
      for (let c = a; c < b; c++) {
        const v = data[off + c];
        sw += v - t4;
        sc += (v - t4) * c;
        if (v > peak) peak = v;
      }
      const cc = sc / sw + 0.5;
      const crowded = (k > 0 && a - ends[k - 1] <= p.near) || (k + 1 < starts.length && starts[k + 1] - b <= p.near) ? 1 : 0;
      while (j < active.length && active[j].lastC < cc - 2.5) j++;
      let tr: Track | undefined;
      for (let q = j; q < active.length && active[q].lastC <= cc + 2.5; q++) {
        const t = active[q];
        if (t.seen === l) continue;
        if (Math.abs(t.lastC - cc) <= (l - t.last > 1 ? 2.5 : 1.5) && (!tr || Math.abs(t.lastC - cc) < Math.abs(tr.lastC - cc))) tr = t;
      }
      if (tr) {
        if (tr.blocked) tr.gaps.push([tr.last + 1, l - 1]);
        tr.cs.push(cc);
        tr.ls.push(l);
        tr.thick += b - a;
        tr.contrast += peak / 4;
        tr.peaks.push(peak);
        tr.crowded += crowded;
        tr.last = l;
        tr.lastC = cc;
        tr.blocked = false;
        tr.slices++;
        tr.seen = l;
      } else {
        // a new track starts blocked when thick ink covered its row just before (a crossing border)
        next.push({ cs: [cc], ls: [l], thick: b - a, contrast: peak / 4, first: l, last: l, lastC: cc, blocked: false, startBlocked: l > 0 && thickAt(prevStarts, prevEnds, cc), slices: 1, seen: l, gaps: [], peaks: [peak], crowded });
      }
    }
    // Tracks without a slice here go on while the gap is thick ink (up to `bridge`) or a few pixels of
    // paper; else they are finished.
    for (const t of active) {
      if (t.seen === l) {
        next.push(t);
        continue;
      }
      const gap = l - t.last;
      if (thickAt(starts, ends, t.lastC)) {
        if (gap <= p.bridge) {
          t.blocked = true;
          next.push(t);
          continue;
        }
      } else if (gap <= p.paperGap && !t.blocked) {
        next.push(t);
        continue;
      }
      done.push(t);
    }
    active = next.sort((u, v) => u.lastC - v.lastC);
  }
  done.push(...active);
  const out: Traced[] = [];
  for (const t of done) {
    const length = t.last - t.first + 1;
    // shorter than any line kept, or full of holes (paper) rather than a line
    const bridged = t.gaps.reduce((n, [g0, g1]) => n + g1 - g0 + 1, 0);
    if (length < 8 || t.slices + bridged < 0.8 * length) continue;
    const cs = [...t.cs].sort((u, v) => u - v);
    const peaks = [...t.peaks].sort((u, v) => u - v);
    const high = peaks[Math.floor(0.9 * (peaks.length - 1))];
    const flat = peaks.filter((v) => v >= high / 2).length / peaks.length;
    out.push({ c: cs[Math.floor(cs.length / 2)], a: t.first, b: t.last, thickness: t.thick / t.slices, contrast: t.contrast / t.slices, open: [t.startBlocked, t.blocked || t.last === L - 1], gaps: t.gaps, flat, crowded: t.crowded / t.slices, path: { ls: t.ls, cs: t.cs } });
  }
  return out.sort((u, v) => u.c - v.c || u.a - v.a);
}

/** Pixel lines → PDF segments (points, origin bottom-left), ordered as src/read/rulings.ts emits them. */
export function toPdfSegments(lines: PxRulings, pxToPdf: Matrix): Segment[] {
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

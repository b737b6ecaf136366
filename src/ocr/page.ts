/**
 * OCR of one PDF page into the read stage's shapes: render (at the scan's own DPI) → rulings from the
 * image → whole-page OCR → cell-by-cell OCR of ruled tables → text items and segments. The page image
 * lives only inside this call (render → OCR → drop), so a document never holds more than one.
 */
import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { applyMatrix, clearEdgeLines, cropGray, invertMatrix, renderPageGray, scannedPageDpi, type GrayImage } from '../read/render.js';
import type { Matrix } from '../read/rulings.js';
import type { Box, Segment } from '../read/types.js';
import { isCjk } from '../normalize/chars.js';
import { compileCleanup, type CompiledCleanup } from './cleanup.js';
import { PSM, type OcrPool } from './engine.js';
import { gridCells, type Cell } from './grid.js';
import { deskew } from './deskew.js';
import { despeckle, stretchContrast } from './despeckle.js';
import { quarterTurn, uprightTurn, verticalShare, type QuarterTurn } from './orient.js';
import { detectRulings, toPdfSegments, type ImageRulingOptions, type PxLine, type PxRulings } from './rulings.js';
import type { OcrRules } from './rules.js';
import { linesToItems, ocrLines, type OcrLine, type OcrTextItem } from './words.js';

export interface OcrPageOptions {
  pool: OcrPool;
  /** render (and OCR) resolution; default: the scan's own DPI, else rules.render.dpi */
  dpi?: number;
  /** rules/ocr.yaml */
  rules: OcrRules;
  /** recognise ruled tables cell by cell (default true) */
  cells?: boolean;
  /**
   * the page's own vector rulings (src/read/rulings.ts readSegments): exact where the page has them (a
   * garbled text layer over a vector page), so they are the page's rulings and its OCR cell grid; on a
   * scanned page, lines found in the image are added where no vector line is
   */
  vectorSegments?: Segment[];
}

export interface OcrPageResult {
  items: OcrTextItem[];
  segments: Segment[];
  dpi: number;
  /** the DPI of the page's scanned image when it is a scan, else null */
  nativeDpi: number | null;
  seconds: number;
  /** character-weighted mean word confidence, 0–100 */
  meanConfidence: number;
  /** table cells recognised one by one */
  cells: number;
  /** skew found in the page image, degrees (rotated back before OCR when at least rules.deskew.min_deg) */
  skewDeg: number;
  /**
   * set when the page was scanned sideways or upside down and read turned upright: the clockwise turn,
   * and the upright page's size in points (items and segments are given on the upright page)
   */
  turned?: { deg: QuarterTurn; widthPt: number; heightPt: number };
  /** ruled tables whose row borders could not be found even on a second, more sensitive look (not read as tables) */
  unreadTables: { bbox: Box }[];
}

const cleanupCache = new WeakMap<OcrRules, CompiledCleanup>();

/** OCRs one page. */
export async function ocrPage(page: PDFPageProxy, opts: OcrPageOptions): Promise<OcrPageResult> {
  const started = performance.now();
  const rules = opts.rules;
  let cleanup = cleanupCache.get(rules);
  if (!cleanup) cleanupCache.set(rules, (cleanup = compileCleanup(rules.cleanup)));
  const scan = await scannedPageDpi(page, rules.render.scan_coverage);
  const dpi = opts.dpi ?? (scan ? clamp(Math.round(scan.dpi), rules.render.min_dpi, rules.render.max_dpi) : rules.render.dpi);
  const rendered = await renderPageGray(page, dpi);
  const vector = opts.vectorSegments ?? [];
  // A page drawn with vectors and not a scan is rendered straight, and its vector rulings are exact.
  const vectorOnly = vector.length > 0 && !scan;
  const levelled = rules.despeckle ? stretchContrast(rendered.image) : rendered.image;
  const ctx = { page: page.pageNumber, dpi, rules, pool: opts.pool, cleanup, cells: opts.cells !== false };
  let pass = await pagePass(levelled, rendered.pxToPdf, vector, vectorOnly, ctx);
  let turned: { deg: QuarterTurn; widthPt: number; heightPt: number } | undefined;
  // A page whose text lines run down the image was scanned sideways; one that reads poorly may be
  // upside down: a sample is tried in the four orientations (before any cell is read), and the page is
  // read again turned upright when one is right.
  const o = rules.orientation;
  const sideways = verticalShare(pass.pageLines) > 0.5;
  if (o && scan && (sideways || wordConfidence(pass.pageLines) < o.poor_confidence)) {
    const { turn } = await uprightTurn(levelled, dpi, opts.pool, { sample: o.sample, gain: o.gain }, sideways);
    if (turn !== 0) {
      const image = quarterTurn(levelled, turn);
      // Items and rulings of a turned page are given on the page turned upright (points, origin
      // bottom-left of the upright page), so lines and tables read it like any page.
      const heightPt = (image.height * 72) / dpi;
      pass = await pagePass(image, [72 / dpi, 0, 0, -72 / dpi, 0, heightPt], [], false, ctx);
      turned = { deg: turn, widthPt: (image.width * 72) / dpi, heightPt };
    }
  }
  return {
    ...(await cellPass(pass, ctx)),
    dpi,
    nativeDpi: scan ? scan.dpi : null,
    seconds: (performance.now() - started) / 1000,
    turned,
  };
}

interface ReadContext {
  page: number;
  dpi: number;
  rules: OcrRules;
  pool: OcrPool;
  cleanup: CompiledCleanup;
  cells: boolean;
}

interface PagePass {
  image: GrayImage;
  pxToPdf: Matrix;
  vector: Segment[];
  vectorOnly: boolean;
  rulings: PxRulings;
  cells: Cell[];
  pageLines: OcrLine[];
  skewDeg: number;
  /** tables whose row borders could not be found (PDF points) */
  unread: { bbox: Box }[];
}

/** Deskew, rulings and whole-page OCR of one (levelled) page image. */
async function pagePass(levelled: GrayImage, pxToPdf: Matrix, vector: Segment[], vectorOnly: boolean, { dpi, rules, pool, cells: byCell }: ReadContext): Promise<PagePass> {
  const r = rules.rulings;
  // Rotation about the centre keeps the page in place, so pxToPdf still maps the straightened image.
  const straight = rules.deskew && !vectorOnly
    ? deskew(levelled, { maxDeg: rules.deskew.max_deg, minDeg: rules.deskew.min_deg, threshold: rules.ink_threshold })
    : { image: levelled, angle: 0 };
  const image = rules.despeckle
    ? despeckle(straight.image, { threshold: rules.ink_threshold, maxSize: Math.max(1, Math.round(rules.despeckle.max_size_in * dpi)), isolation: Math.max(1, Math.round(rules.despeckle.isolation_in * dpi)), flank: Math.max(1, Math.round(rules.despeckle.flank_in * dpi)) }).image
    : straight.image;
  // Lines are found before despeckling: a faint hairline's darker noise pixels look like specks.
  const fromVectors = pxRulings(vector, pxToPdf, dpi);
  const detect = (sensitivity = 1) => {
    const o = rulingOptions(rules);
    return detectRulings(straight.image, dpi, { ...o, sensitivity: (o.sensitivity ?? 4) * sensitivity, minContrast: (o.minContrast ?? 8) * sensitivity });
  };
  let rulings = vectorOnly ? fromVectors : mergeRulings(fromVectors, detect(), r.align_tolerance_in * dpi);
  // A table of long verticals with no row border inside cannot be right: its row borders were missed.
  // Look again more sensitively; what is still wrong is reported and its lines dropped, so the table
  // stage never reads it as one row holding the whole page.
  let bad = unruledTables(rulings, dpi);
  if (bad.length && !vectorOnly) {
    rulings = mergeRulings(fromVectors, detect(0.5), r.align_tolerance_in * dpi);
    bad = unruledTables(rulings, dpi);
  }
  const unread = bad.map((b) => {
    rulings = { horizontal: rulings.horizontal.filter((h) => !inside(h, b)), vertical: rulings.vertical.filter((v) => !inside(v, b)) };
    const [x0, y0] = applyMatrix(pxToPdf, b.x0, b.y1);
    const [x1, y1] = applyMatrix(pxToPdf, b.x1, b.y0);
    return { bbox: { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1) } };
  });
  const cells = byCell ? gridCells(rulings, r.align_tolerance_in * dpi) : [];
  // The page pass sees the image without its rulings: a border beside text is read as | or 1.
  const pageLines = ocrLines(await pool.recognize(eraseLines(image, rulings), { dpi, psm: PSM.AUTO }));
  return { image, pxToPdf, vector, vectorOnly, rulings, cells, pageLines, skewDeg: straight.angle, unread };
}

/**
 * What is left of a cell's border is read as 1, l, I or | at the edge of the cell's text: beside Chinese
 * text at the very start or end of a cell it is a border, not writing ("项目名称1" → 项目名称).
 */
export function dropBorderGlyphs(line: OcrLine): OcrLine {
  const edge = /^[1lI|]$/u;
  const words = line.words.map((w) => ({ ...w }));
  const first = words[0];
  const last = words[words.length - 1];
  const cjk = (ch: string | undefined) => ch !== undefined && isCjk(ch);
  if (last) {
    const ch = Array.from(last.text);
    if (ch.length >= 3 && edge.test(ch[ch.length - 1]) && cjk(ch[ch.length - 2]) && cjk(ch[ch.length - 3])) last.text = ch.slice(0, -1).join('');
  }
  if (first) {
    const ch = Array.from(first.text);
    if (ch.length >= 3 && edge.test(ch[0]) && cjk(ch[1]) && cjk(ch[2])) first.text = ch.slice(1).join('');
  }
  return { ...line, words: words.filter((w) => w.text) };
}

interface PxBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function inside(l: PxLine, b: PxBox): boolean {
  const tol = 3;
  return l.x1 >= b.x0 - tol && l.x2 <= b.x1 + tol && l.y1 >= b.y0 - tol && l.y2 <= b.y1 + tol;
}

/**
 * Regions where at least three verticals over an inch long run side by side with no horizontal line
 * crossing between their ends: a ruled table whose row borders were not found.
 */
export function unruledTables(rulings: PxRulings, dpi: number): PxBox[] {
  const tall = rulings.vertical.filter((v) => v.y2 - v.y1 >= dpi).sort((a, b) => a.x1 - b.x1);
  const out: PxBox[] = [];
  const used = new Set<PxLine>();
  for (const v of tall) {
    if (used.has(v)) continue;
    // verticals of one table span about the same rows (a tall cell's own border inside a longer table does not)
    const group = tall.filter((w) => !used.has(w) && Math.min(v.y2, w.y2) - Math.max(v.y1, w.y1) >= 0.8 * Math.max(v.y2 - v.y1, w.y2 - w.y1));
    if (group.length < 3) continue;
    const box = { x0: Math.min(...group.map((g) => g.x1)), x1: Math.max(...group.map((g) => g.x1)), y0: Math.max(...group.map((g) => g.y1)), y1: Math.min(...group.map((g) => g.y2)) };
    const margin = 0.15 * dpi;
    const inner = rulings.horizontal.some((h) => h.y1 > box.y0 + margin && h.y1 < box.y1 - margin && h.x1 < (box.x0 + box.x1) / 2 && h.x2 > (box.x0 + box.x1) / 2);
    for (const g of group) used.add(g);
    if (!inner) out.push(box);
  }
  return out;
}

/** The page's items: page OCR outside the table cells, cell-by-cell OCR inside them. */
async function cellPass(pass: PagePass, { page, dpi, rules, pool, cleanup }: ReadContext): Promise<Pick<OcrPageResult, 'items' | 'segments' | 'meanConfidence' | 'cells' | 'skewDeg' | 'unreadTables'>> {
  const { image, pxToPdf, cells, pageLines } = pass;
  const toItems = (lines: OcrLine[], offsetX = 0, offsetY = 0) => linesToItems(lines, { page, pxToPdf, offsetX, offsetY, cleanup });
  let items: OcrTextItem[];
  let words: OcrLine[];
  if (cells.length === 0) {
    items = toItems(pageLines);
    words = pageLines;
  } else {
    const cellRead = (await readCells(image, dpi, cells, pageLines, pool, rules)).map((c) => ({ ...c, lines: c.lines.map(dropBorderGlyphs) }));
    const outside = pageLines
      .map((l) => ({ ...l, words: l.words.filter((w) => cellAt(cells, (w.x0 + w.x1) / 2, midY(l)) < 0) }))
      .filter((l) => l.words.length > 0);
    items = [...toItems(outside), ...cellRead.flatMap((c) => toItems(c.lines, c.offsetX, c.offsetY))];
    words = [...outside, ...cellRead.flatMap((c) => c.lines)];
  }
  items.sort((a, b) => b.y - a.y || a.x - b.x);
  return {
    items,
    segments: pass.vectorOnly ? pass.vector : toPdfSegments(pass.rulings, pxToPdf),
    meanConfidence: wordConfidence(words),
    cells: cells.length,
    skewDeg: pass.skewDeg,
    unreadTables: pass.unread,
  };
}

/** A copy of the image with the ruling lines painted white (thickness plus a pixel each side). */
function eraseLines(img: GrayImage, rulings: PxRulings): GrayImage {
  const data = img.data.slice();
  const half = (l: { thickness: number }) => Math.ceil(l.thickness / 2) + 2;
  for (const l of rulings.horizontal) {
    for (let y = Math.max(0, Math.floor(l.y1 - half(l))); y <= Math.min(img.height - 1, Math.ceil(l.y1 + half(l))); y++) {
      data.fill(255, y * img.width + Math.max(0, l.x1), y * img.width + Math.min(img.width, l.x2 + 1));
    }
  }
  for (const l of rulings.vertical) {
    for (let y = Math.max(0, Math.floor(l.y1)); y <= Math.min(img.height - 1, Math.ceil(l.y2)); y++) {
      const x0 = Math.max(0, Math.floor(l.x1 - half(l)));
      data.fill(255, y * img.width + x0, y * img.width + Math.min(img.width, Math.ceil(l.x1 + half(l)) + 1));
    }
  }
  return { width: img.width, height: img.height, data };
}

/** Vector segments (PDF points) as pixel lines of the page image rendered with `pxToPdf`. */
function pxRulings(segments: Segment[], pxToPdf: Matrix, dpi: number): PxRulings {
  const toPx = invertMatrix(pxToPdf);
  const thickness = Math.max(1, (0.75 * dpi) / 72);
  const out: PxRulings = { horizontal: [], vertical: [] };
  for (const s of segments) {
    const [ax, ay] = applyMatrix(toPx, s.x1, s.y1);
    const [bx, by] = applyMatrix(toPx, s.x2, s.y2);
    if (Math.abs(ay - by) <= Math.abs(ax - bx)) {
      const y = (ay + by) / 2;
      out.horizontal.push({ x1: Math.min(ax, bx), x2: Math.max(ax, bx), y1: y, y2: y, thickness });
    } else {
      const x = (ax + bx) / 2;
      out.vertical.push({ x1: x, x2: x, y1: Math.min(ay, by), y2: Math.max(ay, by), thickness });
    }
  }
  return out;
}

/** Vector lines, and the lines found in the image that lie on none of them. */
function mergeRulings(vector: PxRulings, image: PxRulings, tol: number): PxRulings {
  const onVector = (l: PxLine, list: PxLine[], horizontal: boolean) =>
    list.some((v) => (horizontal ? Math.abs(v.y1 - l.y1) <= tol && l.x1 >= v.x1 - tol && l.x2 <= v.x2 + tol : Math.abs(v.x1 - l.x1) <= tol && l.y1 >= v.y1 - tol && l.y2 <= v.y2 + tol));
  return {
    ...image,
    horizontal: [...vector.horizontal, ...image.horizontal.filter((l) => !onVector(l, vector.horizontal, true))],
    vertical: [...vector.vertical, ...image.vertical.filter((l) => !onVector(l, vector.vertical, false))],
  };
}

/** rules/ocr.yaml `rulings` as detectRulings options. */
export function rulingOptions(rules: OcrRules): ImageRulingOptions {
  const r = rules.rulings;
  return { minLengthIn: r.min_length_in, minCellIn: r.min_cell_in, maxThicknessIn: r.max_thickness_in, windowIn: r.window_in, sensitivity: r.sensitivity, minContrast: r.min_contrast, bridgeIn: r.bridge_in };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function midY(l: OcrLine): number {
  return (l.top + (l.baselineLeft + l.baselineRight) / 2) / 2;
}

function cellAt(cells: Cell[], x: number, y: number): number {
  return cells.findIndex((c) => x > c.x0 && x < c.x1 && y > c.y0 && y < c.y1);
}

function wordConfidence(lines: OcrLine[]): number {
  let n = 0;
  let sum = 0;
  for (const l of lines) {
    for (const w of l.words) {
      const k = Array.from(w.text).length;
      n += k;
      sum += k * w.confidence;
    }
  }
  return n ? sum / n : 0;
}

interface CellRead {
  lines: OcrLine[];
  offsetX: number;
  offsetY: number;
}

/**
 * Recognises each non-empty cell alone: PSM 7 (one line) or 6 (a block) by its inked height, and with the
 * numeric whitelist when its column reads as numbers on the page OCR and the cell itself is not Chinese
 * text there.
 */
async function readCells(image: GrayImage, dpi: number, cells: Cell[], pageLines: OcrLine[], pool: OcrPool, rules: OcrRules): Promise<CellRead[]> {
  const c = rules.cells;
  const numericRe = new RegExp(c.numeric_pattern, 'u');
  const inset = Math.round(c.inset_in * dpi);
  const pad = Math.round(c.pad_in * dpi);
  // Page OCR text per cell, for the numeric-column decision.
  const pageText = cells.map(() => '');
  const lineHeights: number[] = [];
  for (const l of pageLines) {
    lineHeights.push(Math.max(l.baselineLeft, l.baselineRight) - l.top);
    for (const w of l.words) {
      const k = cellAt(cells, (w.x0 + w.x1) / 2, midY(l));
      if (k >= 0) pageText[k] += w.text;
    }
  }
  lineHeights.sort((a, b) => a - b);
  const lineHeight = lineHeights[Math.floor(lineHeights.length / 2)] ?? dpi / 6;
  const looksNumeric = pageText.map((t) => t.length > 0 && numericRe.test(t.replace(/\s/g, '')));
  const byCol = new Map<number, { n: number; numeric: number }>();
  pageText.forEach((t, k) => {
    if (!t) return;
    const s = byCol.get(cells[k].col) ?? { n: 0, numeric: 0 };
    s.n++;
    if (looksNumeric[k]) s.numeric++;
    byCol.set(cells[k].col, s);
  });
  const numericCol = (col: number) => {
    const s = byCol.get(col);
    return !!s && s.numeric / s.n >= c.numeric_column_share;
  };

  const jobs = cells.map(async (cell, k): Promise<CellRead | null> => {
    const x0 = Math.ceil(cell.x0) + inset;
    const y0 = Math.ceil(cell.y0) + inset;
    const x1 = Math.floor(cell.x1) - inset;
    const y1 = Math.floor(cell.y1) - inset;
    if (x1 - x0 < 4 || y1 - y0 < 4) return null;
    // Crop wider than the inset and wipe what remains of the borders: on a skewed scan a fixed inset
    // either leaves border ink in the crop or cuts into text touching the border.
    const box = clearEdgeLines(cropGray(image, x0 - inset, y0 - inset, x1 + inset, y1 + inset), 2 * inset, c.edge_threshold ?? rules.ink_threshold);
    const ink = inkRows(box, 0, 0, box.width, box.height);
    if (ink.count / (box.width * box.height) < c.min_ink) return null;
    const crop = cropGray(box, 0, 0, box.width, box.height, pad);
    const singleLine = ink.last - ink.first + 1 <= c.single_line_max * lineHeight;
    // A header such as 决算数 heads a numeric column: it keeps the full character set.
    const cjk = Array.from(pageText[k]).filter((ch) => isCjk(ch)).length;
    const whitelist = numericCol(cell.col) && (looksNumeric[k] || cjk < 2) ? c.numeric_whitelist : undefined;
    const result = await pool.recognize(crop, { dpi, psm: singleLine ? PSM.SINGLE_LINE : PSM.SINGLE_BLOCK, whitelist });
    return { lines: ocrLines(result), offsetX: x0 - inset - pad, offsetY: y0 - inset - pad };
  });
  return (await Promise.all(jobs)).filter((r): r is CellRead => r !== null);
}

/** Ink pixels in a box (darker than mid-grey), and the first and last rows holding any. */
function inkRows(img: GrayImage, x0: number, y0: number, x1: number, y1: number): { count: number; first: number; last: number } {
  let count = 0;
  let first = -1;
  let last = -1;
  for (let y = y0; y < y1; y++) {
    let rowInk = 0;
    const off = y * img.width;
    for (let x = x0; x < x1; x++) if (img.data[off + x] < 128) rowInk++;
    if (rowInk > 0) {
      if (first < 0) first = y;
      last = y;
      count += rowInk;
    }
  }
  return { count, first, last };
}

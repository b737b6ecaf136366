/**
 * Renders a PDF page to a grey image for OCR (pdfjs-dist legacy build drawing on @napi-rs/canvas, the
 * canvas pdfjs-dist itself depends on in Node), and finds the native resolution of a scanned page's image
 * so OCR runs at the scan's real DPI instead of resampling it.
 *
 * Pixel space: origin top-left, y down (as the image). `pxToPt` / the helpers in src/ocr/words.ts map
 * back to PDF points, origin bottom-left.
 */
import { createCanvas } from '@napi-rs/canvas';
import { OPS, type PDFPageProxy } from './pdfjs.js';
import { multiply, type Matrix, type OperatorListLike } from './rulings.js';

/** An 8-bit grey image, one byte per pixel, rows top to bottom. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface RenderedPage {
  image: GrayImage;
  /** resolution the page was rendered at (pixels per inch) */
  dpi: number;
  /** page size in points (of the rotated view, as PageContent) */
  widthPt: number;
  heightPt: number;
  /**
   * Maps an image pixel (x right, y down) to the text layer's space: PDF user space in points, origin
   * at the media box's bottom-left (as readPageText: `e - view[0]`, `f - view[1]`), for any /Rotate.
   */
  pxToPdf: Matrix;
}

/** Applies `pxToPdf` (or any matrix) to a point. */
export function applyMatrix(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The inverse of an affine matrix (pixel → PDF becomes PDF → pixel). */
export function invertMatrix(m: Matrix): Matrix {
  const det = m[0] * m[3] - m[1] * m[2];
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det];
}

export interface PageImageInfo {
  /** native resolution of the largest image on the page, pixels per inch (geometric mean of x and y) */
  dpi: number;
  /** share of the page area that image covers (0–1) */
  coverage: number;
  /** image size in pixels */
  pixelWidth: number;
  pixelHeight: number;
}

const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageXObjectRepeat]);


/**
 * The largest image painted on the page, with its native DPI: an image is drawn into the unit square,
 * so the CTM's axis lengths are its size in points. Pure over an operator list (testable without pdf.js).
 */
export function largestImage(opList: OperatorListLike, pageWidthPt: number, pageHeightPt: number): PageImageInfo | null {
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  let best: PageImageInfo | null = null;
  for (let i = 0; i < opList.fnArray.length; i++) {
    const fn = opList.fnArray[i];
    const args = opList.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(args as unknown as Matrix, ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0] as ArrayLike<number> | null | undefined;
      if (m && m.length === 6) ctm = multiply(Array.from(m) as Matrix, ctm);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (IMAGE_OPS.has(fn)) {
      const size = imageSize(fn, args);
      if (!size) continue;
      const wPt = Math.hypot(ctm[0], ctm[1]);
      const hPt = Math.hypot(ctm[2], ctm[3]);
      if (wPt < 1 || hPt < 1) continue;
      // A quarter-turned image swaps its axes: pair the pixel count with the axis it is drawn along.
      const turned = Math.abs(ctm[1]) > Math.abs(ctm[0]);
      const [pw, ph] = turned ? [size.h, size.w] : [size.w, size.h];
      const dpiX = pw / (wPt / 72);
      const dpiY = ph / (hPt / 72);
      const coverage = Math.min(1, (wPt * hPt) / (pageWidthPt * pageHeightPt));
      if (!best || coverage > best.coverage) {
        best = { dpi: Math.sqrt(dpiX * dpiY), coverage, pixelWidth: size.w, pixelHeight: size.h };
      }
    }
  }
  return best;
}

function imageSize(fn: number, args: unknown[] | null): { w: number; h: number } | null {
  if (!args) return null;
  if (fn === OPS.paintImageXObject || fn === OPS.paintImageXObjectRepeat) {
    const [, w, h] = args as [unknown, number, number];
    return typeof w === 'number' && typeof h === 'number' ? { w, h } : null;
  }
  // Inline images and masks carry an object with width/height.
  const o = args[0] as { width?: number; height?: number } | undefined;
  return o && typeof o.width === 'number' && typeof o.height === 'number' ? { w: o.width, h: o.height } : null;
}

/** Native DPI of a page's main image when it covers most of the page (a scan), else null. */
export async function scannedPageDpi(page: PDFPageProxy, minCoverage = 0.5): Promise<PageImageInfo | null> {
  const view = page.view;
  const ops = await page.getOperatorList();
  const img = largestImage(ops, view[2] - view[0], view[3] - view[1]);
  return img && img.coverage >= minCoverage ? img : null;
}

/**
 * Renders the page at `dpi` on a white background and converts it to grey (ITU-R 601 luma), dropping
 * the RGBA canvas at once: a 300 dpi A4 page is 35 MB as RGBA and 9 MB as grey.
 */
export async function renderPageGray(page: PDFPageProxy, dpi: number): Promise<RenderedPage> {
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.max(1, Math.round(viewport.width));
  const height = Math.max(1, Math.round(viewport.height));
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  // pdfjs 5 in Node: `canvas` is required beside the context (it sizes and resets it).
  await page.render({ canvasContext: ctx as unknown as CanvasRenderingContext2D, canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) data[i] = (rgba[j] * 77 + rgba[j + 1] * 150 + rgba[j + 2] * 29) >> 8;
  const view = page.getViewport({ scale: 1 });
  // viewport.transform maps PDF user space to pixels; shift by the media box origin like the text layer.
  const toPx = viewport.transform as Matrix;
  const inv = invertMatrix(toPx);
  const pxToPdf: Matrix = [inv[0], inv[1], inv[2], inv[3], inv[4] - page.view[0], inv[5] - page.view[1]];
  return { image: { width, height, data }, dpi, widthPt: view.width, heightPt: view.height, pxToPdf };
}

/** Binary PGM (P5): leptonica inside tesseract reads it with no encoding cost, unlike PNG. */
export function toPgm(img: GrayImage): Uint8Array {
  const header = new TextEncoder().encode(`P5\n${img.width} ${img.height}\n255\n`);
  const out = new Uint8Array(header.length + img.data.length);
  out.set(header, 0);
  out.set(img.data, header.length);
  return out;
}

/** A copy of a rectangle of the image (clamped to it), with `pad` white pixels around it. */
export function cropGray(img: GrayImage, x0: number, y0: number, x1: number, y1: number, pad = 0): GrayImage {
  const ax = Math.max(0, Math.floor(x0));
  const ay = Math.max(0, Math.floor(y0));
  const bx = Math.min(img.width, Math.ceil(x1));
  const by = Math.min(img.height, Math.ceil(y1));
  const w = Math.max(0, bx - ax);
  const h = Math.max(0, by - ay);
  const W = w + 2 * pad;
  const H = h + 2 * pad;
  const data = new Uint8Array(W * H).fill(255);
  for (let y = 0; y < h; y++) {
    const src = (ay + y) * img.width + ax;
    data.set(img.data.subarray(src, src + w), (y + pad) * W + pad);
  }
  return { width: W, height: H, data };
}

/**
 * Whitens rows and columns within `band` pixels of the image's edges that are mostly ink: what is left of
 * a table border after cropping a cell from a slightly skewed scan (tesseract reads it as 1, | or a
 * stray character). In place; returns the image.
 */
export function clearEdgeLines(img: GrayImage, band: number, threshold = 160, share = 0.4): GrayImage {
  const { width: W, height: H, data } = img;
  const rowDark = (y: number) => {
    let n = 0;
    for (let x = 0; x < W; x++) if (data[y * W + x] < threshold) n++;
    return n / W;
  };
  const colDark = (x: number) => {
    let n = 0;
    for (let y = 0; y < H; y++) if (data[y * W + x] < threshold) n++;
    return n / H;
  };
  for (let y = 0; y < H; y++) {
    if (y >= band && y < H - band) continue;
    if (rowDark(y) > share) data.fill(255, y * W, (y + 1) * W);
  }
  for (let x = 0; x < W; x++) {
    if (x >= band && x < W - band) continue;
    if (colDark(x) > share) for (let y = 0; y < H; y++) data[y * W + x] = 255;
  }
  return img;
}

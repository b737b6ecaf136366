/**
 * Deskew of a scanned page image before ruling detection and OCR. A page fed a little crooked (half a
 * degree is common) makes every ruling line step from pixel row to row: cells cropped between the
 * detected borders cut into text or keep border ink, and tesseract's line finding degrades.
 *
 * The angle is found by the projection-profile method: the ink pixels are projected onto the vertical
 * axis along lines of each candidate slope; at the page's true skew the text rows and ruling lines fall
 * into few bins, so the sum of squared bin counts is highest. A coarse sweep is refined around its best.
 * The image is then rotated back about its centre (bilinear, white outside), which keeps the page
 * where it was: the page's pixel → PDF mapping stays valid.
 */
import type { GrayImage } from '../read/render.js';

export interface DeskewOptions {
  /** largest skew looked for, degrees */
  maxDeg: number;
  /** a smaller estimated skew is left alone (rotating resamples the image), degrees */
  minDeg: number;
  /** pixels darker than this are ink */
  threshold: number;
}

/**
 * The page's skew in degrees: positive when a horizontal line of the page descends to the right in the
 * image (y grows with x).
 */
export function estimateSkew(img: GrayImage, maxDeg: number, threshold: number): number {
  const { width: W, height: H, data } = img;
  // Ink pixels, thinned: every other column is plenty for a page of text. Every row is kept: skipping
  // rows would make the unrotated projection land on every other bin only and win for that alone.
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < H; y++) {
    const off = y * W;
    for (let x = 0; x < W; x += 2) {
      if (data[off + x] < threshold) {
        xs.push(x);
        ys.push(y);
      }
    }
  }
  if (xs.length < 200) return 0;
  const cx = W / 2;
  const bins = new Float64Array(H + 2 * Math.ceil(W * Math.tan((maxDeg * Math.PI) / 180)) + 4);
  const shift = (bins.length - H) / 2;
  const scoreAt = (deg: number): number => {
    const t = Math.tan((deg * Math.PI) / 180);
    bins.fill(0);
    for (let i = 0; i < xs.length; i++) {
      const r = Math.round(ys[i] - (xs[i] - cx) * t + shift);
      if (r >= 0 && r < bins.length) bins[r]++;
    }
    let s = 0;
    for (let i = 0; i < bins.length; i++) s += bins[i] * bins[i];
    return s;
  };
  let best = 0;
  let bestScore = scoreAt(0);
  const sweep = (from: number, to: number, step: number) => {
    for (let d = from; d <= to + 1e-9; d += step) {
      const s = scoreAt(d);
      if (s > bestScore) {
        bestScore = s;
        best = d;
      }
    }
  };
  sweep(-maxDeg, maxDeg, 0.1);
  const coarse = best;
  sweep(coarse - 0.1, coarse + 0.1, 0.02);
  return Math.round(best * 100) / 100;
}

/** Rotates the image by `deg` about its centre so that a line of slope tan(deg) becomes horizontal. */
export function rotateGray(img: GrayImage, deg: number): GrayImage {
  const { width: W, height: H, data } = img;
  const out = new Uint8Array(W * H);
  const a = (deg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = (W - 1) / 2;
  const cy = (H - 1) / 2;
  for (let y = 0; y < H; y++) {
    const dy = y - cy;
    // source = centre + R(deg)·(dest − centre)
    let sx = cx - cx * cos - sin * dy;
    let sy = cy - cx * sin + cos * dy;
    for (let x = 0; x < W; x++, sx += cos, sy += sin) {
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 >= W - 1 || y0 >= H - 1) {
        out[y * W + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * W + x0;
      const top = data[i] + (data[i + 1] - data[i]) * fx;
      const bottom = data[i + W] + (data[i + W + 1] - data[i + W]) * fx;
      out[y * W + x] = Math.round(top + (bottom - top) * fy);
    }
  }
  return { width: W, height: H, data: out };
}

/** The image straightened (or itself when its skew is below `minDeg`), and the angle found. */
export function deskew(img: GrayImage, opts: DeskewOptions): { image: GrayImage; angle: number } {
  const angle = estimateSkew(img, opts.maxDeg, opts.threshold);
  if (Math.abs(angle) < opts.minDeg) return { image: img, angle };
  return { image: rotateGray(img, angle), angle };
}

/**
 * Removes dust from a scanned page image before OCR: a tiny blob of ink with no other ink near it is a
 * speck, not writing. Tesseract reads a speck beside a line as `.`, `,`, `'` or `` ` `` — a dot in front of
 * `四、` is enough to lose a heading, one after a table title the table. A decimal point is as small as
 * a speck but always sits between its digits, and Chinese punctuation (。、，) is larger, so both
 * are kept.
 */
import type { GrayImage } from '../read/render.js';

export interface DespeckleOptions {
  /** pixels darker than this are ink */
  threshold: number;
  /** largest speck: its bounding box is at most this many pixels wide and tall */
  maxSize: number;
  /** a speck has no other ink within this many pixels of its bounding box */
  isolation: number;
  /**
   * a blob with ink on both its left and its right within this many pixels (in its rows and up to as
   * far above them) sits inside a line of figures: a decimal point, kept however far the digits' strokes
   * are (a 7's stem, a 1 in the middle of its box)
   */
  flank: number;
}

/** A copy of the image with isolated specks painted white, and how many were removed. */
export function despeckle(img: GrayImage, opts: DespeckleOptions): { image: GrayImage; removed: number } {
  const { width: W, height: H, data } = img;
  const label = new Int32Array(W * H); // 0: paper, -1: ink not yet labelled, k > 0: component k
  for (let i = 0; i < label.length; i++) if (data[i] < opts.threshold) label[i] = -1;
  const out = data.slice();
  const stack: number[] = [];
  let next = 0;
  let removed = 0;
  const pixels: number[] = [];
  for (let start = 0; start < label.length; start++) {
    if (label[start] !== -1) continue;
    const k = ++next;
    label[start] = k;
    stack.push(start);
    pixels.length = 0;
    let x0 = W;
    let y0 = H;
    let x1 = -1;
    let y1 = -1;
    let big = false;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % W;
      const y = (p - x) / W;
      if (!big) {
        pixels.push(p);
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
        if (x1 - x0 >= opts.maxSize || y1 - y0 >= opts.maxSize) big = true;
      }
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= H) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= W) continue;
          const q = yy * W + xx;
          if (label[q] === -1) {
            label[q] = k;
            stack.push(q);
          }
        }
      }
    }
    if (big) continue;
    // Isolated? Look for ink of any other component (labelled or not yet) around the bounding box.
    const r = opts.isolation;
    let alone = true;
    for (let y = Math.max(0, y0 - r); y <= Math.min(H - 1, y1 + r) && alone; y++) {
      for (let x = Math.max(0, x0 - r); x <= Math.min(W - 1, x1 + r); x++) {
        const l = label[y * W + x];
        if (l !== 0 && l !== k) {
          alone = false;
          break;
        }
      }
    }
    if (!alone) continue;
    const f = opts.flank;
    const inkIn = (xa: number, xb: number) => {
      for (let y = Math.max(0, y0 - f); y <= Math.min(H - 1, y1 + 1); y++) {
        for (let x = Math.max(0, xa); x <= Math.min(W - 1, xb); x++) if (label[y * W + x] !== 0 && label[y * W + x] !== k) return true;
      }
      return false;
    };
    if (inkIn(x0 - f, x0 - 1) && inkIn(x1 + 1, x1 + f)) continue;
    for (const p of pixels) out[p] = 255;
    removed++;
  }
  return { image: { width: W, height: H, data: out }, removed };
}

/**
 * Stretches the grey levels so the paper is white and the darkest ink black: a scan with a grey paper
 * tone and faded ink keeps thin strokes above the fixed ink thresholds of the ruling detection and the
 * cell crops (and tesseract's own binarisation gets a cleaner split). Paper = the median grey (most of a
 * page is paper); ink = the `inkShare` darkest pixels' level. A page already spanning the range is
 * returned as it is.
 */
export function stretchContrast(img: GrayImage, inkShare = 0.002): GrayImage {
  const hist = new Uint32Array(256);
  for (const v of img.data) hist[v]++;
  const n = img.data.length;
  let acc = 0;
  let ink = 0;
  while (ink < 255 && acc + hist[ink] <= n * inkShare) acc += hist[ink++];
  acc = 0;
  let paper = 0;
  while (paper < 255 && acc + hist[paper] < n / 2) acc += hist[paper++];
  if (paper - ink < 64 || (paper >= 250 && ink <= 5)) return img;
  const lut = new Uint8Array(256);
  for (let v = 0; v < 256; v++) lut[v] = Math.max(0, Math.min(255, Math.round(((v - ink) * 255) / (paper - ink))));
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) data[i] = lut[img.data[i]];
  return { width: img.width, height: img.height, data };
}

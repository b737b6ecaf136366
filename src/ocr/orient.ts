/**
 * Pages scanned sideways or upside down. tesseract's own orientation detection needs the legacy engine
 * and osd.traineddata (a second model and core in every worker); instead, when a page's text lines run
 * down the image (sideways) or it reads poorly (upside down?), a centred square sample of it is
 * recognised in the four orientations with the model already loaded, and the turn reading the most
 * confident Chinese text wins — for an upside-down page, by a clear margin over upright.
 * A landscape page with upright text (the national template's wide tables) reads well upright and is
 * never turned.
 */
import { cropGray, type GrayImage } from '../read/render.js';
import { isCjk } from '../normalize/chars.js';
import { PSM, type OcrPage, type OcrPool } from './engine.js';
import { ocrLines } from './words.js';

export type QuarterTurn = 0 | 90 | 180 | 270;

/** The image turned clockwise by a quarter or half turn (exact, no resampling). */
export function quarterTurn(img: GrayImage, deg: QuarterTurn): GrayImage {
  if (deg === 0) return img;
  const { width: W, height: H, data } = img;
  const w = deg === 180 ? W : H;
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const nx = deg === 90 ? H - 1 - y : deg === 180 ? W - 1 - x : y;
      const ny = deg === 90 ? x : deg === 180 ? H - 1 - y : W - 1 - x;
      out[ny * w + nx] = data[y * W + x];
    }
  }
  return { width: w, height: deg === 180 ? H : W, data: out };
}

/** What a reading is worth: Chinese characters and digits, each weighted by its word's confidence. */
export function readingScore(result: OcrPage): number {
  let score = 0;
  for (const block of result.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        for (const w of line.words) {
          const good = Array.from(w.text).filter((ch) => isCjk(ch) || /[0-9]/.test(ch)).length;
          score += (good * Math.max(0, w.confidence)) / 100;
        }
      }
    }
  }
  return score;
}

export interface OrientationOptions {
  /** side of the centred square sample, share of the page's shorter side */
  sample: number;
  /** a turn is taken when its sample scores at least this many times the upright one */
  gain: number;
}

/**
 * Share of the characters read on lines standing upright (a box more than twice as tall as wide): a page
 * scanned sideways has its text lines running down the image, and tesseract still reads them (it turns
 * a block of vertical lines itself), but every box is then across the page.
 */
export function verticalShare(lines: readonly { words: readonly { text: string }[]; left: number; right: number; top: number; baselineLeft: number; baselineRight: number }[]): number {
  let vertical = 0;
  let all = 0;
  for (const l of lines) {
    const n = l.words.reduce((k, w) => k + Array.from(w.text).length, 0);
    if (n < 3) continue;
    all += n;
    if (Math.max(l.baselineLeft, l.baselineRight) - l.top > 2 * (l.right - l.left)) vertical += n;
  }
  return all ? vertical / all : 0;
}

/**
 * The clockwise turn that makes the page upright, with the four samples' scores (0 for a turn whose
 * lines run down the sample). A page whose lines run down the image (`sideways`) takes the best turn;
 * otherwise a turn is taken only when it reads `gain` times better than upright (upside down).
 */
export async function uprightTurn(img: GrayImage, dpi: number, pool: OcrPool, opts: OrientationOptions, sideways = false): Promise<{ turn: QuarterTurn; scores: Record<QuarterTurn, number> }> {
  const side = Math.round(Math.min(img.width, img.height) * opts.sample);
  const x0 = Math.round((img.width - side) / 2);
  const y0 = Math.round((img.height - side) / 2);
  const sample = cropGray(img, x0, y0, x0 + side, y0 + side);
  const turns: QuarterTurn[] = [0, 90, 180, 270];
  const results = await Promise.all(turns.map((t) => pool.recognize(quarterTurn(sample, t), { dpi, psm: PSM.AUTO })));
  // A turn counts only when its sample's lines run across (tesseract also reads a sample turned
  // sideways, turning the block itself, so a good reading alone does not say upright).
  const across = turns.map((_, i) => verticalShare(ocrLines(results[i])) <= 0.5);
  const scores = Object.fromEntries(turns.map((t, i) => [t, across[i] ? readingScore(results[i]) : 0])) as Record<QuarterTurn, number>;
  let best: QuarterTurn = 0;
  for (const t of turns) if (scores[t] > scores[best]) best = t;
  const clear = sideways || !across[0] ? scores[best] > 0 : scores[best] >= opts.gain * Math.max(1, scores[0]);
  return { turn: best !== 0 && clear ? best : 0, scores };
}

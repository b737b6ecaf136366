/**
 * Tesseract's words → the same TextItems a text layer gives (PDF points, origin bottom-left, y = baseline,
 * height ≈ glyph height), so lines, tables, sections and rules work unchanged on OCRed pages.
 *
 * Tesseract's word boxes for Chinese are unreliable (a one-character word can span its neighbours), so a
 * word's horizontal extent is taken from its symbols. Neighbouring words of one text line become one run
 * while the gap between them is under `mergeGap` line heights, like a text layer's runs; a wider gap
 * (a table column, a tab) starts a new item, so column detection still sees the columns.
 */
import type { TextItem } from '../read/types.js';
import { applyMatrix } from '../read/render.js';
import type { Matrix } from '../read/rulings.js';
import { isCjk } from '../normalize/chars.js';
import { cleanOcrText, type CompiledCleanup } from './cleanup.js';
import type { OcrPage } from './engine.js';

/** A text run read by OCR: a TextItem plus tesseract's confidence (0–100, the lowest of its words). */
export interface OcrTextItem extends TextItem {
  confidence: number;
}

export interface WordBox {
  text: string;
  confidence: number;
  /** pixels in the OCRed image */
  x0: number;
  x1: number;
}

export interface OcrLine {
  words: WordBox[];
  /** baseline and top of the line, pixels (baseline at the line's left and right ends) */
  baselineLeft: number;
  baselineRight: number;
  left: number;
  right: number;
  top: number;
}

export interface ToItemsOptions {
  page: number;
  /** image pixel → PDF point */
  pxToPdf: Matrix;
  /** where the OCRed image's pixel (0,0) lies in the page image (a cropped cell), pixels */
  offsetX?: number;
  offsetY?: number;
  /** words closer than this many line heights join one run (default 0.8) */
  mergeGap?: number;
  cleanup?: CompiledCleanup;
}

/** Lines of a tesseract result, words with symbol-based extents, empty words dropped. */
export function ocrLines(result: OcrPage): OcrLine[] {
  const out: OcrLine[] = [];
  for (const block of result.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const words: WordBox[] = [];
        for (const w of line.words) {
          const text = w.text.trim();
          if (!text) continue;
          const syms = (w.symbols ?? []).filter((s) => s.text.trim());
          const x0 = syms.length ? Math.min(...syms.map((s) => s.bbox.x0)) : w.bbox.x0;
          const x1 = syms.length ? Math.max(...syms.map((s) => s.bbox.x1)) : w.bbox.x1;
          words.push({ text, confidence: w.confidence, x0, x1: Math.max(x1, x0 + 1) });
        }
        if (!words.length) continue;
        const b = line.baseline;
        const hasBaseline = b && (b.x1 !== b.x0 || b.y0 !== 0 || b.y1 !== 0);
        const baseAt = (x: number) => (hasBaseline && b.x1 !== b.x0 ? b.y0 + ((b.y1 - b.y0) * (x - b.x0)) / (b.x1 - b.x0) : line.bbox.y1);
        out.push({
          words: words.sort((p, q) => p.x0 - q.x0),
          baselineLeft: baseAt(line.bbox.x0),
          baselineRight: baseAt(line.bbox.x1),
          left: line.bbox.x0,
          right: line.bbox.x1,
          top: line.bbox.y0,
        });
      }
    }
  }
  return out;
}

const cjkLike = (ch: string) => isCjk(ch) || /[\uff01-\uff5e]/u.test(ch);

/** OCR lines → text items in PDF space. */
export function linesToItems(lines: OcrLine[], opts: ToItemsOptions): OcrTextItem[] {
  const dx = opts.offsetX ?? 0;
  const dy = opts.offsetY ?? 0;
  const mergeGap = opts.mergeGap ?? 0.8;
  const items: OcrTextItem[] = [];
  for (const line of lines) {
    const baseAt = (x: number) =>
      line.right > line.left ? line.baselineLeft + ((line.baselineRight - line.baselineLeft) * (x - line.left)) / (line.right - line.left) : line.baselineLeft;
    const lineHeight = Math.max(1, Math.max(line.baselineLeft, line.baselineRight) - line.top);
    let run: WordBox[] = [];
    const flush = () => {
      if (!run.length) return;
      let str = '';
      for (const w of run) {
        const prev = str[str.length - 1];
        if (prev && !cjkLike(prev) && !cjkLike(w.text[0])) str += ' ';
        str += w.text;
      }
      if (opts.cleanup) str = cleanOcrText(str, opts.cleanup);
      const x0 = run[0].x0;
      const x1 = run[run.length - 1].x1;
      const base = baseAt((x0 + x1) / 2);
      const [ax, ay] = applyMatrix(opts.pxToPdf, x0 + dx, base + dy);
      const [bx] = applyMatrix(opts.pxToPdf, x1 + dx, base + dy);
      const [, ty] = applyMatrix(opts.pxToPdf, x0 + dx, base - lineHeight + dy);
      if (str.trim()) {
        items.push({
          page: opts.page,
          str,
          x: Math.min(ax, bx),
          y: ay,
          width: Math.abs(bx - ax),
          height: Math.abs(ty - ay),
          confidence: Math.min(...run.map((w) => w.confidence)),
        });
      }
      run = [];
    };
    for (const w of line.words) {
      const last = run[run.length - 1];
      if (last && w.x0 - last.x1 > mergeGap * lineHeight) flush();
      run.push(w);
    }
    flush();
  }
  return items;
}

/** Character-weighted mean confidence of items (0 when there is no text). */
export function meanConfidence(items: OcrTextItem[]): number {
  let n = 0;
  let sum = 0;
  for (const it of items) {
    const k = Array.from(it.str.replace(/\s/g, '')).length;
    n += k;
    sum += k * it.confidence;
  }
  return n ? sum / n : 0;
}

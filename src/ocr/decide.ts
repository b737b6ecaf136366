/**
 * Per-page choice between the text layer and OCR, with the reason for the manifest (LESSONS.md #7:
 * decide per page, distrust a text layer that does not look like text).
 */
import type { TextLayerVerdict } from './quality.js';

export type OcrMode = 'auto' | 'always' | 'never';
export const OCR_MODES: readonly OcrMode[] = ['auto', 'always', 'never'];

export interface PageSourceDecision {
  source: 'text' | 'ocr' | 'unreadable';
  reason: string;
}

/**
 * auto: OCR exactly the pages whose text layer is not usable; always: OCR every page (e.g. a scanner's
 * hidden OCR layer that passes the checks but is wrong); never: keep usable text layers, and report the
 * others unreadable rather than parse garbage.
 */
export function decidePageSource(verdict: TextLayerVerdict, mode: OcrMode = 'auto'): PageSourceDecision {
  if (mode === 'always') return { source: 'ocr', reason: verdict.usable ? 'OCR forced (--ocr always); the text layer looked usable' : `OCR forced (--ocr always); ${verdict.reason}` };
  if (verdict.usable) return { source: 'text', reason: '' };
  if (mode === 'never') return { source: 'unreadable', reason: `${verdict.reason} (OCR disabled)` };
  return { source: 'ocr', reason: verdict.reason };
}

export function parseOcrMode(s: string): OcrMode {
  if ((OCR_MODES as readonly string[]).includes(s)) return s as OcrMode;
  throw new Error(`unknown OCR mode "${s}" (expected ${OCR_MODES.join(', ')})`);
}

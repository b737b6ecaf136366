import type { Box } from '../read/types.js';

/** Where one character of extracted text sits: page and box in PDF user space (points, origin bottom-left). */
export interface CharBox {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** OCR confidence 0–100 of the word the character was read in (OCR pages only) */
  conf?: number;
}

/** Text with one CharBox per UTF-16 code unit of `text`, so any substring can be traced to the page. */
export interface LocatedText {
  text: string;
  chars: CharBox[];
}

/** One printed line in reading order. */
export interface Line extends LocatedText {
  page: number;
  /** the text as the PDF gave it, its gaps decided (lines/gaps.ts), before normalisation (`text` is normalised once the normalize stage ran) */
  raw: string;
  box: Box;
  /** the dominant font size of the line, points */
  fontSize: number;
}

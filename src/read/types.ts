/**
 * What the read stage hands on: every text run of every page with its position.
 * Coordinates are PDF user space in points, origin bottom-left of the page (as in the PDF), so a
 * validator can find a value on the page with any PDF tool. y grows upwards.
 */
export interface TextItem {
  /** 1-based page number */
  page: number;
  /** the text exactly as the PDF's text layer gives it (not normalised) */
  str: string;
  /** left edge of the run, points */
  x: number;
  /** baseline of the run, points from the bottom of the page */
  y: number;
  /** advance width of the run, points */
  width: number;
  /** font size (glyph height), points */
  height: number;
  /** OCR confidence of the run's words, 0–100; absent for a text layer */
  confidence?: number;
}

/** A straight line segment drawn on the page (table rulings), PDF user space, points. */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface PageContent {
  /** 1-based page number */
  page: number;
  /** page width and height in points (of the rotated view) */
  width: number;
  height: number;
  items: TextItem[];
  /** horizontal and vertical ruling segments (diagonals dropped), for the table stage */
  segments: Segment[];
  /** where the items came from (absent: the text layer, not yet judged) */
  source?: 'text' | 'ocr' | 'unreadable';
  /** why the page was OCR'd or is unreadable */
  sourceReason?: string;
  /**
   * OCR figures for an OCR'd page; `turnedDeg`: the page was scanned sideways or upside down and read
   * turned clockwise by this much (0, 90, 180, 270) — its items, segments and size are the upright page's
   */
  ocr?: { dpi: number; seconds: number; meanConfidence: number; turnedDeg?: number };
  /** tables the page shows that could not be read (an OCR'd table whose row borders were not found), with why */
  unreadTables?: { bbox: Box; reason: string }[];
}

/** An axis-aligned box in PDF user space (points, origin bottom-left). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

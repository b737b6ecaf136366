import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageSourcer } from '../read/document.js';
import type { PageContent } from '../read/types.js';
import { decidePageSource, type OcrMode } from './decide.js';
import type { OcrPool } from './engine.js';
import { judgeTextLayer } from './quality.js';
import type { OcrRules } from './rules.js';
import { compileLexicon, correctText } from './correct.js';

export interface OcrSetup {
  mode: OcrMode;
  rules: OcrRules;
  /** words a real page of the report is full of (rules/document.yaml report.vocabulary) */
  vocabulary: readonly string[];
  /** the worker pool, created on first use (a run of text PDFs never starts tesseract) */
  pool: () => Promise<OcrPool>;
}

/**
 * The per-page decision of the read stage: keep a usable text layer, OCR a page without one (or with a
 * garbage one), or report it unreadable when OCR is off. The reason goes to the manifest.
 */
export function ocrSourcer(setup: OcrSetup): PageSourcer {
  const lexicon = compileLexicon(setup.rules.lexicon);
  return async (page: PDFPageProxy, fromText: PageContent): Promise<PageContent> => {
    const verdict = judgeTextLayer(fromText.items.map((i) => i.str).join(''), setup.vocabulary);
    const decision = decidePageSource(verdict, setup.mode);
    if (decision.source !== 'ocr') return { ...fromText, source: decision.source, sourceReason: decision.reason };
    // page.js brings the canvas and tesseract.js: loaded on the first page that needs OCR, not by every run
    const { ocrPage } = await import('./page.js');
    const r = await ocrPage(page, { pool: await setup.pool(), rules: setup.rules, vectorSegments: fromText.segments });
    return {
      ...fromText,
      // a page scanned sideways is read turned upright: its items are on the upright page
      ...(r.turned ? { width: r.turned.widthPt, height: r.turned.heightPt } : {}),
      items: r.items.map((it) => ({ ...it, str: correctText(it.str, lexicon) })),
      // the page's own vector rulings where it has them (exact), else the lines found in the image
      segments: r.segments,
      unreadTables: r.unreadTables.map((u) => ({ bbox: u.bbox, reason: `第${page.pageNumber}页有一个表格找不到行线（扫描中的表格线太淡或缺失），未作为表格读取` })),
      source: 'ocr',
      sourceReason: decision.reason,
      ocr: { dpi: r.dpi, seconds: Math.round(r.seconds * 100) / 100, meanConfidence: Math.round(r.meanConfidence * 10) / 10, turnedDeg: r.turned?.deg ?? 0 },
    };
  };
}

import type { PDFDocumentProxy, PDFPageProxy } from './pdfjs.js';
import pLimit from 'p-limit';
import { readPdfBytes, type ReadLimits } from './bytes.js';
import { withPdf, type PdfInfo } from './pdf.js';
import { readPageText } from './pdf.js';
import type { PageContent } from './types.js';

export interface ReadDocument {
  file: string;
  sha256: string;
  info: PdfInfo;
  pages: PageContent[];
}

/** A page's ruling segments; given its text runs (src/read/rulings.ts readSegments). */
export type SegmentReader = (page: Awaited<ReturnType<PDFDocumentProxy['getPage']>>, text: PageContent['items']) => Promise<PageContent['segments']>;

/**
 * Where a page's items come from: given the page and its text layer, either keep the layer (source
 * 'text'), replace items and segments by OCR (source 'ocr'), or report the page ('unreadable').
 */
export type PageSourcer = (page: PDFPageProxy, fromTextLayer: PageContent) => Promise<PageContent>;

/**
 * Reads every page's positioned text (and, when a reader is given, its ruling segments); a sourcer may
 * replace a page by OCR. Pages are released as soon as they are read; with a sourcer, up to `parallel`
 * pages are in flight (OCR workers), so memory follows a few pages, not the document.
 */
export async function readDocument(
  file: string,
  opts: { password?: string; readSegments?: SegmentReader; sourcePage?: PageSourcer; parallel?: number; onPage?: (page: number, total: number) => void; limits?: ReadLimits } = {},
): Promise<ReadDocument> {
  const data = await readPdfBytes(file, opts.limits);
  const { createHash } = await import('node:crypto');
  const sha256 = createHash('sha256').update(data).digest('hex');
  return withPdf(
    file,
    data,
    async (doc, info) => {
      const limit = pLimit(Math.max(1, opts.parallel ?? 1));
      let done = 0;
      const readOne = async (p: number): Promise<PageContent> => {
        const page = await doc.getPage(p);
        try {
          const text = await readPageText(page);
          const segments = opts.readSegments ? await opts.readSegments(page, text.items) : [];
          const content: PageContent = { ...text, segments };
          return opts.sourcePage ? await opts.sourcePage(page, content) : content;
        } finally {
          page.cleanup();
          opts.onPage?.(++done, doc.numPages);
        }
      };
      const pages = await Promise.all(Array.from({ length: doc.numPages }, (_, i) => limit(() => readOne(i + 1))));
      return { file, sha256, info, pages };
    },
    opts.password,
    opts.limits?.maxPages,
  );
}

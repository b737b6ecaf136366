import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { readPdfBytes, withPdf, type PdfInfo } from './pdf.js';
import { readPageText } from './pdf.js';
import type { PageContent } from './types.js';

export interface ReadDocument {
  file: string;
  sha256: string;
  info: PdfInfo;
  pages: PageContent[];
}

export type SegmentReader = (page: Awaited<ReturnType<PDFDocumentProxy['getPage']>>) => Promise<PageContent['segments']>;

/**
 * Reads every page's positioned text (and, when a reader is given, its ruling segments). Pages are read
 * one at a time and released, so memory follows one page, not the document.
 */
export async function readDocument(
  file: string,
  opts: { password?: string; readSegments?: SegmentReader; onPage?: (page: number, total: number) => void } = {},
): Promise<ReadDocument> {
  const data = await readPdfBytes(file);
  const { createHash } = await import('node:crypto');
  const sha256 = createHash('sha256').update(data).digest('hex');
  return withPdf(
    file,
    data,
    async (doc, info) => {
      const pages: PageContent[] = [];
      for (let p = 1; p <= doc.numPages; p++) {
        const page = await doc.getPage(p);
        try {
          const text = await readPageText(page);
          const segments = opts.readSegments ? await opts.readSegments(page) : [];
          pages.push({ ...text, segments });
        } finally {
          page.cleanup();
        }
        opts.onPage?.(p, doc.numPages);
      }
      return { file, sha256, info, pages };
    },
    opts.password,
  );
}

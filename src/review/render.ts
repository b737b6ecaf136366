/** Page images for the review: pdf.js draws each page on an @napi-rs/canvas canvas, encoded as JPEG. */
import { createHash } from 'node:crypto';
import { createCanvas } from '@napi-rs/canvas';
import { readPdfBytes, withPdf } from '../read/pdf.js';
import type { Matrix, PageGeometry } from './data.js';

export interface PageImage {
  geometry: PageGeometry;
  jpeg: Buffer;
}

export interface RenderOptions {
  /** pixels per inch (default 100: small text stays legible, a 36-page report stays a few MB) */
  dpi?: number;
  /** JPEG quality 0–100 (default 60) */
  quality?: number;
  password?: string;
}

export async function pdfSha256(file: string): Promise<string> {
  return createHash('sha256').update(await readPdfBytes(file)).digest('hex');
}

/**
 * Renders every page, one at a time (only the encoded JPEGs are kept). Goes through withPdf, so the
 * document is opened with the installed package's CMaps and standard fonts like the extraction was.
 */
export async function renderPages(file: string, opts: RenderOptions = {}): Promise<PageImage[]> {
  const scale = (opts.dpi ?? 100) / 72;
  const data = await readPdfBytes(file);
  return withPdf(
    file,
    data,
    async (doc) => {
      const out: PageImage[] = [];
      for (let p = 1; p <= doc.numPages; p++) {
        const page = await doc.getPage(p);
        try {
          const viewport = page.getViewport({ scale });
          const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
          const ctx = canvas.getContext('2d');
          // JPEG has no transparency: without a white ground the page would be black.
          ctx.fillStyle = '#ffffff';
          ctx.fillRect(0, 0, canvas.width, canvas.height);
          // pdf.js 5 takes the canvas itself; the @napi-rs types differ from the DOM's only nominally.
          await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: ctx as unknown as CanvasRenderingContext2D, viewport }).promise;
          const view = page.view as [number, number, number, number];
          out.push({ geometry: { page: p, width: canvas.width, height: canvas.height, transform: viewport.transform as Matrix, view }, jpeg: await canvas.encode('jpeg', opts.quality ?? 60) });
        } finally {
          page.cleanup();
        }
      }
      return out;
    },
    opts.password,
  );
}

/**
 * Writes test/fixtures/scanned-other-dept-2019.pdf: pages 2 (narrative with numbers) and 9 (the ruled
 * 表五) of other-dept-2019.pdf rendered to 200 dpi grey images and wrapped, image only, in a PDF with
 * pdfkit — a scanned report with no text layer and no vector lines, for the OCR tests.
 * Run: npx tsx test/ocr/make-scan-fixture.ts (deterministic: fixed CreationDate, file ID derived from it).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas } from '@napi-rs/canvas';
import { imagesToPdf } from '../../scripts/fixtures/image-pdf.js';
import { withPdf } from '../../src/read/pdf.js';
import { renderPageGray } from '../../src/read/render.js';

export const SCAN_PAGES = [2, 9];
export const SCAN_DPI = 200;

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures');

async function main(): Promise<void> {
  const src = path.join(fixtures, 'other-dept-2019.pdf');
  const pngs = await withPdf(src, new Uint8Array(await readFile(src)), async (doc) => {
    const out: { png: Buffer; w: number; h: number }[] = [];
    for (const p of SCAN_PAGES) {
      const page = await doc.getPage(p);
      const { image, widthPt, heightPt } = await renderPageGray(page, SCAN_DPI);
      const canvas = createCanvas(image.width, image.height);
      const ctx = canvas.getContext('2d');
      const rgba = ctx.createImageData(image.width, image.height);
      for (let i = 0; i < image.data.length; i++) {
        const v = image.data[i];
        rgba.data[4 * i] = rgba.data[4 * i + 1] = rgba.data[4 * i + 2] = v;
        rgba.data[4 * i + 3] = 255;
      }
      ctx.putImageData(rgba, 0, 0);
      out.push({ png: canvas.toBuffer('image/png'), w: widthPt, h: heightPt });
      page.cleanup();
    }
    return out;
  });
  const bytes = await imagesToPdf(
    pngs.map((p) => ({ image: p.png, w: p.w, h: p.h })),
    'juesuan test/ocr/make-scan-fixture.ts (pdfkit)',
    new Date(Date.UTC(2020, 0, 1)),
  );
  await writeFile(path.join(fixtures, 'scanned-other-dept-2019.pdf'), bytes);
  console.log(`scanned-other-dept-2019.pdf: ${bytes.length} bytes`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();

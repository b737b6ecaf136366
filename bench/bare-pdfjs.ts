/** The floor: bare pdfjs-dist getTextContent over files, one after the other in this one process; prints JSON. */
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const files = process.argv.slice(2);
const t0 = performance.now();
let pages = 0;
for (const f of files) {
  const doc = await getDocument({ data: new Uint8Array(await readFile(f)), useSystemFonts: false, isEvalSupported: false }).promise;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    await page.getTextContent();
    page.cleanup();
  }
  pages += doc.numPages;
  await doc.destroy();
}
console.log(JSON.stringify({ pages, seconds: (performance.now() - t0) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024 }));

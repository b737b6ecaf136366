// The floor juesuan is measured against (npm run bench): bare pdfjs-dist, one process, every page's
// getTextContent of every file given, one file after the other, with the options src/read/pdf.ts opens
// documents with. Plain JavaScript so that nothing but node and pdf.js runs. Prints the page count.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
let pages = 0;
for (const file of process.argv.slice(2)) {
  const doc = await getDocument({
    data: new Uint8Array(readFileSync(file)),
    cMapUrl: pathToFileURL(path.join(root, 'cmaps') + path.sep).href,
    cMapPacked: true,
    standardFontDataUrl: pathToFileURL(path.join(root, 'standard_fonts') + path.sep).href,
    verbosity: 0,
    isEvalSupported: false,
    useSystemFonts: false,
  }).promise;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    await page.getTextContent({ includeMarkedContent: false, disableNormalization: true });
    page.cleanup();
    pages++;
  }
  await doc.destroy();
}
console.log(pages);

/** Child of the no-network test: loads the model and OCRs a strip of the scanned fixture. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withPdf } from '../../src/read/pdf.js';
import { cropGray, renderPageGray } from '../../src/read/render.js';
import { createOcrPool } from '../../src/ocr/engine.js';

const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'scanned-other-dept-2019.pdf');
let blocked = false;
try {
  await fetch('http://127.0.0.1:9/');
} catch (e) {
  blocked = /network access attempted/.test(String(e));
}
const pool = await createOcrPool(1);
try {
  const text = await withPdf(file, new Uint8Array(await readFile(file)), async (doc) => {
    const page = await doc.getPage(1);
    const { image, dpi } = await renderPageGray(page, 200);
    const strip = cropGray(image, 0, 0, image.width, Math.round(image.height / 6));
    return (await pool.recognize(strip, { dpi })).text;
  });
  process.stdout.write(JSON.stringify({ blocked, text }));
} finally {
  await pool.close();
}

/** Child of quiet.test.ts: OCRs images so small that tesseract has something to complain about. */
import { createOcrPool, PSM } from '../../src/ocr/engine.js';

const pool = await createOcrPool(1);
for (const [width, height] of [
  [30, 3],
  [5, 5],
  [2, 36],
]) {
  const data = new Uint8Array(width * height).fill(255);
  data[0] = 0;
  data[3] = 0;
  await pool.recognize({ width, height, data }, { dpi: 200, psm: PSM.SINGLE_LINE });
}
await pool.close();
process.stdout.write('done\n');

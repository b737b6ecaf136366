/**
 * `npm run bench`: pages per second and peak memory of juesuan on the sample, each measured in a fresh
 * process (repeated rounds, the first one includes warm-up), beside poppler's pdftotext on the same file
 * when it is installed; then a 50-file batch (bench/batch.ts). Timings are printed, never asserted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = process.argv[2] ?? 'raw/urumqi-gxj-2021.pdf';
const rounds = Number(process.argv[3] ?? 3);
const here = fileURLToPath(new URL('.', import.meta.url));

const out = execFileSync(process.execPath, ['--import', 'tsx', `${here}extract-one.ts`, file, String(rounds)], { encoding: 'utf8' });
const r = JSON.parse(out.trim().split('\n').pop()!) as { pages: number; times: number[]; peakRssMb: number; stages: Record<string, number> };
const warm = r.times.slice(1);
const best = Math.min(...(warm.length ? warm : r.times));
const ppsOurs = r.pages / best;
console.log(`juesuan   ${file}: ${r.pages} pages; rounds ${r.times.map((t) => t.toFixed(2)).join(' / ')} s; best ${best.toFixed(2)} s = ${ppsOurs.toFixed(1)} pages/s; peak RSS ${r.peakRssMb.toFixed(0)} MB`);
const perPage = (ms: number) => `${(ms / r.pages).toFixed(1)} ms/page`;
console.log(`stages    text layer ${perPage(r.stages.readTextMs)}, ruling lines ${perPage(r.stages.readRulingsMs)}, tables (grid + join + 自评表/表五) ${perPage(r.stages.tableStageMs)}, everything after reading ${perPage(r.stages.afterReadMs)}`);

const hasTime = existsSync('/usr/bin/time');
const which = spawnSync('sh', ['-c', 'command -v pdftotext'], { encoding: 'utf8' });
if (which.status !== 0) {
  console.log('pdftotext not installed (apt-get install poppler-utils): no comparison');
} else {
  const runs: { s: number; mb: number | null }[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const p = hasTime
      ? spawnSync('/usr/bin/time', ['-f', '%M', 'pdftotext', '-layout', file, '/dev/null'], { encoding: 'utf8' })
      : spawnSync('pdftotext', ['-layout', file, '/dev/null'], { encoding: 'utf8' });
    const s = (performance.now() - t0) / 1000;
    const kb = hasTime ? Number(p.stderr.trim().split('\n').pop()) : NaN;
    runs.push({ s, mb: Number.isFinite(kb) ? kb / 1024 : null });
  }
  const bestP = Math.min(...runs.map((x) => x.s));
  const mb = runs[0].mb;
  const ppsP = r.pages / bestP;
  console.log(`pdftotext ${file}: best ${bestP.toFixed(2)} s = ${ppsP.toFixed(1)} pages/s; peak RSS ${mb === null ? 'n/a' : mb.toFixed(0) + ' MB'}`);
  console.log(`ratio     juesuan is ${(ppsP / ppsOurs).toFixed(1)}x slower than pdftotext -layout (which only dumps text: no tables, rules or checks)${mb ? `, uses ${(r.peakRssMb / mb).toFixed(1)}x its memory` : ''}`);
}

// OCR: seconds per page and peak memory with 1 worker and a pool of 2 on three pages of the scanned
// sample, and the ratio to native tesseract on the same page images when it is installed.
const scan = 'test/fixtures/urumqi-gxj-2021-scan300.pdf';
if (existsSync(scan)) {
  console.log('\nOCR (bench/ocr.ts, pages 3-5 of the 300 dpi scan):');
  const ocrOut = execFileSync(process.execPath, ['--import', 'tsx', `${here}ocr.ts`, scan, '--reference', 'test/fixtures/urumqi-gxj-2021.pdf', '--pages', '3-5', '--pools', '1,2', '--native', '3'], { encoding: 'utf8' });
  for (const line of ocrOut.split('\n')) if (/^(pool|whole-page|native|tesseract)/.test(line)) console.log(`  ${line}`);
}

// Batches: 50 text PDFs with 1 and 2 document processes against bare pdfjs, and queue mode (bench/batch.ts).
console.log('\nbatch (bench/batch.ts, 50 text PDFs; the machine may be shared: compare the ratios):');
for (const line of execFileSync(process.execPath, ['--import', 'tsx', `${here}batch.ts`], { encoding: 'utf8' }).trim().split('\n')) console.log(`  ${line}`);

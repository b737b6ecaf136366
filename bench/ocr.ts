/**
 * OCR benchmark: seconds per page and peak memory over a PDF's pages with pools of 1 and 2 workers,
 * character accuracy against a reference PDF's text layer (same page numbers), and — when the native
 * `tesseract` CLI with chi_sim is installed (apt-get install -y tesseract-ocr tesseract-ocr-chi-sim) —
 * the speed ratio of tesseract.js to it on the same page images.
 *
 *   npx tsx bench/ocr.ts scan.pdf [--reference text.pdf] [--pages 1-36] [--pools 1,2] [--native 3]
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pageLines } from '../src/lines/lines.js';
import { createOcrPool, ocrPage } from '../src/ocr/index.js';
import { loadRules } from '../src/rules/load.js';
import { readPageText, withPdf } from '../src/read/pdf.js';
import { renderPageGray, scannedPageDpi, toPgm } from '../src/read/render.js';
import type { TextItem } from '../src/read/types.js';
import { charAccuracy } from '../test/ocr/accuracy.js';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (!file) {
  console.error('usage: npx tsx bench/ocr.ts scan.pdf [--reference text.pdf] [--pages 1-36] [--pools 1,2] [--native N]');
  process.exit(2);
}
const pools = (opt('pools') ?? '1,2').split(',').map(Number);
const nativePages = Number(opt('native') ?? 3);

const textOf = (items: TextItem[]) => pageLines(items).map((l) => l.text).join('\n');
const onPdf = async <T>(f: string, use: (doc: PDFDocumentProxy) => Promise<T>) => withPdf(f, new Uint8Array(await readFile(f)), use);

function pageRange(n: number): number[] {
  const spec = opt('pages');
  if (!spec) return Array.from({ length: n }, (_, i) => i + 1);
  const [a, b] = spec.split('-').map(Number);
  return Array.from({ length: (b ?? a) - a + 1 }, (_, i) => a + i).filter((p) => p <= n);
}

/** Peak RSS (the tesseract worker threads live in this process, so it includes them). */
function memorySampler(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const t = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  return { stop: () => (clearInterval(t), Math.max(peak, process.memoryUsage().rss)) };
}

const reference = opt('reference');
const refTexts = new Map<number, string>();
if (reference) {
  await onPdf(reference, async (doc) => {
    for (let p = 1; p <= doc.numPages; p++) refTexts.set(p, textOf((await readPageText(await doc.getPage(p))).items));
  });
}

for (const size of pools) {
  const mem = memorySampler();
  const t0 = performance.now();
  const pool = await createOcrPool(size);
  const startup = (performance.now() - t0) / 1000;
  const accs: number[] = [];
  const confs: number[] = [];
  let pages = 0;
  const t1 = performance.now();
  await onPdf(file, async (doc) => {
    // Pages stream: one in flight per worker, each page's image dropped when its OCR is done.
    const todo = pageRange(doc.numPages);
    const next = async (): Promise<void> => {
      for (let p = todo.shift(); p !== undefined; p = todo.shift()) {
        const page = await doc.getPage(p);
        const r = await ocrPage(page, { pool, rules: (await loadRules('rules')).ocr });
        page.cleanup();
        pages++;
        confs.push(r.meanConfidence);
        const ref = refTexts.get(p);
        const acc = ref !== undefined ? charAccuracy(textOf(r.items), ref) : NaN;
        if (ref !== undefined) accs.push(acc);
        console.error(`  pool ${size} page ${p}: ${r.seconds.toFixed(1)} s, dpi ${r.dpi}, cells ${r.cells}, confidence ${r.meanConfidence.toFixed(1)}${ref !== undefined ? `, accuracy ${acc.toFixed(4)}` : ''}`);
      }
    };
    await Promise.all(Array.from({ length: size }, () => next()));
  });
  const seconds = (performance.now() - t1) / 1000;
  await pool.close();
  const peak = mem.stop();
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);
  console.log(
    `pool ${size}: ${pages} pages in ${seconds.toFixed(1)} s = ${(seconds / pages).toFixed(2)} s/page (startup ${startup.toFixed(1)} s), ` +
      `peak RSS ${(peak / 1e6).toFixed(0)} MB, mean confidence ${mean(confs).toFixed(1)}` +
      (accs.length ? `, char accuracy mean ${mean(accs).toFixed(4)} min ${Math.min(...accs).toFixed(4)}` : ''),
  );
}

// tesseract.js against the native CLI on the same page images (whole-page OCR, no cell pass).
let hasNative = false;
try {
  hasNative = execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).includes('chi_sim');
} catch {
  hasNative = false;
}
if (nativePages > 0 && hasNative) {
  const dir = await mkdtemp(path.join(tmpdir(), 'juesuan-ocr-'));
  const pool = await createOcrPool(1);
  let js = 0;
  let native = 0;
  const accJs: number[] = [];
  const accNative: number[] = [];
  try {
    await onPdf(file, async (doc) => {
      for (const p of pageRange(doc.numPages).slice(0, nativePages)) {
        const page = await doc.getPage(p);
        const dpi = Math.round((await scannedPageDpi(page))?.dpi ?? 300);
        const { image } = await renderPageGray(page, dpi);
        const img = path.join(dir, `p${p}.pgm`);
        await writeFile(img, toPgm(image));
        let t = performance.now();
        const r = await pool.recognize(image, { dpi });
        const sJs = (performance.now() - t) / 1000;
        t = performance.now();
        const { stdout } = await promisify(execFile)('tesseract', [img, 'stdout', '-l', 'chi_sim', '--oem', '1', '--psm', '3', '--dpi', String(dpi), '-c', 'preserve_interword_spaces=1'], {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          maxBuffer: 1 << 24,
        });
        const sNative = (performance.now() - t) / 1000;
        js += sJs;
        native += sNative;
        const ref = refTexts.get(p);
        if (ref !== undefined) {
          accJs.push(charAccuracy(r.text, ref));
          accNative.push(charAccuracy(stdout, ref));
        }
        console.error(`  page ${p} @${dpi} dpi: tesseract.js ${sJs.toFixed(1)} s, native ${sNative.toFixed(1)} s`);
        page.cleanup();
      }
    });
  } finally {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  }
  const version = execFileSync('tesseract', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  console.log(
    `whole-page OCR, 1 thread, ${nativePages} pages: tesseract.js ${(js / nativePages).toFixed(2)} s/page, native ${version} ${(native / nativePages).toFixed(2)} s/page, ratio ${(js / native).toFixed(2)}` +
      (accJs.length ? `; char accuracy tesseract.js ${mean(accJs).toFixed(4)}, native ${mean(accNative).toFixed(4)}` : ''),
  );
} else if (nativePages > 0) {
  console.log('native tesseract with chi_sim not installed: no comparison (apt-get install -y tesseract-ocr tesseract-ocr-chi-sim)');
}

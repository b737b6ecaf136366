/**
 * Ruling detection against the truth, without OCR (seconds, not minutes): pages of a vector PDF are
 * scanned in each border style × noise profile × DPI (scripts/fixtures/scan-sim.ts, no shift so the
 * deskewed image lines up with the source), the OCR stage's contrast stretch, deskew and line detection
 * run on them, and the found lines are compared with the PDF's own vector rulings: recall (share of the
 * true ruling length found within 0.02 in) and precision (share of the found length on a true ruling).
 *
 *   npx tsx bench/rulings.ts [source.pdf] [--pages 20,21,33] [--styles black,hairline,grey] [--noise office,faded] [--dpi 150,200,300]
 *   npx tsx bench/rulings.ts source.pdf --scan scan-of-it.pdf --dpi 200     # an existing scan, every page
 *   npx tsx bench/rulings.ts source.pdf --scan scan.pdf --src-pages 5-14,17  # a scan of some of its pages
 */
import { readFile } from 'node:fs/promises';
import { BORDER_STYLES, NOISE_PROFILES, prng, scanPage, segmentsToPx, type BorderStyleName, type NoiseProfileName } from '../scripts/fixtures/scan-sim.js';
import { deskew } from '../src/ocr/deskew.js';
import { stretchContrast } from '../src/ocr/despeckle.js';
import { rulingOptions } from '../src/ocr/page.js';
import { detectRulings, type PxLine } from '../src/ocr/rulings.js';
import { gridCells } from '../src/ocr/grid.js';
import { loadRules } from '../src/rules/load.js';
import { withPdf } from '../src/read/pdf.js';
import { applyMatrix, renderPageGray } from '../src/read/render.js';
import { readSegments, type Matrix } from '../src/read/rulings.js';
import type { Segment } from '../src/read/types.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const pages = opt('pages', '20,21,33').split(',').map(Number);
const styles = opt('styles', 'black,hairline,grey').split(',') as BorderStyleName[];
const noises = opt('noise', 'office,faded').split(',') as NoiseProfileName[];
const dpis = opt('dpi', '150,200,300').split(',').map(Number);
const file = args[0] ?? 'test/fixtures/urumqi-gxj-2021.pdf';
const rules = (await loadRules('rules')).ocr;

function invert(m: Matrix): Matrix {
  const det = m[0] * m[3] - m[1] * m[2];
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det];
}

/** Length of `a` (an interval set on one axis) covered by intervals `bs`. */
function covered(a: [number, number], bs: [number, number][]): number {
  const parts = bs.map(([p, q]) => [Math.max(a[0], p), Math.min(a[1], q)]).filter(([p, q]) => q > p).sort((u, v) => u[0] - v[0]);
  let sum = 0;
  let end = -Infinity;
  for (const [p, q] of parts) {
    if (q <= end) continue;
    sum += q - Math.max(p, end);
    end = q;
  }
  return sum;
}

function compare(truth: Segment[], found: PxLine[], tol: number): { recall: number; precision: number } {
  const horiz = (s: { x1: number; y1: number; x2: number; y2: number }) => s.x2 - s.x1 >= s.y2 - s.y1;
  let tl = 0, tc = 0, fl = 0, fc = 0;
  for (const t of truth) {
    const h = horiz(t);
    const c = h ? (t.y1 + t.y2) / 2 : (t.x1 + t.x2) / 2;
    const iv: [number, number] = h ? [t.x1, t.x2] : [t.y1, t.y2];
    const near = found.filter((f) => horiz(f) === h && Math.abs((h ? f.y1 : f.x1) - c) <= tol).map((f) => (h ? [f.x1 - tol, f.x2 + tol] : [f.y1 - tol, f.y2 + tol]) as [number, number]);
    tl += iv[1] - iv[0];
    tc += covered(iv, near);
  }
  for (const f of found) {
    const h = horiz(f);
    const c = h ? f.y1 : f.x1;
    const iv: [number, number] = h ? [f.x1, f.x2] : [f.y1, f.y2];
    const near = truth.filter((t) => horiz(t) === h && Math.abs((h ? (t.y1 + t.y2) / 2 : (t.x1 + t.x2) / 2) - c) <= tol).map((t) => (h ? [t.x1 - tol, t.x2 + tol] : [t.y1 - tol, t.y2 + tol]) as [number, number]);
    fl += iv[1] - iv[0];
    fc += covered(iv, near);
  }
  return { recall: tl ? tc / tl : 1, precision: fl ? fc / fl : 1 };
}

const scanFile = (() => {
  const i = args.indexOf('--scan');
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
})();

/** Best match of found lines to the truth over shifts of ±12 px (a scan is shifted on the glass). */
function compareShifted(truth: Segment[], found: PxLine[], tol: number): { recall: number; precision: number; dx: number; dy: number } {
  let best = { recall: 0, precision: 0, dx: 0, dy: 0 };
  for (let dy = -12; dy <= 12; dy += 2) {
    for (let dx = -12; dx <= 12; dx += 2) {
      const moved = found.map((f) => ({ ...f, x1: f.x1 - dx, x2: f.x2 - dx, y1: f.y1 - dy, y2: f.y2 - dy }));
      const c = compare(truth, moved, tol);
      if (c.recall + c.precision > best.recall + best.precision) best = { ...c, dx, dy };
    }
  }
  return best;
}

/** Vector segments (pixels) as ruling lines, for the cell grid. */
function toRulings(segments: Segment[]): { horizontal: PxLine[]; vertical: PxLine[] } {
  const horizontal: PxLine[] = [];
  const vertical: PxLine[] = [];
  for (const s of segments) {
    if (s.x2 - s.x1 >= s.y2 - s.y1) horizontal.push({ x1: s.x1, x2: s.x2, y1: (s.y1 + s.y2) / 2, y2: (s.y1 + s.y2) / 2, thickness: 1 });
    else vertical.push({ x1: (s.x1 + s.x2) / 2, x2: (s.x1 + s.x2) / 2, y1: s.y1, y2: s.y2, thickness: 1 });
  }
  return { horizontal, vertical };
}

// the source's pages a scan of a page subset holds (as scripts/make-noisy-scan.ts --pages)
const srcPages = opt('src-pages', '')
  .split(',')
  .filter(Boolean)
  .flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return Array.from({ length: (b ?? a) - a + 1 }, (_, i) => a + i);
  });

if (scanFile) {
  // an existing scan of `file` (same pages): its lines against the source's vector rulings
  await withPdf(file, new Uint8Array(await readFile(file)), async (src) => {
    await withPdf(scanFile, new Uint8Array(await readFile(scanFile)), async (scan) => {
      const dpi = dpis[0];
      let r = 0, p = 0, n = 0, cellsTrue = 0, cellsSame = 0;
      const rows: string[] = [];
      for (let pn = 1; pn <= scan.numPages; pn++) {
        const page = await src.getPage(srcPages[pn - 1] ?? pn);
        const { pxToPdf } = await renderPageGray(page, dpi);
        const toPx = invert(pxToPdf);
        const vectors = segmentsToPx(await readSegments(page), (x, y) => applyMatrix(toPx, x, y));
        const truth = vectors.filter((s) => Math.max(s.x2 - s.x1, s.y2 - s.y1) >= 0.3 * dpi);
        const { image } = await renderPageGray(await scan.getPage(pn), dpi);
        const straight = deskew(stretchContrast(image), { maxDeg: rules.deskew!.max_deg, minDeg: rules.deskew!.min_deg, threshold: rules.ink_threshold });
        const found = detectRulings(straight.image, dpi, rulingOptions(rules));
        const all = [...found.horizontal, ...found.vertical];
        if (!truth.length && !all.length) continue;
        const c = compareShifted(truth, all, Math.max(3, 0.02 * dpi));
        r += c.recall;
        p += c.precision;
        n++;
        // the OCR cell grid: a short border missed or cut back merges two cells, which the length
        // measures above hardly see
        const tol = rules.rulings.align_tolerance_in * dpi;
        const trueCells = gridCells(toRulings(vectors), tol);
        const foundCells = gridCells(found, tol);
        const near = Math.max(4, 0.04 * dpi);
        const same = trueCells.filter((t) => foundCells.some((f) => [f.x0 - t.x0 - c.dx, f.x1 - t.x1 - c.dx, f.y0 - t.y0 - c.dy, f.y1 - t.y1 - c.dy].every((d) => Math.abs(d) <= near))).length;
        cellsTrue += trueCells.length;
        cellsSame += same;
        rows.push(`p${pn} ${(100 * c.recall).toFixed(0)}/${(100 * c.precision).toFixed(0)}${same < trueCells.length ? ` cells ${same}/${trueCells.length}` : ''}`);
      }
      console.log(`${scanFile} (${dpi} dpi): recall ${((100 * r) / n).toFixed(1)}%  precision ${((100 * p) / n).toFixed(1)}% over ${n} pages with lines, OCR grid cells ${cellsSame}/${cellsTrue} (${rows.join(', ')})`);
    });
  });
  process.exit(0);
}

await withPdf(file, new Uint8Array(await readFile(file)), async (doc) => {
  for (const dpi of dpis) {
    for (const noise of noises) {
      for (const style of styles) {
        const rand = prng(7);
        let r = 0, p = 0, ms = 0;
        const worst: string[] = [];
        for (const pn of pages) {
          const page = await doc.getPage(pn);
          const { image, pxToPdf } = await renderPageGray(page, dpi);
          const toPx = invert(pxToPdf);
          const vectors = segmentsToPx(await readSegments(page), (x, y) => applyMatrix(toPx, x, y));
        const truth = vectors.filter((s) => Math.max(s.x2 - s.x1, s.y2 - s.y1) >= 0.3 * dpi);
          const profile = { ...NOISE_PROFILES[noise], shiftPx: 0 };
          const scanned = scanPage(image, rand, profile, { lines: truth, style: BORDER_STYLES[style], dpi, eraseHalfPx: (0.75 * dpi) / 72 + 1.5 });
          const t0 = performance.now();
          const straight = deskew(stretchContrast(scanned.image), { maxDeg: rules.deskew!.max_deg, minDeg: rules.deskew!.min_deg, threshold: rules.ink_threshold });
          const found = detectRulings(straight.image, dpi, rulingOptions(rules));
          ms += performance.now() - t0;
          const c = compare(truth, [...found.horizontal, ...found.vertical], Math.max(3, 0.02 * dpi));
          r += c.recall;
          p += c.precision;
          worst.push(`p${pn} ${(100 * c.recall).toFixed(0)}/${(100 * c.precision).toFixed(0)}`);
          page.cleanup();
        }
        console.log(`${dpi} dpi ${noise.padEnd(6)} ${style.padEnd(10)} recall ${((100 * r) / pages.length).toFixed(1)}%  precision ${((100 * p) / pages.length).toFixed(1)}%  (${worst.join(', ')}; ${(ms / pages.length).toFixed(0)} ms/page)`);
      }
    }
  }
});

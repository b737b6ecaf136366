/**
 * Ruling lines judged against the page: synthetic ruled tables drawn in each producer's border style
 * (scripts/fixtures/scan-sim.ts: black 0.75 pt, hairline 0.05 pt, 50% grey 0.1 pt), with glyph-like
 * text in the cells, put through the simulated scanner (office noise, a slight rotation) at 150, 200 and
 * 300 dpi, straightened like the OCR stage does, and every border must be found as one line — no text
 * stroke as a line.
 */
import { describe, expect, it } from 'vitest';
import { BORDER_STYLES, NOISE_PROFILES, prng, restyleRulings, scanPage, type BorderStyleName } from '../../scripts/fixtures/scan-sim.js';
import { deskew } from '../../src/ocr/deskew.js';
import { stretchContrast } from '../../src/ocr/despeckle.js';
import { gridCells } from '../../src/ocr/grid.js';
import { detectRulings, type PxLine } from '../../src/ocr/rulings.js';
import type { GrayImage } from '../../src/read/render.js';
import type { Segment } from '../../src/read/types.js';

/** A page (inches → px at dpi) with a ruled table of `cols` × `rows` cells (0.45 in × 0.28 in), glyph-like strokes in the cells. */
function tablePage(dpi: number, style: BorderStyleName, rand: () => number): { image: GrayImage; lines: Segment[] } {
  const W = Math.round(4.6 * dpi);
  const H = Math.round(3.4 * dpi);
  const img: GrayImage = { width: W, height: H, data: new Uint8Array(W * H).fill(255) };
  const x0 = 0.3 * dpi;
  const y0 = 0.4 * dpi;
  const cw = [1.2, 0.6, 0.6, 0.6, 0.6].map((w) => w * dpi);
  const rh = 0.28 * dpi;
  const rows = 9;
  const xs = cw.reduce((a, w) => [...a, a[a.length - 1] + w], [x0]);
  const ys = Array.from({ length: rows + 1 }, (_, r) => y0 + r * rh);
  const lines: Segment[] = [
    ...ys.map((y) => ({ x1: xs[0], y1: y, x2: xs[xs.length - 1], y2: y })),
    ...xs.map((x) => ({ x1: x, y1: ys[0], x2: x, y2: ys[ys.length - 1] })),
  ];
  // glyphs of about 10.5 pt: strokes 1.5 px at 200 dpi, tops lined up, 1–4 per cell
  const g = 0.145 * dpi;
  const t = Math.max(1, Math.round(dpi / 130));
  const ink = (x: number, y: number) => {
    if (x >= 0 && y >= 0 && x < W && y < H) img.data[Math.round(y) * W + Math.round(x)] = 20;
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cw.length; c++) {
      // as many glyphs as fit the cell with its padding (0.05 in each side)
      const fit = Math.floor((cw[c] - 0.1 * dpi + 0.02 * dpi) / (g + 0.02 * dpi));
      const n = 1 + Math.floor(rand() * fit);
      const top = ys[r] + (rh - g) / 2;
      for (let k = 0; k < n; k++) {
        const gx = xs[c] + 0.05 * dpi + k * (g + 0.02 * dpi);
        for (let s = 0; s < 4; s++) {
          const horizontal = rand() < 0.6;
          const a = rand() * g * 0.4;
          const len = Math.min(g - a, g * (0.5 + rand() * 0.5));
          for (let d = 0; d < len; d++) for (let w = 0; w < t; w++) (horizontal ? ink(gx + a + d, top + (s * g) / 3 + w) : ink(gx + (s * g) / 3 + w, top + a + d));
        }
      }
    }
  }
  return { image: restyleRulings(img, lines, BORDER_STYLES[style], dpi, 0), lines };
}

/** Share of the true lines' length found within tol, and how many found lines lie on no true line. */
function compare(truth: Segment[], found: PxLine[], tol: number): { recall: number; extra: number } {
  let total = 0;
  let hit = 0;
  for (const s of truth) {
    const h = s.y1 === s.y2;
    const len = h ? s.x2 - s.x1 : s.y2 - s.y1;
    const cover = found.filter((f) => (f.y1 === f.y2) === h && Math.abs(h ? f.y1 - s.y1 : f.x1 - s.x1) <= tol);
    total += len;
    // longest single found line on it: a border must be one line, not pieces
    hit += Math.max(0, ...cover.map((f) => Math.min(h ? f.x2 : f.y2, h ? s.x2 : s.y2) - Math.max(h ? f.x1 : f.y1, h ? s.x1 : s.y1)));
  }
  const extra = found.filter((f) => !truth.some((s) => (s.y1 === s.y2) === (f.y1 === f.y2) && Math.abs(f.y1 === f.y2 ? f.y1 - s.y1 : f.x1 - s.x1) <= tol)).length;
  return { recall: hit / total, extra };
}

describe('ruling lines of scanned tables in other producers\' border styles', () => {
  for (const dpi of [150, 200, 300]) {
    for (const style of ['black', 'hairline', 'grey'] as const) {
      it(`${style} borders at ${dpi} dpi under office noise: every border one line, no text stroke`, () => {
        const rand = prng(dpi * 7 + style.length);
        const page = tablePage(dpi, style, rand);
        // no shift, so the straightened image lines up with the drawn table again
        const scanned = scanPage(page.image, rand, { ...NOISE_PROFILES.office, shiftPx: 0 });
        const straight = deskew(stretchContrast(scanned.image), { maxDeg: 3, minDeg: 0.08, threshold: 160 });
        const r = detectRulings(straight.image, dpi);
        const c = compare(page.lines, [...r.horizontal, ...r.vertical], Math.max(3, 0.02 * dpi));
        expect(c.recall).toBeGreaterThan(0.95);
        expect(c.extra).toBe(0);
        expect(r.horizontal).toHaveLength(10);
        expect(r.vertical).toHaveLength(6);
        expect(gridCells(r, 0.03 * dpi)).toHaveLength(9 * 5);
      });
    }
  }

  it('follows a 1 px hairline that steps from row to row (a skew left uncorrected)', () => {
    const W = 1200;
    const img: GrayImage = { width: W, height: 200, data: new Uint8Array(W * 200).fill(235) };
    // grey 185 on paper 235, 1 px, descending 4 px over its length; noise σ 4
    const rand = prng(3);
    for (let i = 0; i < img.data.length; i++) img.data[i] = Math.max(0, Math.min(255, Math.round(235 + 4 * (rand() + rand() + rand() - 1.5) * 2)));
    for (let x = 100; x < 1100; x++) {
      const y = 100 + Math.floor(((x - 100) * 4) / 1000);
      img.data[y * W + x] = Math.min(img.data[y * W + x], 185);
    }
    const r = detectRulings(img, 200);
    expect(r.horizontal).toHaveLength(1);
    expect(r.horizontal[0].x1).toBeLessThan(110);
    expect(r.horizontal[0].x2).toBeGreaterThan(1090);
    expect(r.vertical).toHaveLength(0);
  });

  it('a border that meets the table\'s top edge starts there, though ink stands above it in line', () => {
    // a 2-column table, 0.75 pt black; a dot of ink 22 px above the top border, in line with the inner
    // vertical (the average along the vertical bridges the border into it, and the paper between is cut
    // off: the line must still end at the border, or the first row's two cells merge)
    const lines: Segment[] = [
      { x1: 50, y1: 60, x2: 650, y2: 60 },
      { x1: 50, y1: 100, x2: 650, y2: 100 },
      { x1: 50, y1: 300, x2: 650, y2: 300 },
      { x1: 50, y1: 60, x2: 50, y2: 300 },
      { x1: 200, y1: 60, x2: 200, y2: 300 },
      { x1: 650, y1: 60, x2: 650, y2: 300 },
    ];
    const img = restyleRulings({ width: 700, height: 340, data: new Uint8Array(700 * 340).fill(255) }, lines, BORDER_STYLES.black, 200, 0);
    for (let y = 34; y < 38; y++) for (let x = 199; x <= 201; x++) img.data[y * 700 + x] = 30;
    const r = detectRulings(img, 200);
    const inner = r.vertical.find((v) => Math.abs(v.x1 - 200) <= 3);
    expect(inner?.y1).toBeLessThanOrEqual(63);
    expect(gridCells(r, 6)).toHaveLength(4);
  });

  it('keeps a border missing in one row missing, though that row\'s text stands in its path', () => {
    // rows 46 px high (narrower than the gap a broken border is bridged over); the second row is one cell
    // across both columns, its text ("合计") centred on where the inner border would run
    const ys = [50, 96, 142, 188, 234];
    const lines: Segment[] = [
      ...ys.map((y) => ({ x1: 50, y1: y, x2: 650, y2: y })),
      { x1: 50, y1: 50, x2: 50, y2: 234 },
      { x1: 650, y1: 50, x2: 650, y2: 234 },
      { x1: 300, y1: 50, x2: 300, y2: 96 },
      { x1: 300, y1: 142, x2: 300, y2: 234 },
    ];
    const img = restyleRulings({ width: 700, height: 280, data: new Uint8Array(700 * 280).fill(255) }, lines, BORDER_STYLES.black, 200, 0);
    // a glyph of 0.145 in centred there (三 with short stems at its sides): its strokes cross x = 300
    for (let d = 0; d < 28; d++) {
      for (const [x, y] of [[286 + d, 106], [286 + d, 118], [286 + d, 131], [286, 106 + d], [313, 106 + d]]) {
        img.data[y * 700 + x] = 30;
        img.data[(y + 1) * 700 + x] = 30;
      }
    }
    const cells = gridCells(detectRulings(img, 200), 6);
    expect(cells.filter((c) => Math.abs(c.y0 - 96) <= 6)).toHaveLength(1);
    expect(cells).toHaveLength(7);
  });

  it('keeps a border missing under a spanning cell missing', () => {
    // two columns; the middle horizontal border only in the right column (a row-spanning cell on the left)
    const lines: Segment[] = [
      { x1: 50, y1: 50, x2: 650, y2: 50 },
      { x1: 350, y1: 150, x2: 650, y2: 150 },
      { x1: 50, y1: 250, x2: 650, y2: 250 },
      { x1: 50, y1: 50, x2: 50, y2: 250 },
      { x1: 350, y1: 50, x2: 350, y2: 250 },
      { x1: 650, y1: 50, x2: 650, y2: 250 },
    ];
    const img = restyleRulings({ width: 700, height: 300, data: new Uint8Array(700 * 300).fill(255) }, lines, BORDER_STYLES.hairline, 200, 0);
    const cells = gridCells(detectRulings(img, 200), 6);
    expect(cells).toHaveLength(3);
    expect(cells.find((c) => c.x0 < 100)).toMatchObject({ rowSpan: 2 });
  });
});

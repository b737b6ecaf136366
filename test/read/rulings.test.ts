import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Segment } from '../../src/read/types.js';
import { extractSegments, mergeSegments, readSegments } from '../../src/read/rulings.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

// pdfjs 5 DrawOPS inside constructPath: moveTo 0, lineTo 1, curveTo 2, closePath 4.
const rect = (x: number, y: number, w: number, h: number): number[] => [0, x, y, 1, x + w, y, 1, x + w, y + h, 1, x, y + h, 4];
const path = (paintOp: number, data: number[]): [number, unknown[]] => [OPS.constructPath, [paintOp, [new Float32Array(data)], [0, 0, 0, 0]]];
function opList(ops: [number, unknown][]): { fnArray: number[]; argsArray: unknown[] } {
  return { fnArray: ops.map((o) => o[0]), argsArray: ops.map((o) => o[1]) };
}
const round = (s: Segment): number[] => [s.x1, s.y1, s.x2, s.y2].map((v) => Math.round(v * 100) / 100);

describe('extractSegments', () => {
  it('turns thin filled rectangles into single lines and honours the CTM with save/restore', () => {
    const segs = extractSegments(
      opList([
        [OPS.save, null],
        // Chromium's page matrix: flip y, scale 0.75.
        [OPS.transform, [0.75, 0, 0, -0.75, 0, 800]],
        path(OPS.fill, rect(100, 100, 200, 1)), // horizontal rule 200 units long, 1 unit thick
        path(OPS.fill, rect(100, 100, 1, 40)), // vertical rule
        [OPS.restore, null],
        path(OPS.fill, rect(10, 10, 0.5, 30)), // after restore: identity again
      ]),
    );
    expect(segs.map(round)).toEqual([
      [75, 724.63, 225, 724.63],
      [10.25, 10, 10.25, 40],
      [75.38, 695, 75.38, 725],
    ]);
  });

  it('keeps stroked straight lines, drops diagonals, curves and clipping paths', () => {
    const segs = extractSegments(
      opList([
        path(OPS.stroke, [0, 0, 0, 1, 100, 0, 1, 100, 50, 1, 0, 0]), // along the bottom, up the right, back diagonally
        path(OPS.stroke, [0, 200, 200, 2, 210, 210, 220, 220, 230, 200]), // a curve
        path(OPS.endPath, rect(0, 0, 500, 500)), // a clip rectangle draws nothing
        path(OPS.closeStroke, rect(300, 300, 50, 20)), // a stroked box: four edges
      ]),
    );
    expect(segs.map(round)).toEqual([
      [0, 0, 100, 0],
      [300, 300, 350, 300],
      [300, 320, 350, 320],
      [100, 0, 100, 50],
      [300, 300, 300, 320],
      [350, 300, 350, 320],
    ]);
  });

  it('drops white fills, keeps the edges of a visible shaded box, and applies form XObject matrices', () => {
    const segs = extractSegments(
      opList([
        [OPS.setFillRGBColor, ['#ffffff']],
        path(OPS.fill, rect(0, 0, 595, 842)), // page background
        path(OPS.fill, rect(50, 50, 100, 0.5)), // a white hairline is invisible too
        [OPS.setFillRGBColor, ['#d9d9d9']],
        [OPS.paintFormXObjectBegin, [new Float32Array([1, 0, 0, 1, 100, 0]), null]],
        path(OPS.fill, rect(0, 0, 40, 20)), // shaded cell at x 100..140
        [OPS.paintFormXObjectEnd, null],
        path(OPS.fill, rect(0, 0, 595, 842)), // a page-sized non-white fill is a background, not a box
      ]),
    );
    expect(segs.map(round)).toEqual([
      [100, 0, 140, 0],
      [100, 20, 140, 20],
      [100, 0, 100, 20],
      [140, 0, 140, 20],
    ]);
  });
});

describe('mergeSegments', () => {
  it('merges collinear touching or overlapping pieces, keeps separate lines apart', () => {
    const merged = mergeSegments([
      { x1: 0, y1: 100, x2: 50, y2: 100 },
      { x1: 50.5, y1: 100.2, x2: 120, y2: 100.2 }, // touching, slightly offset
      { x1: 100, y1: 99.9, x2: 110, y2: 99.9 }, // inside
      { x1: 200, y1: 100, x2: 300, y2: 100 }, // same y, far away
      { x1: 0, y1: 110, x2: 50, y2: 110 }, // another row
      { x1: 10, y1: 0, x2: 10, y2: 40 },
      { x1: 10, y1: 40, x2: 10, y2: 80 },
      { x1: 400, y1: 400, x2: 400.5, y2: 400 }, // a speck
    ]);
    expect(merged.map(round)).toEqual([
      [0, 100.03, 120, 100.03],
      [200, 100, 300, 100],
      [0, 110, 50, 110],
      [10, 0, 10, 80],
    ]);
  });
});

describe('readSegments on the sample PDF (Chromium output, 自评表 on page 11)', () => {
  it('finds the table grid: 10 column lines from 40 to 555 pt and the row lines', async () => {
    const doc = await getDocument({
      url: `${root}test/fixtures/urumqi-gxj-2021.pdf`,
      cMapUrl: `${root}node_modules/pdfjs-dist/cmaps/`,
      cMapPacked: true,
      standardFontDataUrl: `${root}node_modules/pdfjs-dist/standard_fonts/`,
    }).promise;
    const segs = await readSegments(await doc.getPage(11));
    const none = await readSegments(await doc.getPage(10)); // prose only
    await doc.destroy();
    expect(none).toEqual([]);
    const vs = segs.filter((s) => s.x1 === s.x2);
    const hs = segs.filter((s) => s.y1 === s.y2);
    expect(vs.length + hs.length).toBe(segs.length);
    const xs = [...new Set(vs.map((s) => Math.round(s.x1)))].sort((a, b) => a - b);
    expect(xs).toEqual([40, 81, 117, 159, 252, 308, 365, 396, 432, 555]);
    // Outer borders run the full table height (top line at 754.5 pt down to the page break at 56.7 pt).
    const left = vs.find((s) => Math.round(s.x1) === 40)!;
    expect(left.y1).toBeCloseTo(56.67, 1);
    expect(left.y2).toBeCloseTo(754.92, 1);
    // The top border spans the table width; 22 horizontal rule positions in all.
    const top = hs.reduce((a, b) => (b.y1 > a.y1 ? b : a));
    expect([top.x1, top.x2].map(Math.round)).toEqual([40, 556]);
    expect(new Set(hs.map((s) => Math.round(s.y1))).size).toBe(22);
  });
});

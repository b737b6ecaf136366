import { describe, expect, it } from 'vitest';
import { deskew, estimateSkew, rotateGray } from '../../src/ocr/deskew.js';
import { despeckle, stretchContrast } from '../../src/ocr/despeckle.js';
import type { GrayImage } from '../../src/read/render.js';

/** A page of "text": rows of short dark dashes (words) with white between, and one ruled line. */
function page(): GrayImage {
  const W = 800;
  const H = 1000;
  const data = new Uint8Array(W * H).fill(255);
  for (let row = 100; row < 900; row += 40) {
    for (let x = 60; x < 740; x += 30) {
      for (let y = row; y < row + 14; y++) data.fill(30, y * W + x, y * W + x + 20);
    }
  }
  for (let y = 950; y < 952; y++) data.fill(0, y * W + 50, y * W + 750);
  return { width: W, height: H, data };
}

describe('deskew', () => {
  it('finds no skew on a straight page and leaves it alone', () => {
    const img = page();
    expect(Math.abs(estimateSkew(img, 3, 160))).toBeLessThan(0.05);
    expect(deskew(img, { maxDeg: 3, minDeg: 0.08, threshold: 160 }).image).toBe(img);
  });

  it.each([0.6, -0.4, 0.8])('finds a skew of %s° and straightens it', (deg) => {
    const skewed = rotateGray(page(), -deg);
    expect(estimateSkew(skewed, 3, 160)).toBeCloseTo(deg, 1);
    const { image, angle } = deskew(skewed, { maxDeg: 3, minDeg: 0.08, threshold: 160 });
    expect(angle).toBeCloseTo(deg, 1);
    expect(Math.abs(estimateSkew(image, 3, 160))).toBeLessThan(0.05);
  });
});

describe('despeckle', () => {
  it('removes an isolated speck and keeps a decimal point beside its digits', () => {
    const W = 200;
    const H = 60;
    const data = new Uint8Array(W * H).fill(255);
    const box = (x0: number, y0: number, w: number, h: number) => {
      for (let y = y0; y < y0 + h; y++) data.fill(20, y * W + x0, y * W + x0 + w);
    };
    box(20, 20, 8, 20); // a digit
    box(31, 37, 3, 3); // its decimal point, 3 px away
    box(37, 20, 8, 20); // the next digit
    box(150, 10, 2, 2); // dust, far from everything
    box(80, 20, 8, 20); // a 7 and a 1 standing off their decimal point: 12 px either side
    box(100, 37, 3, 3);
    box(115, 20, 8, 20);
    const { image, removed } = despeckle({ width: W, height: H, data }, { threshold: 160, maxSize: 4, isolation: 8, flank: 16 });
    expect(removed).toBe(1);
    expect(image.data[10 * W + 150]).toBe(255);
    expect(image.data[38 * W + 32]).toBe(20);
    expect(image.data[38 * W + 101]).toBe(20);
  });

  it('stretches a grey page to white paper and black ink, and leaves a clean one as it is', () => {
    const data = new Uint8Array(10_000).fill(235);
    data.fill(60, 0, 300);
    const out = stretchContrast({ width: 100, height: 100, data });
    expect(out.data[5000]).toBe(255);
    expect(out.data[0]).toBe(0);
    const clean = { width: 100, height: 100, data: new Uint8Array(10_000).fill(255).fill(0, 0, 300) };
    expect(stretchContrast(clean)).toBe(clean);
  });
});

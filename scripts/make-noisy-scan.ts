/**
 * Writes test/fixtures/urumqi-gxj-2021-scan200-noisy.pdf (+ its truth file): every page of
 * urumqi-gxj-2021.pdf rendered at 200 dpi grey, then degraded like a cheap office scan — a small
 * rotation (0.3–0.8°, direction and size varying per page), a slight blur, contrast loss and a grey
 * paper background, gaussian-ish sensor noise, speckles (dust dots and toner drop-outs), JPEG at
 * moderate quality — and wrapped image-only with pdfkit at the page's own size.
 *
 * Deterministic: a seeded PRNG (mulberry32), fixed CreationDate (pdfkit derives the file ID from it).
 * Run: npx tsx scripts/make-noisy-scan.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { imagesToPdf } from './fixtures/image-pdf.js';
import { withPdf } from '../src/read/pdf.js';
import { renderPageGray, type GrayImage } from '../src/read/render.js';

export const NOISY_DPI = 200;
const SEED = 20210904;
const JPEG_QUALITY = 45;

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(here, '..', 'test', 'fixtures');
const SOURCE = 'urumqi-gxj-2021';
const TARGET = 'urumqi-gxj-2021-scan200-noisy';

/** mulberry32: a small, fast, seeded PRNG (0 ≤ x < 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Approximately standard normal: the sum of four uniforms, rescaled (cheap, bounded tails). */
function gauss(rand: () => number): number {
  return (rand() + rand() + rand() + rand() - 2) * Math.sqrt(3);
}

function toCanvas(img: GrayImage): Canvas {
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  const rgba = ctx.createImageData(img.width, img.height);
  for (let i = 0; i < img.data.length; i++) {
    const v = img.data[i];
    rgba.data[4 * i] = rgba.data[4 * i + 1] = rgba.data[4 * i + 2] = v;
    rgba.data[4 * i + 3] = 255;
  }
  ctx.putImageData(rgba, 0, 0);
  return canvas;
}

/** Rotates the page about its centre by `deg` (positive: clockwise on screen) onto white paper. */
function rotate(img: GrayImage, deg: number, dx: number, dy: number): GrayImage {
  const src = toCanvas(img);
  const out = createCanvas(img.width, img.height);
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, img.width, img.height);
  ctx.imageSmoothingEnabled = true;
  ctx.translate(img.width / 2 + dx, img.height / 2 + dy);
  ctx.rotate((deg * Math.PI) / 180);
  ctx.drawImage(src, -img.width / 2, -img.height / 2);
  const rgba = ctx.getImageData(0, 0, img.width, img.height).data;
  const data = new Uint8Array(img.width * img.height);
  for (let i = 0; i < data.length; i++) data[i] = rgba[4 * i];
  return { width: img.width, height: img.height, data };
}

/** Degrades a (rotated) page in place of a copy: blur, contrast loss, noise, speckles. */
function degrade(img: GrayImage, rand: () => number): GrayImage {
  const { width: W, height: H, data } = img;
  const out = new Uint8Array(W * H);
  // slight optical blur: centre weight 4, the 4 neighbours 1 each (normalised), more on some pages
  const centre = 3 + Math.floor(rand() * 4); // 3..6: lower = blurrier
  // contrast loss: ink is never black, paper never white
  const black = 35 + rand() * 30; // 35..65
  const paper = 228 + rand() * 16; // 228..244
  const sigma = 3 + rand() * 3; // noise, grey levels
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const n = (x > 0 ? data[i - 1] : 255) + (x < W - 1 ? data[i + 1] : 255) + (y > 0 ? data[i - W] : 255) + (y < H - 1 ? data[i + W] : 255);
      const v = (centre * data[i] + n) / (centre + 4);
      const c = black + ((paper - black) * v) / 255 + sigma * gauss(rand);
      out[i] = c < 0 ? 0 : c > 255 ? 255 : Math.round(c);
    }
  }
  // speckles: small dark dust dots, and a few pale drop-outs (toner that did not stick)
  const dots = Math.round((W * H) / 6000) + Math.floor(rand() * 200);
  for (let k = 0; k < dots; k++) {
    const cx = Math.floor(rand() * W);
    const cy = Math.floor(rand() * H);
    const r = rand() < 0.85 ? 1 : 2;
    const dark = rand() < 0.75;
    const level = dark ? 20 + rand() * 60 : 215 + rand() * 30;
    for (let yy = -r + 1; yy < r; yy++) {
      for (let xx = -r + 1; xx < r; xx++) {
        const px = cx + xx;
        const py = cy + yy;
        if (px < 0 || py < 0 || px >= W || py >= H) continue;
        const j = py * W + px;
        out[j] = dark ? Math.min(out[j], level) : Math.max(out[j], level);
      }
    }
  }
  return { width: W, height: H, data: out };
}

async function main(): Promise<void> {
  const src = path.join(FIXTURES, `${SOURCE}.pdf`);
  const rand = prng(SEED);
  const pages = await withPdf(src, new Uint8Array(readFileSync(src)), async (doc) => {
    const out: { jpeg: Buffer; w: number; h: number; deg: number }[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const { image, widthPt, heightPt } = await renderPageGray(page, NOISY_DPI);
      const deg = (rand() < 0.5 ? -1 : 1) * (0.3 + rand() * 0.5);
      const shifted = rotate(image, deg, Math.round((rand() - 0.5) * 16), Math.round((rand() - 0.5) * 16));
      const noisy = degrade(shifted, rand);
      const jpeg = toCanvas(noisy).toBuffer('image/jpeg', JPEG_QUALITY);
      out.push({ jpeg: Buffer.from(jpeg), w: widthPt, h: heightPt, deg });
      page.cleanup();
    }
    return out;
  });
  const bytes = await imagesToPdf(
    pages.map((p) => ({ image: p.jpeg, w: p.w, h: p.h })),
    'juesuan scripts/make-noisy-scan.ts (pdfkit)',
    new Date(Date.UTC(2022, 0, 1)),
  );
  writeFileSync(path.join(FIXTURES, `${TARGET}.pdf`), bytes);
  // the truth is the sample's, byte for byte, but for doc.id
  const truth = readFileSync(path.join(FIXTURES, `${SOURCE}.truth.json`), 'utf8');
  const idLine = `"id": "${SOURCE}",`;
  if (!truth.includes(idLine)) throw new Error(`${SOURCE}.truth.json: no ${idLine}`);
  writeFileSync(path.join(FIXTURES, `${TARGET}.truth.json`), truth.replace(idLine, `"id": "${TARGET}",`));
  console.log(`${TARGET}.pdf: ${pages.length} pages, ${bytes.length} bytes; rotations ${pages.map((p) => p.deg.toFixed(2)).join(' ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();

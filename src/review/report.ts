/** Writes the review page of one extraction: finds its PDF, renders the pages, builds the model, writes HTML. */
import { access, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isPlainFileName, isSafeSegment, writeInside } from '../write/paths.js';
import { buildReview, type ReviewModel } from './data.js';
import { loadDocument } from './doc.js';
import { renderHtml } from './html.js';
import { pdfSha256, renderPages } from './render.js';

export interface ReviewOptions {
  out: string;
  /** the PDF; by default source.path, then source.file in raw/ and next to the extraction */
  pdf?: string;
  dpi?: number;
  quality?: number;
  /** inline: one self-contained file (data: URIs); files: JPEGs in <doc_id>.pages/ beside it */
  images?: 'inline' | 'files';
  password?: string;
}

export interface ReviewResult {
  doc_id: string;
  html: string;
  /** bytes of the HTML plus its image files */
  bytes: number;
  pdf: string;
  model: ReviewModel;
}

export class ReviewError extends Error {}

/**
 * Where the PDF of an extraction may be: the path it was read from (source.path, relative to the working
 * directory of the extraction, so a review from that folder finds it wherever it was), then raw/ (the
 * extract default), the extraction dir, its parent, ../raw. Whichever is found must have the sha256 of the
 * extraction, so a crafted path can only lead to the file that was extracted.
 */
export function pdfCandidates(docDir: string, file: string, sourcePath?: string): string[] {
  return [...(sourcePath ? [sourcePath] : []), path.join('raw', file), path.join(docDir, file), path.join(docDir, '..', file), path.join(docDir, '..', '..', 'raw', file)];
}

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

export async function writeReview(docPath: string, opts: ReviewOptions): Promise<ReviewResult> {
  const { file: jsonFile, doc } = await loadDocument(docPath);
  // Names from document.json become paths: a crafted one must not lead out of --out or raw/.
  if (!isSafeSegment(doc.doc_id)) throw new ReviewError(`${jsonFile}: doc_id ${JSON.stringify(doc.doc_id)} is not a safe file name (separator, control character, leading dot or empty); not reviewed`);
  if (!opts.pdf && !isPlainFileName(doc.source.file)) throw new ReviewError(`${jsonFile}: source.file ${JSON.stringify(doc.source.file)} is not a plain file name; give the PDF with --pdf`);
  const sourcePath = typeof doc.source.path === 'string' && doc.source.path !== '' && !doc.source.path.includes('\u0000') ? doc.source.path : undefined;
  const candidates = opts.pdf ? [opts.pdf] : pdfCandidates(path.dirname(jsonFile), doc.source.file, sourcePath);
  let pdf: string | undefined;
  for (const c of candidates) if (await exists(c)) { pdf = c; break; }
  if (!pdf) throw new ReviewError(`${doc.doc_id}: the PDF ${doc.source.file} was not found (looked in ${candidates.join(', ')}); give it with --pdf`);
  // Boxes drawn on another version of the file would point at the wrong places.
  const sha = await pdfSha256(pdf);
  if (sha !== doc.source.sha256) throw new ReviewError(`${doc.doc_id}: ${pdf} is not the PDF that was extracted (sha256 ${sha.slice(0, 12)}…, document.json has ${doc.source.sha256.slice(0, 12)}…)`);

  const rendered = await renderPages(pdf, { dpi: opts.dpi, quality: opts.quality, password: opts.password });
  const model = buildReview(doc, rendered.map((r) => r.geometry));
  const images = new Map<number, string>();
  let bytes = 0;
  if (opts.images === 'files') {
    const dirName = `${doc.doc_id}.pages`;
    for (const r of rendered) {
      const name = `p${String(r.geometry.page).padStart(3, '0')}.jpg`;
      await writeInside(opts.out, [dirName, name], r.jpeg);
      images.set(r.geometry.page, `${encodeURIComponent(dirName)}/${name}`);
      bytes += r.jpeg.length;
    }
  } else {
    for (const r of rendered) images.set(r.geometry.page, `data:image/jpeg;base64,${r.jpeg.toString('base64')}`);
  }
  const html = renderHtml(model, images);
  const htmlFile = path.join(opts.out, `${doc.doc_id}.html`);
  await writeInside(opts.out, [`${doc.doc_id}.html`], html);
  bytes += Buffer.byteLength(html);
  return { doc_id: doc.doc_id, html: htmlFile, bytes, pdf, model };
}

/** The document.json files a path names: a file, an extraction dir, or a folder of extraction dirs. */
export async function findExtractions(p: string): Promise<string[]> {
  const s = await stat(p);
  if (!s.isDirectory()) return [p];
  if (await exists(path.join(p, 'document.json'))) return [path.join(p, 'document.json')];
  const out: string[] = [];
  for (const e of (await readdir(p, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.isDirectory() && (await exists(path.join(p, e.name, 'document.json')))) out.push(path.join(p, e.name, 'document.json'));
  }
  return out;
}

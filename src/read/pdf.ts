import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getDocument, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DocumentError } from '../errors.js';
import type { PageContent, TextItem } from './types.js';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
// Without the CMaps CJK text comes out empty or wrong (pdf.js #9380); both come from the installed package.
const CMAP_URL = pathToFileURL(path.join(pdfjsRoot, 'cmaps') + path.sep).href;
const STANDARD_FONTS_URL = pathToFileURL(path.join(pdfjsRoot, 'standard_fonts') + path.sep).href;

export interface PdfInfo {
  pageCount: number;
  title?: string;
  producer?: string;
  creator?: string;
  encrypted: boolean;
}

/**
 * Opens a PDF from bytes, maps pdf.js failures to DocumentError, runs `use`, and always destroys the
 * document (pdf.js holds worker memory until destroy()).
 */
export async function withPdf<T>(
  file: string,
  data: Uint8Array,
  use: (doc: PDFDocumentProxy, info: PdfInfo) => Promise<T>,
  password?: string,
  maxPages?: number,
): Promise<T> {
  if (!looksLikePdf(data)) {
    throw new DocumentError('not_pdf', file, 'not a PDF file (no %PDF- header)');
  }
  const open = async (pw: string | undefined): Promise<PDFDocumentProxy> => {
    const task = getDocument({
      // pdf.js transfers (detaches) the buffer it is given; a retry needs the bytes again
      data: pw === password ? data : data.slice(),
      cMapUrl: CMAP_URL,
      cMapPacked: true,
      standardFontDataUrl: STANDARD_FONTS_URL,
      password: pw,
      verbosity: 0,
      isEvalSupported: false,
      useSystemFonts: false,
    });
    try {
      return await task.promise;
    } catch (err) {
      await task.destroy().catch(() => undefined);
      throw err;
    }
  };
  let doc: PDFDocumentProxy;
  try {
    doc = await open(password).catch((err: unknown) => {
      // --password is for the files that need one: a file with only an owner password (or none) opens
      // without it, so a password that does not fit is only wrong when the file cannot be opened without.
      if (password !== undefined && isPasswordError(err, 2)) return open(undefined).catch(() => Promise.reject(err));
      return Promise.reject(err);
    });
  } catch (err) {
    throw mapPdfjsError(file, err);
  }
  try {
    if (doc.numPages < 1) throw new DocumentError('no_pages', file, 'the PDF has no pages');
    if (maxPages !== undefined && doc.numPages > maxPages) throw new DocumentError('too_large', file, `${doc.numPages} pages, more than the limit of ${maxPages} (--max-pages)`);
    const meta = await doc.getMetadata().catch(() => undefined);
    const infoDict = (meta?.info ?? {}) as Record<string, unknown>;
    const str = (k: string) => (typeof infoDict[k] === 'string' && infoDict[k] ? (infoDict[k] as string) : undefined);
    const info: PdfInfo = {
      pageCount: doc.numPages,
      title: str('Title'),
      producer: str('Producer'),
      creator: str('Creator'),
      encrypted: Boolean(infoDict['IsEncrypted'] ?? false),
    };
    return await use(doc, info);
  } catch (err) {
    throw err instanceof DocumentError ? err : mapPdfjsError(file, err);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

export interface ReadLimits {
  /** what to open when it differs from `file` (a name that is not UTF-8 is opened by its bytes) */
  path?: string | Buffer;
  /** larger files fail as too_large before a byte is read */
  maxBytes?: number;
  /** documents with more pages fail as too_large before a page is read */
  maxPages?: number;
}

/**
 * The bytes of a regular file. Anything else (a FIFO, a device such as /dev/zero, a socket, a
 * directory) is refused after fstat without reading: the open is non-blocking, so a FIFO with no
 * writer cannot hang it. The size is checked before reading, and the read stops past the limit
 * (a file can grow while it is read).
 */
export async function readPdfBytes(file: string, limits: ReadLimits = {}): Promise<Uint8Array> {
  const max = limits.maxBytes ?? Infinity;
  let fh;
  try {
    fh = await open(limits.path ?? file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw openError(file, err as NodeJS.ErrnoException);
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new DocumentError('not_a_file', file, `${fileKind(st)}, not a regular file; not read`);
    if (st.size > max) throw new DocumentError('too_large', file, `${mb(st.size)} MB, more than the limit of ${mb(max)} MB (--max-size)`);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(Math.max(st.size - total, 1 << 16), max - total + 1);
      const { bytesRead, buffer } = await fh.read({ buffer: Buffer.allocUnsafe(Math.max(1, want)) });
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > max) throw new DocumentError('too_large', file, `more than the limit of ${mb(max)} MB (--max-size)`);
      chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
    }
    const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    throw openError(file, err as NodeJS.ErrnoException);
  } finally {
    await fh.close().catch(() => undefined);
  }
}

function mb(bytes: number): string {
  return (bytes / (1 << 20)).toFixed(bytes < 1 << 20 ? 2 : 0);
}

function fileKind(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

function openError(file: string, err: NodeJS.ErrnoException): DocumentError {
  switch (err.code) {
    case 'ENOENT':
      return new DocumentError('not_found', file, 'file not found');
    case 'ENOTDIR':
      return new DocumentError('not_found', file, 'file not found (a part of its path is not a folder)');
    case 'EACCES':
    case 'EPERM':
      return new DocumentError('permission_denied', file, `no permission to read it (${err.code})`);
    case 'ELOOP':
      return new DocumentError('symlink_loop', file, 'a loop of symbolic links (ELOOP)');
    case 'ENAMETOOLONG':
      return new DocumentError('not_found', file, 'file name too long (ENAMETOOLONG)');
    case 'EISDIR':
      return new DocumentError('not_a_file', file, 'a directory, not a regular file; not read');
    default:
      return new DocumentError('read_failed', file, `cannot read it (${err.code ?? err.message})`);
  }
}

function looksLikePdf(data: Uint8Array): boolean {
  // The header may be preceded by junk within the first 1024 bytes (PDF spec implementation note).
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

function isPasswordError(err: unknown, code: 1 | 2): boolean {
  return (err as { name?: string })?.name === 'PasswordException' && (err as { code?: number }).code === code;
}

function mapPdfjsError(file: string, err: unknown): DocumentError {
  const name = (err as { name?: string })?.name ?? '';
  const message = (err as { message?: string })?.message ?? String(err);
  if (name === 'PasswordException') {
    // pdf.js PasswordResponses: 1 NEED_PASSWORD, 2 INCORRECT_PASSWORD
    if (isPasswordError(err, 2)) return new DocumentError('password_incorrect', file, 'the PDF is encrypted and the password given with --password is wrong');
    return new DocumentError('password_required', file, 'the PDF is encrypted and needs a user password to open (use --password)');
  }
  if (name === 'InvalidPDFException' || name === 'FormatError' || /Invalid PDF|bad XRef|startxref|Invalid root/i.test(message)) {
    return new DocumentError('invalid_pdf', file, `invalid or truncated PDF (${message})`);
  }
  return new DocumentError('invalid_pdf', file, `cannot parse the PDF (${message})`);
}

/** Every text run of a page with its position; segments are filled by the caller (rulings). */
export async function readPageText(page: PDFPageProxy): Promise<Omit<PageContent, 'segments'>> {
  const view = page.view; // [x0, y0, x1, y1] of the media box
  const tc = await page.getTextContent({ includeMarkedContent: false, disableNormalization: true });
  const items: TextItem[] = [];
  for (const raw of tc.items) {
    if (!('str' in raw)) continue;
    if (raw.str.length === 0) continue;
    const [a, b, c, d, e, f] = raw.transform as number[];
    // Font size is the length of the text matrix's y axis; rotated runs keep their size.
    const size = Math.hypot(c, d) || Math.hypot(a, b);
    items.push({
      page: page.pageNumber,
      str: raw.str,
      x: e - view[0],
      y: f - view[1],
      width: raw.width,
      height: size,
    });
  }
  return { page: page.pageNumber, width: view[2] - view[0], height: view[3] - view[1], items };
}

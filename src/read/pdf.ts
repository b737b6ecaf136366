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
    throw new DocumentError('not_pdf', file, '不是 PDF 文件（文件头没有 %PDF-）');
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
    if (doc.numPages < 1) throw new DocumentError('no_pages', file, 'PDF 没有任何页面');
    if (maxPages !== undefined && doc.numPages > maxPages) throw new DocumentError('too_large', file, `共 ${doc.numPages} 页，超过页数上限 ${maxPages}（--max-pages），未读取`);
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

export { readPdfBytes, type ReadLimits } from './bytes.js';

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
    if (isPasswordError(err, 2)) return new DocumentError('password_incorrect', file, 'PDF 已加密，--password 给出的密码不对');
    return new DocumentError('password_required', file, 'PDF 已加密，需要打开密码（用 --password 给出）');
  }
  if (name === 'InvalidPDFException' || name === 'FormatError' || /Invalid PDF|bad XRef|startxref|Invalid root/i.test(message)) {
    return new DocumentError('invalid_pdf', file, `PDF 文件损坏或不完整（${message}）`);
  }
  return new DocumentError('invalid_pdf', file, `无法解析 PDF（${message}）`);
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
    // A damaged text matrix gives NaN positions: such a run has no place on the page to source a value by.
    if (![e, f, raw.width, size].every(Number.isFinite)) continue;
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

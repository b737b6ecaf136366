/**
 * A document process: the batch forks a few of these (src/worker/pool.ts) and sends them one document
 * at a time. Each has its own pdf.js (whose per-document state is a process-wide singleton) and, when a
 * page needs OCR, its own tesseract workers, reused for its later documents. Whatever happens inside —
 * an exception, a promise pdf.js rejects with nobody listening, a native crash, memory or time running
 * out (the parent kills it) — ends only the document it was reading.
 */
import path from 'node:path';
import { DocumentError } from '../errors.js';
import type { OcrPool } from '../ocr/engine.js';
import { prepareRules, processDocument, type PreparedRules } from '../pipeline.js';
import { readSegments } from '../read/rulings.js';
import { summarize, writeDocument } from '../write/output.js';
import type { ChildSetup, FromChild, ToChild } from './messages.js';

let setup: ChildSetup;
let prepared: PreparedRules;
let ocrPool: Promise<OcrPool> | undefined;
let current: { id: number; file: string } | undefined;

function send(msg: FromChild): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(msg, undefined, {}, () => resolve());
  });
}

/** A rejection nobody handled or an exception nobody caught: the current document fails, the process ends. */
async function fatal(err: unknown): Promise<never> {
  if (current) {
    const e = err as { name?: string; message?: string } | undefined;
    const name = e?.name ?? '';
    // pdf.js's own exceptions are about the file; anything else is ours
    const pdfjs = /Exception$|^FormatError$|^(InvalidPDF|MissingPDF|UnexpectedResponse|XRefEntry|XRefParse)/.test(name);
    const what = `${name || 'Error'}: ${(e?.message ?? String(err)).split('\n')[0]}`;
    await send({ type: 'failed', id: current.id, code: pdfjs ? 'invalid_pdf' : 'internal', message: `${current.file}: ${pdfjs ? 'PDF 文件损坏' : '内部错误'}（读取时未处理的异常：${what}）`, exiting: true });
  } else {
    // between documents (or while starting): the parent quotes this line when it reports the exit
    process.stderr.write(`juesuan document process: ${(err as Error)?.message ?? String(err)}\n`);
  }
  process.exit(1);
}

/**
 * Test-only faults, by file name, so tests can make a document crash the process, hang, or reject a
 * promise nobody handles: JUESUAN_TEST_FAULTS='{"a.pdf":"crash"}'. Unset in normal use.
 */
async function testFault(file: string): Promise<void> {
  const spec = process.env.JUESUAN_TEST_FAULTS;
  if (!spec) return;
  const fault = (JSON.parse(spec) as Record<string, string>)[path.basename(file)];
  if (fault === 'crash') process.abort();
  if (fault === 'exit') process.exit(3);
  if (fault === 'reject') void Promise.reject(new Error('test fault: a promise rejected with no handler'));
  if (fault === 'hang') await new Promise(() => undefined); // the IPC channel keeps the process alive
}

async function runDocument(id: number, file: string, bytesPath: Buffer | undefined, outDir: string, docId: string, source: string): Promise<void> {
  current = { id, file };
  try {
    await testFault(file);
    const read = await processDocument(file, prepared, {
      password: setup.password,
      readSegments,
      limits: { path: bytesPath, maxBytes: setup.maxBytes, maxPages: setup.maxPages },
      ocr: {
        mode: setup.ocrMode,
        rules: prepared.rules.ocr,
        vocabulary: prepared.rules.document.report.vocabulary,
        pool: () => (ocrPool ??= import('../ocr/engine.js').then((m) => m.createOcrPool(setup.ocrWorkers))),
      },
      onPage: (page, pages) => void send({ type: 'page', id, page, pages }),
    });
    // the store's key, and the path it was read from (relative to the working directory of the run)
    const doc = { ...read, doc_id: docId, source: { ...read.source, path: source } };
    try {
      await writeDocument(outDir, doc, setup.bom);
    } catch (err) {
      throw new DocumentError('write_failed', file, `无法写出结果：${(err as Error).message}`);
    }
    // the result is dropped here: the parent gets the counts, the corpus files are built from the files
    await send({ type: 'done', id, summary: summarize(doc) });
  } catch (err) {
    const e = err instanceof DocumentError ? err : new DocumentError('internal', file, `内部错误：${((err as Error)?.message ?? String(err)).split('\n')[0]}`);
    await send({ type: 'failed', id, code: e.code, message: e.message });
  } finally {
    current = undefined;
  }
}

async function onMessage(msg: ToChild): Promise<void> {
  if (msg.type === 'init') {
    setup = msg.setup;
    prepared = prepareRules(setup.rules ?? (await import('../rules/load.js').then((m) => m.loadRules(setup.rulesDir))));
    await send({ type: 'ready' });
  } else if (msg.type === 'doc') {
    await runDocument(msg.id, msg.file, msg.path ? Buffer.from(msg.path) : undefined, msg.outDir, msg.docId, msg.source);
  } else if (msg.type === 'close') {
    if (ocrPool) await (await ocrPool).close();
    await send({ type: 'closed' });
    process.exit(0);
  }
}

process.on('unhandledRejection', (err) => void fatal(err));
process.on('uncaughtException', (err) => void fatal(err));
// The batch is gone (killed, crashed): nothing to report to, stop.
process.on('disconnect', () => process.exit(0));
// Ctrl-C reaches the whole process group: the parent decides (it stops this process when the run is interrupted).
process.on('SIGINT', () => undefined);
// Messages are handled one after the other (the parent sends a document only to an idle child anyway).
let queue = Promise.resolve();
process.on('message', (msg: ToChild) => {
  queue = queue.then(() => onMessage(msg)).catch((err) => fatal(err));
});

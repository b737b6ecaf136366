import os from 'node:os';
import pLimit from 'p-limit';
import { DocumentError } from './errors.js';
import type { OcrMode, OcrPool } from './ocr/index.js';
import { processDocument, type DocumentResult, type PipelineOptions, type PreparedRules } from './pipeline.js';
import { docIdOf } from './write/paths.js';
import { removeDocumentOutput, writeCorpus, writeDocument, writeManifest, type Manifest, type ManifestEntry } from './write/output.js';

/**
 * One input of a batch. `file` is how it is named in messages and the manifest; `path`, when present,
 * is what to open: the bytes of a name that is not valid UTF-8 (a GBK name from a Windows zip), which
 * no JavaScript string can carry.
 */
export interface InputFile {
  file: string;
  path?: Buffer;
}

export interface BatchOptions {
  files: InputFile[];
  outDir: string;
  rulesDir: string;
  concurrency?: number;
  bom?: boolean;
  password?: string;
  readSegments?: PipelineOptions['readSegments'];
  /** OCR mode; the worker pool is made on the first page that needs it and closed at the end */
  ocrMode?: OcrMode;
  version: string;
  /** progress: a document started reading pages / a page was read / a document finished */
  onProgress?: (event: { file: string; page?: number; pages?: number; done?: ManifestEntry }) => void;
}

export interface BatchResult {
  manifest: Manifest;
  documents: DocumentResult[];
}

/**
 * Runs the pipeline over many files. A failing document is recorded in the manifest with its reason and
 * never stops the others; outputs are written as each document finishes.
 */
export async function runBatch(prepared: PreparedRules, opts: BatchOptions): Promise<BatchResult> {
  const started = new Date();
  const limit = pLimit(Math.max(1, opts.concurrency ?? os.availableParallelism()));
  const pdfReads = pLimit(1); // see PipelineOptions.exclusiveRead
  const exclusiveRead = <T>(read: () => Promise<T>) => pdfReads(read);
  // One pool of OCR workers for the whole run, reused across pages and files.
  let pool: Promise<OcrPool> | undefined;
  const ocr = { mode: opts.ocrMode ?? 'auto', rules: prepared.rules.ocr, vocabulary: prepared.rules.document.report.vocabulary, pool: () => (pool ??= import('./ocr/engine.js').then((m) => m.createOcrPool())) };
  const results = await Promise.all(
    opts.files.map((input) =>
      limit(async (): Promise<{ entry: ManifestEntry; doc?: DocumentResult }> => {
        const t0 = performance.now();
        const file = input.file;
        const { id: docId, mapped } = docIdOf(file);
        const warnings = fileWarnings(input, mapped);
        try {
          const doc = await processDocument(file, prepared, {
            password: opts.password,
            readSegments: opts.readSegments,
            exclusiveRead,
            ocr,
            limits: { path: input.path },
            onPage: (page, pages) => opts.onProgress?.({ file, page, pages }),
          });
          await writeDocument(opts.outDir, doc, opts.bom ?? false).catch((err: Error) => {
            throw new DocumentError('write_failed', file, `cannot write its output: ${err.message}`);
          });
          const entry: ManifestEntry = {
            file,
            doc_id: docId,
            status: 'ok',
            error: null,
            warnings,
            pages: doc.source.pages,
            ocr_pages: doc.source.ocr,
            unreadable_pages: doc.source.unreadable_pages.map((p) => ({ page: p.page, reason: p.reason })),
            records: { facts: doc.facts.length, line_items: doc.line_items.length, basic_items: doc.basic_items.length, evaluations: doc.evaluations.length, indicators: doc.indicators.length, staff: doc.staff.length, units: doc.units.length },
            checks_failed: { error: doc.checks.filter((c) => c.severity === 'error').length, warning: doc.checks.filter((c) => c.severity === 'warning').length },
            seconds: round((performance.now() - t0) / 1000),
          };
          entry.warnings.push(...documentWarnings(entry));
          opts.onProgress?.({ file, done: entry });
          return { entry, doc };
        } catch (err) {
          await removeDocumentOutput(opts.outDir, docId).catch(() => undefined);
          const e = err instanceof DocumentError ? err : new DocumentError('internal', file, `internal error: ${(err as Error)?.stack ?? String(err)}`);
          const entry: ManifestEntry = {
            file,
            doc_id: docId,
            status: 'failed',
            error: { code: e.code, message: e.message },
            warnings,
            pages: null,
            ocr_pages: [],
            unreadable_pages: [],
            records: null,
            checks_failed: null,
            seconds: round((performance.now() - t0) / 1000),
          };
          opts.onProgress?.({ file, done: entry });
          return { entry };
        }
      }),
    ),
  );
  if (pool) await (await pool).close();
  const documents = results.flatMap((r) => (r.doc ? [r.doc] : []));
  await writeCorpus(opts.outDir, documents, opts.bom ?? false);
  const manifest: Manifest = {
    juesuan_version: opts.version,
    started: started.toISOString(),
    finished: new Date().toISOString(),
    rules_dir: opts.rulesDir,
    documents: results.map((r) => r.entry),
  };
  await writeManifest(opts.outDir, manifest);
  return { manifest, documents };
}

/** What the manifest says about an input's name (README "Warnings"). */
export function fileWarnings(input: InputFile, docIdMapped: boolean): string[] {
  return [
    // the file name is not usable as a folder name as it is (dots only, separators, control characters)
    ...(docIdMapped ? ['doc_id_mapped'] : []),
    // shown and named with %XX for the bytes that are not UTF-8
    ...(input.path ? ['file_name_not_utf8'] : []),
  ];
}

/** What the manifest says about an ok document's content: a blank template reads fine and holds nothing. */
export function documentWarnings(entry: ManifestEntry): string[] {
  const r = entry.records;
  return r && Object.values(r).every((n) => n === 0) ? ['no_records'] : [];
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

import os from 'node:os';
import pLimit from 'p-limit';
import { DocumentError, type DocumentErrorCode } from './errors.js';
import { checkInput } from './read/bytes.js';
import type { DocumentResult } from './pipeline.js';
import type { OcrMode } from './ocr/decide.js';
import type { Rules } from './rules/schema.js';
import { DocumentPool } from './worker/pool.js';
import { docIdOf } from './write/paths.js';
import { removeDocumentOutput, writeCorpus, writeManifest, type Manifest, type ManifestEntry } from './write/output.js';

/**
 * One input of a batch. `file` is how it is named in messages and the manifest; `path`, when present,
 * is what to open: the bytes of a name that is not valid UTF-8 (a GBK name from a Windows zip), which
 * no JavaScript string can carry.
 */
export interface InputFile {
  file: string;
  path?: Buffer;
}

/** Per-document bounds (README "Command line"); past them a document fails as timeout / too_large. */
export interface DocumentLimits {
  /** wall clock per document */
  timeoutSeconds: number;
  /** resident memory of the process reading it */
  maxMemoryMb: number;
  /** input file size, checked before reading */
  maxSizeMb: number;
  maxPages: number;
}

export const DEFAULT_LIMITS: DocumentLimits = { timeoutSeconds: 1800, maxMemoryMb: 2048, maxSizeMb: 512, maxPages: 2000 };

export interface BatchOptions {
  files: InputFile[];
  outDir: string;
  rulesDir: string;
  /** the rules of rulesDir when the caller has loaded them already (handed to the document processes) */
  rules?: Rules;
  /** documents read at once, each in its own process (default: one per core) */
  concurrency?: number;
  bom?: boolean;
  password?: string;
  /** OCR mode; each document process makes its tesseract workers on its first page that needs them */
  ocrMode?: OcrMode;
  limits?: Partial<DocumentLimits>;
  version: string;
  /** progress: a page of a document was read / a document finished */
  onProgress?: (event: { file: string; page?: number; pages?: number; done?: ManifestEntry }) => void;
}

export interface BatchResult {
  manifest: Manifest;
  documents: DocumentResult[];
}

/**
 * Runs the pipeline over many files, `concurrency` at once, each document in a process of its own
 * (src/worker/pool.ts). A failing document — whatever the reason, a crash of its process included — is
 * recorded in the manifest with its code and never stops the others; each document's files are written
 * as it finishes, the corpus CSVs and the manifest at the end.
 */
export async function runBatch(opts: BatchOptions): Promise<BatchResult> {
  const started = new Date();
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? os.availableParallelism(), opts.files.length));
  const pool = new DocumentPool({
    size: concurrency,
    setup: {
      rulesDir: opts.rulesDir,
      rules: opts.rules,
      outDir: opts.outDir,
      bom: opts.bom ?? false,
      password: opts.password,
      ocrMode: opts.ocrMode ?? 'auto',
      // several documents at once share the cores; one alone gets them all for its OCR pages
      ocrWorkers: concurrency >= 2 ? 1 : os.availableParallelism(),
      maxBytes: limits.maxSizeMb * (1 << 20),
      maxPages: limits.maxPages,
    },
    timeoutMs: limits.timeoutSeconds * 1000,
    maxRssBytes: limits.maxMemoryMb * (1 << 20),
    onPage: (file, page, pages) => opts.onProgress?.({ file, page, pages }),
  });
  // An input that is not a regular file within --max-size (a FIFO, /dev/zero…) fails here, no process needed.
  const checks = pLimit(8);
  const precheck = (input: InputFile) =>
    checks(() => checkInput(input.file, { path: input.path, maxBytes: limits.maxSizeMb * (1 << 20) })).then(
      () => undefined,
      (err: unknown) => (err instanceof DocumentError ? { ok: false as const, code: err.code as DocumentErrorCode, message: err.message, seconds: 0 } : Promise.reject(err)),
    );
  let results: { entry: ManifestEntry; doc?: DocumentResult }[];
  try {
    results = await Promise.all(
      opts.files.map(async (input) => {
        const { id: docId, mapped } = docIdOf(input.file);
        const warnings = fileWarnings(input, mapped);
        const outcome = (await precheck(input)) ?? (await pool.run(input.file, input.path));
        const seconds = outcome.seconds;
        let entry: ManifestEntry;
        if (outcome.ok) {
          const doc = outcome.doc;
          entry = {
            file: input.file,
            doc_id: docId,
            status: 'ok',
            error: null,
            warnings,
            pages: doc.source.pages,
            ocr_pages: doc.source.ocr,
            unreadable_pages: doc.source.unreadable_pages.map((p) => ({ page: p.page, reason: p.reason })),
            records: { facts: doc.facts.length, line_items: doc.line_items.length, basic_items: doc.basic_items.length, evaluations: doc.evaluations.length, indicators: doc.indicators.length, table_cells: doc.table_cells.length, staff: doc.staff.length, units: doc.units.length },
            checks_failed: { error: doc.checks.filter((c) => c.severity === 'error').length, warning: doc.checks.filter((c) => c.severity === 'warning').length },
            seconds,
          };
          entry.warnings.push(...documentWarnings(entry));
        } else {
          // A document that failed leaves no output behind (from this run's process or an earlier run).
          await removeDocumentOutput(opts.outDir, docId).catch(() => undefined);
          entry = { file: input.file, doc_id: docId, status: 'failed', error: { code: outcome.code, message: outcome.message }, warnings, pages: null, ocr_pages: [], unreadable_pages: [], records: null, checks_failed: null, seconds };
        }
        opts.onProgress?.({ file: input.file, done: entry });
        return { entry, doc: outcome.ok ? outcome.doc : undefined };
      }),
    );
  } finally {
    await pool.close();
  }
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

/**
 * What the manifest says about an ok document's content: a blank template reads fine and holds no value
 * (its unit list may still name "XX中心": names are no values).
 */
export function documentWarnings(entry: ManifestEntry): string[] {
  const r = entry.records;
  if (!r) return [];
  const { units: _names, ...values } = r;
  return Object.values(values).every((n) => n === 0) ? ['no_records'] : [];
}

import os from 'node:os';
import pLimit from 'p-limit';
import { DocumentError } from './errors.js';
import { sha256OfFile } from './read/bytes.js';
import type { OcrMode } from './ocr/decide.js';
import type { Rules } from './rules/schema.js';
import { rulesFingerprint } from './rules/load.js';
import { DocumentPool, Interrupted, type Outcome } from './worker/pool.js';
import { rebuildCorpus, type CorpusRun } from './write/corpus.js';
import { docIdOf } from './write/paths.js';
import { removeDocumentOutput, type Manifest, type ManifestEntry } from './write/output.js';
import { claimKey, relativeSourcePath, upToDate, writeEntry, type Claim, type StoreEntry } from './write/store.js';

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
  /** redo documents whose stored result is up to date */
  force?: boolean;
  /** aborted on SIGINT / SIGTERM: running documents are stopped, what is finished is kept */
  signal?: AbortSignal;
  /** progress: a page of a document was read / a document finished / was skipped */
  onProgress?: (event: { file: string; page?: number; pages?: number; done?: ManifestEntry; skipped?: ManifestEntry; duplicateOf?: string }) => void;
}

export interface BatchResult {
  /** the whole store after the run (every document in the folder, not only this run's) */
  manifest: Manifest;
  /** this run's inputs: read now, skipped (unchanged or a duplicate), and not done (interrupted) */
  total: number;
  done: ManifestEntry[];
  skipped: ManifestEntry[];
  interrupted: boolean;
}

/** What happened to one input. */
export type RunOutcome =
  | { kind: 'done'; entry: ManifestEntry }
  /** its stored result is up to date (same bytes, rules, version), or another input of this run has the same key and content */
  | { kind: 'skipped'; entry: ManifestEntry; duplicateOf?: string }
  | { kind: 'interrupted' };

export interface RunnerOptions {
  /** the store documents go into, unless run() names another */
  outDir: string;
  rulesDir: string;
  /** the rules of rulesDir when loaded already: the document processes do not parse them again */
  rules?: Rules;
  /** rulesFingerprint(rulesDir) */
  rulesSha256: string;
  version: string;
  /** document processes at most */
  processes: number;
  bom?: boolean;
  password?: string;
  ocrMode?: OcrMode;
  /** tesseract workers per process */
  ocrWorkers: number;
  limits?: Partial<DocumentLimits>;
  onPage?: (file: string, page: number, pages: number) => void;
}

/**
 * One input from its bytes to its store entry: sha256, key (src/write/store.ts), skip when up to date,
 * the document process, the entry. The local batch and the queue worker (src/queue/) both run documents
 * through this, so both modes run the same code and write the same store.
 */
export class DocumentRunner {
  readonly pool: DocumentPool;
  private readonly limits: DocumentLimits;
  /** reading whole files for their sha256, a few at once */
  private readonly hashing = pLimit(4);

  constructor(private readonly opts: RunnerOptions) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.pool = new DocumentPool({
      size: opts.processes,
      setup: {
        rulesDir: opts.rulesDir,
        rules: opts.rules,
        bom: opts.bom ?? false,
        password: opts.password,
        ocrMode: opts.ocrMode ?? 'auto',
        ocrWorkers: opts.ocrWorkers,
        maxBytes: this.limits.maxSizeMb * (1 << 20),
        maxPages: this.limits.maxPages,
      },
      timeoutMs: this.limits.timeoutSeconds * 1000,
      maxRssBytes: this.limits.maxMemoryMb * (1 << 20),
      onPage: opts.onPage,
    });
  }

  /**
   * Runs one input. `source` is the path to record (default: `file` relative to the working directory);
   * `taken` the keys this batch has given out already (a second input with the same key and content is a
   * duplicate); `claimTurn` / `claimed` make a batch claim keys in input order (the first of two files of
   * one name keeps the plain name, run after run). Rejects only when no document process can start (the run itself has failed).
   */
  async run(input: InputFile & { source?: string }, opts: { outDir?: string; force?: boolean; taken?: Map<string, string>; claimTurn?: Promise<void>; claimed?: () => void } = {}): Promise<RunOutcome> {
    const outDir = opts.outDir ?? this.opts.outDir;
    const source = input.source ?? relativeSourcePath(input.file);
    const base = () => ({ file: input.file, path: source, sha256, rules_sha256: this.opts.rulesSha256, juesuan_version: this.opts.version });
    const pendingEntry = (docId: string): StoreEntry => ({ ...base(), doc_id: docId, status: 'pending', finished: new Date().toISOString(), error: null, warnings: [], pages: null, ocr_pages: [], unreadable_pages: [], records: null, checks_failed: null, seconds: 0, peak_rss_mb: null });
    const maxBytes = this.limits.maxSizeMb * (1 << 20);
    // An input that is not a regular file within --max-size (a FIFO, /dev/zero…) fails here, no process needed.
    let sha256: string | null = null;
    let size = 0;
    let unreadable: DocumentError | undefined;
    let claim: Claim;
    try {
      await this.hashing(async () => {
        try {
          ({ sha256, size } = await sha256OfFile(input.file, { path: input.path, maxBytes }));
        } catch (err) {
          if (!(err instanceof DocumentError)) throw err;
          unreadable = err;
        }
      });
      await opts.claimTurn;
      claim = await claimKey(outDir, { file: input.file, path: source, sha256 }, pendingEntry(''));
    } finally {
      opts.claimed?.();
    }
    const { mapped } = docIdOf(input.file);
    const warnings = [...fileWarnings(input, mapped), ...(claim.clash ? ['doc_id_clash'] : [])];
    const earlier = opts.taken?.get(claim.docId);
    if (earlier !== undefined && claim.previous) return { kind: 'skipped', entry: { ...(claim.previous as ManifestEntry) }, duplicateOf: earlier };
    opts.taken?.set(claim.docId, input.file);
    if (!opts.force && !unreadable && upToDate(claim.previous, { sha256, rules_sha256: this.opts.rulesSha256, juesuan_version: this.opts.version })) {
      return { kind: 'skipped', entry: claim.previous as ManifestEntry };
    }
    // pending while it is read: a run killed now leaves no stale "ok" beside half-replaced files
    if (claim.previous) await writeEntry(outDir, pendingEntry(claim.docId));
    let outcome: Outcome;
    if (unreadable) outcome = { ok: false, code: unreadable.code, message: unreadable.message, seconds: 0, peakRssMb: null };
    else {
      try {
        outcome = await this.pool.run(input.file, input.path, { outDir, docId: claim.docId, source, size });
      } catch (err) {
        if (err instanceof Interrupted) return { kind: 'interrupted' };
        throw err;
      }
    }
    const common = { ...base(), doc_id: claim.docId, finished: new Date().toISOString(), seconds: outcome.seconds, peak_rss_mb: outcome.peakRssMb };
    let entry: ManifestEntry;
    if (outcome.ok) {
      entry = { ...common, status: 'ok', error: null, warnings, ...outcome.summary };
      entry.warnings.push(...documentWarnings(entry));
    } else {
      // A document that failed leaves no output behind (from this run's process or an earlier run).
      await removeDocumentOutput(outDir, claim.docId).catch(() => undefined);
      entry = { ...common, status: 'failed', error: { code: outcome.code, message: outcome.message }, warnings, pages: null, ocr_pages: [], unreadable_pages: [], records: null, checks_failed: null };
    }
    await writeEntry(outDir, entry);
    return { kind: 'done', entry };
  }

  abort(): Promise<void> {
    return this.pool.abort();
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * Runs the pipeline over many files into the store at `outDir`, `concurrency` at once, each document in a
 * process of its own (src/worker/pool.ts), the smallest files first. A failing document — whatever the
 * reason, a crash of its process included — is recorded with its code and never stops the others; each
 * document's files and store entry are written as it finishes, the corpus files rebuilt from the whole
 * store every few seconds (a journal) and at the end. When `signal` aborts
 * (SIGINT, SIGTERM) running documents are stopped, the corpus files rebuilt from what is finished.
 */
export async function runBatch(opts: BatchOptions): Promise<BatchResult> {
  const started = new Date().toISOString();
  const concurrency = Math.max(1, Math.min(opts.concurrency ?? os.availableParallelism(), opts.files.length));
  const rulesSha256 = await rulesFingerprint(opts.rulesDir);
  const runner = new DocumentRunner({
    outDir: opts.outDir,
    rulesDir: opts.rulesDir,
    rules: opts.rules,
    rulesSha256,
    version: opts.version,
    processes: concurrency,
    bom: opts.bom,
    password: opts.password,
    ocrMode: opts.ocrMode,
    // several documents at once share the cores; one alone gets them all for its OCR pages
    ocrWorkers: concurrency >= 2 ? 1 : os.availableParallelism(),
    limits: opts.limits,
    onPage: (file, page, pages) => opts.onProgress?.({ file, page, pages }),
  });
  const run: CorpusRun = { juesuan_version: opts.version, rules_dir: opts.rulesDir, started, bom: opts.bom ?? false };
  const journal = new Journal(opts.outDir, run);
  const onAbort = () => void runner.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const taken = new Map<string, string>();
  let turn = Promise.resolve();
  let outcomes: RunOutcome[];
  try {
    outcomes = await Promise.all(
      opts.files.map(async (input) => {
        const claimTurn = turn;
        let claimed!: () => void;
        turn = new Promise<void>((resolve) => (claimed = resolve));
        if (opts.signal?.aborted) {
          claimed();
          return { kind: 'interrupted' } as const;
        }
        const o = await runner.run(input, { force: opts.force, taken, claimTurn, claimed });
        if (o.kind === 'done') {
          opts.onProgress?.({ file: input.file, done: o.entry });
          journal.touch();
        } else if (o.kind === 'skipped') opts.onProgress?.({ file: input.file, skipped: o.entry, duplicateOf: o.duplicateOf });
        return o;
      }),
    );
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    if (opts.signal?.aborted) await runner.abort();
    else await runner.close();
    await journal.idle();
  }
  const manifest = await rebuildCorpus(opts.outDir, run);
  return {
    manifest,
    total: opts.files.length,
    done: outcomes.flatMap((o) => (o.kind === 'done' ? [o.entry] : [])),
    skipped: outcomes.flatMap((o) => (o.kind === 'skipped' ? [o.entry] : [])),
    interrupted: opts.signal?.aborted ?? false,
  };
}

/**
 * The corpus files rebuilt from the store while a run goes on, so a run killed with -9 still leaves a
 * manifest and CSVs listing what it finished (a journal): at most once a second, and spending at most a
 * tenth of the time on it (a large store takes a while to stream).
 */
class Journal {
  private last = 0;
  private cost = 0;
  private writing?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private again = false;

  constructor(
    private readonly outDir: string,
    private readonly run: CorpusRun,
  ) {}

  /** A document finished: rebuild now, or when the interval is over. */
  touch(): void {
    if (this.writing || this.timer) {
      this.again = true;
      return;
    }
    const wait = this.last + Math.max(1000, 10 * this.cost) - performance.now();
    if (wait > 0) this.timer = setTimeout(() => this.flush(), wait);
    else this.flush();
  }

  private flush(): void {
    this.timer = undefined;
    this.again = false;
    const t0 = performance.now();
    this.writing = rebuildCorpus(this.outDir, this.run)
      .then(
        () => undefined,
        () => undefined, // reported by the rebuild at the end, if it lasts
      )
      .finally(() => {
        this.last = performance.now();
        this.cost = this.last - t0;
        this.writing = undefined;
        if (this.again) this.touch();
      });
  }

  /** No more rebuilds: the run's own one follows. */
  async idle(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.again = false;
    while (this.writing) await this.writing;
  }
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
